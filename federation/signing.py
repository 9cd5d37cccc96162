"""Server-to-server requests signed with HTTP Message Signatures (RFC 9421), Ed25519.

A message is a POST of JSON to the peer's inbox. The signature covers the method, the target URI
and the Content-Digest of the body (RFC 9530, SHA-256), with its `created` time, the sender's key
id and a `nonce` that is the message's idempotency key: the receiver takes the key from what was
signed, so a replay cannot be dressed up as a new message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils.translation import gettext as _
from http_message_signatures import HTTPMessageSigner, HTTPMessageVerifier, InvalidSignature
from http_message_signatures.algorithms import HTTPSignatureAlgorithm
from http_message_signatures.resolvers import HTTPSignatureKeyResolver
from nacl.signing import SigningKey, VerifyKey

COVERED = ("@method", "@target-uri", "content-digest")
# Names this application's signatures among any others a proxy might add.
TAG = "coop-federation"
LABEL = "coop"


class Ed25519(HTTPSignatureAlgorithm):
    """RFC 9421's ed25519 through PyNaCl, the platform's Ed25519 library, with raw 32-byte keys."""

    algorithm_id = "ed25519"

    def __init__(self, public_key: bytes | None = None, private_key: SigningKey | None = None):
        self.verify_key = VerifyKey(public_key) if public_key is not None else None
        self.private_key = private_key

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message).signature

    def verify(self, signature: bytes, message: bytes) -> None:
        self.verify_key.verify(message, signature)


@dataclass
class Request:
    """The parts of an HTTP request a signature covers, in the shape the library reads."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)


def signed_request(*, url: str, body: dict, key: SigningKey, key_id: str, nonce: str, created=None) -> tuple:
    """Return (headers, body bytes) of a POST of `body` as JSON to `url`, signed with `key`."""
    content = json.dumps(body, separators=(",", ":"), sort_keys=True).encode()
    request = Request("POST", url, {"Content-Type": "application/json"})
    signer = HTTPMessageSigner(signature_algorithm=Ed25519, key_resolver=None)
    prepared = signer.prepare(
        request,
        key_id=key_id,
        created=created or datetime.now(UTC),
        nonce=nonce,
        tag=TAG,
        label=LABEL,
        covered_component_ids=COVERED,
        body=content,
    )
    signer.apply(request, prepared, Ed25519(private_key=key).sign(prepared.signature_base))
    return request.headers, content


@dataclass(frozen=True)
class Verified:
    """What a valid signature vouches for: who signed, when, and the message's idempotency key."""

    key_id: str
    created: datetime
    nonce: str | None


class _Resolver(HTTPSignatureKeyResolver):
    def __init__(self, public_key_for: Callable[[str], bytes | None]):
        self.public_key_for = public_key_for

    def resolve_public_key(self, key_id: str):
        return self.public_key_for(key_id)


class Refused(Exception):
    """A request whose signature does not hold, with the problem named for the sender."""


def verify_request(*, method: str, url: str, headers: dict, body: bytes, public_key_for) -> Verified:
    """Return what the signature of a request vouches for, or raise Refused naming the problem.

    `public_key_for(key_id)` returns the raw public key of a known sender, or None. The headers are
    checked first (signature, covered components), then the body against the signed Content-Digest,
    so that a tampered body is told apart from a forged signature.
    """
    if "signature" not in {name.lower() for name in headers}:
        raise Refused(_("The request is not signed."))
    verifier = HTTPMessageVerifier(signature_algorithm=Ed25519, key_resolver=_Resolver(public_key_for))
    request = Request(method, url, headers)
    try:
        (result,) = verifier.verify(request, max_age=None, expect_tag=TAG, require_components=COVERED)
    except InvalidSignature as error:
        raise Refused(_signature_problem(error)) from error
    try:
        verifier.verify_body(request, [result], body)
    except InvalidSignature as error:
        raise Refused(_("The content-digest does not match the body.")) from error
    return Verified(
        key_id=result.parameters["keyid"],
        created=datetime.fromtimestamp(result.parameters["created"], UTC),
        nonce=result.parameters.get("nonce"),
    )


def _signature_problem(error: InvalidSignature) -> str:
    text = str(error)
    if "Unable to resolve verification key" in text:
        return _("The signature's key id names no known peer.")
    if "was not covered" in text:
        return _("The signature must cover %(components)s: %(problem)s") % {
            "components": ", ".join(COVERED),
            "problem": text,
        }
    if "created" in text:
        return _("The signature's created time is missing or wrong: %(problem)s") % {"problem": text}
    return _("The signature does not verify: %(problem)s") % {"problem": text}
