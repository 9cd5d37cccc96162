"""This installation's key: from FEDERATION_SIGNING_KEY, or derived from the secret key without it;
its fingerprint is eight groups of four hex digits; the deploy check warns while the key is derived."""

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from nacl.signing import SigningKey

from federation import identity
from federation.checks import signing_key_check


def test_the_key_comes_from_the_environment(settings):
    key = SigningKey.generate()
    settings.FEDERATION_SIGNING_KEY = key.encode().hex()
    assert identity.public_key_hex() == key.verify_key.encode().hex()
    assert signing_key_check(None) == []


def test_without_one_the_key_is_derived_from_the_secret_key_and_the_deploy_check_warns(settings):
    settings.FEDERATION_SIGNING_KEY = ""
    first = identity.public_key_hex()
    assert identity.public_key_hex() == first
    settings.SECRET_KEY = "another secret"
    assert identity.public_key_hex() != first
    assert [w.id for w in signing_key_check(None)] == ["federation.W001"]


@pytest.mark.parametrize("seed", ["abc", "zz" * 32, "00" * 31])
def test_a_malformed_key_is_refused(settings, seed):
    settings.FEDERATION_SIGNING_KEY = seed
    with pytest.raises(ImproperlyConfigured):
        identity.signing_key()


def test_the_fingerprint_reads_in_eight_groups_and_ignores_how_it_is_typed():
    public_key = SigningKey.generate().verify_key.encode().hex()
    fingerprint = identity.fingerprint(public_key)
    groups = fingerprint.split(" ")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert identity.normalized_fingerprint(fingerprint.lower().replace(" ", "-")) == fingerprint
    assert identity.key_id(public_key) == fingerprint.replace(" ", "").lower()


def test_keygen_prints_a_usable_key(settings):
    out = StringIO()
    call_command("federation_keygen", stdout=out)
    lines = dict(line.split("=", 1) if "=" in line else line.split(":", 1) for line in out.getvalue().splitlines())
    settings.FEDERATION_SIGNING_KEY = lines["FEDERATION_SIGNING_KEY"]
    assert identity.public_key_hex() == lines["public key"].strip()
    assert identity.own_fingerprint() == lines["fingerprint"].strip()
