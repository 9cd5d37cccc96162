"""Messages arriving at the inbox: verified, recorded once per peer and idempotency key, and
applied by the handler of their kind in the same transaction, so that each is applied exactly once
or not at all. Every refusal names its problem and writes nothing."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting

from .. import handlers, signing
from ..models import InboundMessage, Peer

# A signature older than this is refused: with the idempotency keys, a replay captured later is
# refused too, and the window leaves room for clocks a little apart.
FRESHNESS = timedelta(minutes=5)
HELLO_FIELDS = {"name": 200, "software": 100}


@dataclass(frozen=True)
class Answer:
    """The inbox's answer to the sender: an HTTP status and a message naming the outcome."""

    status: int
    message: str

    @property
    def ok(self) -> bool:
        return self.status == 200


def inbox_receive(*, method: str, url: str, headers: dict, body: bytes) -> Answer:
    """Verify a request to the inbox and apply its message once; return the answer for the sender.

    Refused, with nothing written: a missing or bad signature, or a body that is not what was signed
    (401); a signature older than five minutes (401, stale); a peer not active (403); a body that is
    not a message, a kind this installation does not know, or a payload its handler refuses (400).
    A message whose idempotency key this peer already sent answers 200, "already received", and is
    not applied again.
    """
    found: dict[str, Peer] = {}

    def public_key_for(key_id: str) -> bytes | None:
        # A removed peer's key is still known, to be told apart from a stranger's (403, not 401).
        peer = Peer.objects.filter(key_id=key_id).order_by(_removed_last(), "-pk").first()
        if peer is None:
            return None
        found["peer"] = peer
        return bytes.fromhex(peer.public_key)

    try:
        verified = signing.verify_request(
            method=method, url=url, headers=headers, body=body, public_key_for=public_key_for
        )
    except signing.Refused as refusal:
        return Answer(401, str(refusal))
    if timezone.now() - verified.created > FRESHNESS:
        return Answer(401, _("The signature is stale: it was created more than five minutes ago."))
    peer = found["peer"]
    if peer.status != Peer.Status.ACTIVE:
        return Answer(
            403,
            _("This installation does not accept messages from %(peer)s: the peer is %(status)s.")
            % {"peer": peer.name, "status": str(peer.get_status_display()).lower()},
        )
    try:
        key = uuid.UUID(verified.nonce or "")
    except ValueError:
        return Answer(401, _("The signature's nonce must be the message's idempotency key (a UUID)."))
    try:
        message = json.loads(body)
    except ValueError:
        return Answer(400, _("The body is not JSON."))
    if not isinstance(message, dict) or not isinstance(message.get("kind"), str):
        return Answer(400, _('The body must be a JSON object with a "kind" and a "payload".'))
    kind, payload = message["kind"], message.get("payload", {})
    if InboundMessage.objects.filter(peer=peer, idempotency_key=key).exists():
        return Answer(200, _("Already received."))
    handler = handlers.handler_for(kind)
    if handler is None:
        return Answer(400, _("This installation does not know messages of kind %(kind)s.") % {"kind": kind})
    if not isinstance(payload, dict):
        return Answer(400, _("A message's payload is a JSON object."))
    return _apply(peer, key, kind, payload, handler)


def _apply(peer: Peer, key: uuid.UUID, kind: str, payload: dict, handler) -> Answer:
    try:
        # A savepoint: a handler's refusal, or the same key recorded meanwhile, undoes everything.
        with (
            transaction.atomic(),
            acting(None, _("Message %(kind)s from the peer %(peer)s") % {"kind": kind, "peer": peer.name}),
        ):
            received = InboundMessage.objects.create(peer=peer, idempotency_key=key, kind=kind, payload=payload)
            handler(peer, payload)
            received.applied_at = timezone.now()
            received.save(update_fields=["applied_at"])
    except IntegrityError:
        return Answer(200, _("Already received."))
    except ValidationError as error:
        return Answer(400, _("The message was refused: %(problem)s") % {"problem": "; ".join(error.messages)})
    return Answer(200, _("Applied."))


def _removed_last() -> Case:
    return Case(When(status=Peer.Status.REMOVED, then=Value(1)), default=Value(0))


def hello_apply(peer: Peer, payload: dict) -> None:
    """Record on `peer` the name and software it announced: the Board sees the peer is alive."""
    for field, longest in HELLO_FIELDS.items():
        value = payload.get(field)
        if not isinstance(value, str) or len(value) > longest:
            raise ValidationError({field: _("Give a text of at most %(longest)s characters.") % {"longest": longest}})
    peer.announced_name = payload["name"]
    peer.announced_software = payload["software"]
    peer.last_hello_at = timezone.now()
    peer.save(update_fields=["announced_name", "announced_software", "last_hello_at"])
