"""An unsigned, badly signed or tampered request is refused with 401, naming the problem, and writes nothing."""

import json

import pytest
from nacl.signing import SigningKey

from federation.models import InboundMessage
from tests.federation.conftest import INBOX, hello, post, signed


def _nothing_written(peer):
    peer.refresh_from_db()
    return not InboundMessage.objects.exists() and peer.last_hello_at is None


def test_an_unsigned_request_is_refused(peer, client):
    response = client.post(INBOX, data=json.dumps(hello()), content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {"error": "The request is not signed."}
    assert _nothing_written(peer)


def test_a_tampered_body_is_refused_naming_the_content_digest(peer, peer_key, client):
    # given a request signed by the peer whose body was changed on the way
    headers, content = signed(peer_key, hello(name="Sister Cooperative"))
    tampered = content.replace(b"Sister", b"Mallory")

    response = post(client, headers, tampered)

    assert response.status_code == 401
    assert "content-digest" in response.json()["error"]
    assert _nothing_written(peer)


def test_a_signature_by_another_key_is_refused(peer, client):
    # given a stranger who copies the peer's key id but signs with its own key
    stranger = SigningKey.generate()
    headers, content = signed(stranger, hello())
    genuine_key_id = peer.key_id
    headers["Signature-Input"] = headers["Signature-Input"].replace(
        headers["Signature-Input"].split('keyid="')[1].split('"')[0], genuine_key_id
    )

    response = post(client, headers, content)

    assert response.status_code == 401
    assert "does not verify" in response.json()["error"]
    assert _nothing_written(peer)


def test_an_unknown_key_id_is_refused(peer, client):
    headers, content = signed(SigningKey.generate(), hello())
    response = post(client, headers, content)
    assert response.status_code == 401
    assert response.json() == {"error": "The signature's key id names no known peer."}
    assert _nothing_written(peer)


@pytest.mark.parametrize("component", ['"@target-uri" ', ' "content-digest"'])
def test_a_signature_that_leaves_out_a_required_component_is_refused(peer, peer_key, client, component):
    # given a signature input that no longer lists a component the inbox requires
    headers, content = signed(peer_key, hello())
    headers["Signature-Input"] = headers["Signature-Input"].replace(component, "")

    response = post(client, headers, content)

    assert response.status_code == 401
    assert "must cover" in response.json()["error"] or "does not verify" in response.json()["error"]
    assert _nothing_written(peer)


def test_a_request_signed_for_another_address_is_refused(peer, peer_key, client):
    headers, content = signed(peer_key, hello(), url="http://elsewhere.example/federation/inbox/")
    response = post(client, headers, content)
    assert response.status_code == 401
    assert _nothing_written(peer)


def test_the_inbox_takes_post_only(db, client):
    assert client.get(INBOX).status_code == 405
