"""The Board's decisions about peers: register one, approve it once both Boards have read each
other's fingerprint, suspend, resume or remove it. Each is kept in the peer's history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.roles import Role
from coop.selectors import cooperative_current
from coop.services_common import require_role

from .. import identity
from ..models import Peer
from .messages import message_send

HELLO = "federation.hello"


@transaction.atomic
def peer_register(*, name: str, base_url: str, public_key: str, actor, reason: str) -> Peer:
    """Register another installation by its address and public key, as proposed: nothing is
    exchanged with it until the Board approves its fingerprint. Board only."""
    require_role(actor, Role.BOARD, action=_("register a peer"))
    with acting(actor, reason):
        public_key = (public_key or "").strip().lower()
        peer = Peer(name=(name or "").strip(), base_url=(base_url or "").strip(), public_key=public_key)
        peer.full_clean(exclude=["fingerprint", "key_id"])
        if public_key == identity.public_key_hex():
            raise ValidationError({"public_key": _("This is this installation's own public key.")})
        peer.key_id = identity.key_id(public_key)
        peer.fingerprint = identity.fingerprint(public_key)
        if Peer.objects.current().filter(key_id=peer.key_id).exists():
            raise ValidationError({"public_key": _("A peer with this public key is already registered.")})
        peer.save()
    return peer


@transaction.atomic
def peer_approve(*, peer: Peer, fingerprint: str, actor, reason: str) -> Peer:
    """Trust `peer` once the Board typed the fingerprint the other installation's Board read to it,
    which must match the one its public key gives. Board only."""
    require_role(actor, Role.BOARD, action=_("approve a peer"))
    peer = Peer.objects.select_for_update().get(pk=peer.pk)
    with acting(actor, reason):
        if identity.normalized_fingerprint(fingerprint or "") != peer.fingerprint:
            raise ValidationError(
                {
                    "fingerprint": _(
                        "This fingerprint is not the peer's: check it with the other Board before approving."
                    )
                }
            )
        peer.transition_to(Peer.Status.ACTIVE)
        peer.approved_by = person(actor)
        peer.approved_at = timezone.now()
        peer.save()
    return peer


def _move(peer: Peer, status: str, *, actor, reason: str, action: str) -> Peer:
    require_role(actor, Role.BOARD, action=action)
    peer = Peer.objects.select_for_update().get(pk=peer.pk)
    with acting(actor, reason):
        peer.transition_to(status)
        peer.save()
    return peer


@transaction.atomic
def peer_suspend(*, peer: Peer, actor, reason: str) -> Peer:
    """Suspend an active peer: its messages are refused at the inbox and ours to it wait. Board only."""
    return _move(peer, Peer.Status.SUSPENDED, actor=actor, reason=reason, action=_("suspend a peer"))


@transaction.atomic
def peer_resume(*, peer: Peer, actor, reason: str) -> Peer:
    """Trust a suspended peer again; the messages that waited are delivered by the next sweep. Board only."""
    return _move(peer, Peer.Status.ACTIVE, actor=actor, reason=reason, action=_("resume a peer"))


@transaction.atomic
def peer_remove(*, peer: Peer, actor, reason: str) -> Peer:
    """Remove a peer for good: nothing more is exchanged with it, and its record and messages stay
    for the history. Board only."""
    return _move(peer, Peer.Status.REMOVED, actor=actor, reason=reason, action=_("remove a peer"))


@transaction.atomic
def peer_hello_send(*, peer: Peer, actor, reason: str):
    """Send `peer` this installation's name and software, which its Board sees on our peer record:
    proof that the two installations reach each other. Board only."""
    require_role(actor, Role.BOARD, action=_("send a hello to a peer"))
    cooperative = cooperative_current()
    payload = {"name": cooperative.name if cooperative else "", "software": identity.software()}
    return message_send(peer=peer, kind=HELLO, payload=payload, actor=actor, reason=reason)
