"""Messages to peers, through an outbox in the database: written in the caller's transaction,
delivered after it commits, and tried again with growing waits until the peer accepts them, so a
peer that is down loses nothing. The peer applies each idempotency key once, so a delivery that is
repeated (an answer lost on the way back) changes nothing there."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.queue import enqueue_on_commit

from .. import identity, signing
from ..models import OutboundMessage, Peer

DELIVER = "federation.message_deliver"
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)
TIMEOUT_SECONDS = 10
SWEEP_BATCH = 100


@transaction.atomic
def message_send(*, peer: Peer, kind: str, payload: dict, actor, reason: str) -> OutboundMessage:
    """Write a message of `kind` to `peer` in the current transaction and queue its delivery for
    after the commit. A suspended peer's messages wait until it is resumed; a peer not yet approved,
    or removed, receives none. The caller's service decides who may send what."""
    with acting(actor, reason) as stamp:
        # The status as stored now, not as a copy the caller read before the Board moved the peer on.
        peer = Peer.objects.get(pk=peer.pk)
        if peer.status not in (Peer.Status.ACTIVE, Peer.Status.SUSPENDED):
            raise ValidationError({"peer": _("Only an approved peer that is not removed receives messages.")})
        if not isinstance(payload, dict):
            raise ValidationError({"payload": _("A message's payload is a JSON object.")})
        message = OutboundMessage.objects.create(
            peer=peer, kind=kind, payload=payload, sent_by=person(actor), reason=stamp.reason
        )
    enqueue_on_commit(DELIVER, message.pk)
    return message


def message_deliver(message_id: int, *, now: datetime | None = None) -> bool:
    """POST the message, signed, to its peer's inbox if it is due and the peer is active; return
    whether the peer accepted it. A failure counts an attempt and sets the next one further away
    (30 seconds, doubling, at most 6 hours apart), for ever: a message is never dropped."""
    now = now or timezone.now()
    message = (
        OutboundMessage.objects.select_related("peer")
        .filter(pk=message_id, delivered_at__isnull=True, next_attempt_at__lte=now)
        .first()
    )
    if message is None or message.peer.status != Peer.Status.ACTIVE:
        return False
    headers, body = signing.signed_request(
        url=message.peer.inbox_url,
        body={"kind": message.kind, "payload": message.payload},
        key=identity.signing_key(),
        key_id=identity.key_id(identity.public_key_hex()),
        nonce=str(message.idempotency_key),
    )
    error = _post(message.peer.inbox_url, headers, body)
    still_due = OutboundMessage.objects.filter(pk=message.pk, delivered_at__isnull=True)
    if error is None:
        still_due.update(delivered_at=timezone.now(), last_error="")
        return True
    attempts = message.attempts + 1
    wait = min(FIRST_WAIT * 2 ** min(attempts - 1, 20), LONGEST_WAIT)
    still_due.update(attempts=attempts, next_attempt_at=now + wait, last_error=error[:2000])
    return False


def messages_deliver_due(*, now: datetime | None = None) -> int:
    """Deliver, oldest first and up to a batch, the undelivered messages to active peers whose next
    attempt is due; return how many the peers accepted. Picks up whatever the queue missed."""
    now = now or timezone.now()
    due = (
        OutboundMessage.objects.filter(
            delivered_at__isnull=True, next_attempt_at__lte=now, peer__status=Peer.Status.ACTIVE
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    return sum(message_deliver(pk, now=now) for pk in list(due))


def _post(url: str, headers: dict, body: bytes) -> str | None:
    """POST and return None when the peer accepted the message, else what went wrong."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - http(s) only, see Peer.base_url
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read()
        return None
    except urllib.error.HTTPError as failure:
        return f"HTTP {failure.code}: {_error_of(failure.read())}"
    except (OSError, ValueError) as failure:  # refused, unreachable, timed out, a malformed address
        return f"{type(failure).__name__}: {failure}"


def _error_of(content: bytes) -> str:
    try:
        return str(json.loads(content).get("error", ""))
    except (ValueError, AttributeError):
        return content[:500].decode("utf-8", "replace")
