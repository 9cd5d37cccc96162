"""This installation's identity among its peers: an Ed25519 key pair and the fingerprint the Boards
read aloud to each other.

The private key is the 32-byte seed in `settings.FEDERATION_SIGNING_KEY` (hex), from the
environment and never the database, so that a dump or a backup does not carry it. Without one, the
seed is derived from `SECRET_KEY`: `make run` and the tests work with no setup, and the deploy check
warns, because rotating the secret key would then change the installation's identity.
"""

from __future__ import annotations

import hashlib
import hmac
import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from nacl.signing import SigningKey

PUBLIC_KEY_BYTES = 32
# 128 bits of SHA-256: short enough to read aloud in eight groups, far beyond any forgery.
FINGERPRINT_BYTES = 16


def signing_key() -> SigningKey:
    """Return this installation's private signing key."""
    seed_hex = settings.FEDERATION_SIGNING_KEY
    if not seed_hex:
        return SigningKey(hmac.digest(settings.SECRET_KEY.encode(), b"coop federation signing key", "sha256"))
    try:
        seed = bytes.fromhex(seed_hex)
    except ValueError:
        seed = b""
    if len(seed) != PUBLIC_KEY_BYTES:
        raise ImproperlyConfigured(
            "FEDERATION_SIGNING_KEY must be 64 hexadecimal digits (manage.py federation_keygen)."
        )
    return SigningKey(seed)


def public_key_hex() -> str:
    """Return this installation's public key, in hex, as a peer registers it."""
    return signing_key().verify_key.encode().hex()


def key_id(public_key: str) -> str:
    """Return the key id a signature names for `public_key` (hex): its fingerprint without spaces."""
    return hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[: FINGERPRINT_BYTES * 2]


def fingerprint(public_key: str) -> str:
    """Return the fingerprint of `public_key` (hex) to read aloud: eight groups of four hex digits."""
    compact = key_id(public_key).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def own_fingerprint() -> str:
    """Return this installation's fingerprint, which its Board reads to the other Board."""
    return fingerprint(public_key_hex())


def normalized_fingerprint(typed: str) -> str:
    """Return a typed fingerprint in the form `fingerprint()` gives, whatever its spaces, dashes or case."""
    compact = "".join(ch for ch in typed.upper() if ch.isalnum())
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


@cache
def software() -> str:
    """Return the name and version of the platform this installation runs, as a hello announces it."""
    project = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return f"{project['name']} {project['version']}"
