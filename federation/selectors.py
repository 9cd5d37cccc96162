"""Reads of federation, shared by the admin's pages: peers and what was exchanged with each."""

from __future__ import annotations

from django.db.models import QuerySet

from . import identity
from .models import InboundMessage, OutboundMessage, Peer


def peers() -> QuerySet[Peer]:
    """Return every peer, removed ones included (their records stay), with who approved each."""
    return Peer.objects.select_related("approved_by")


def peer_sent(peer: Peer) -> QuerySet[OutboundMessage]:
    """Return the messages sent to `peer`, newest first: what this cooperative chose to share with it."""
    return OutboundMessage.objects.filter(peer=peer).order_by("-created_at", "-pk")


def peer_received(peer: Peer) -> QuerySet[InboundMessage]:
    """Return the messages received from `peer`, newest first."""
    return InboundMessage.objects.filter(peer=peer).order_by("-received_at", "-pk")


def sent_messages() -> QuerySet[OutboundMessage]:
    """Return every message sent, with its peer and sender, newest first."""
    return OutboundMessage.objects.select_related("peer", "sent_by")


def received_messages() -> QuerySet[InboundMessage]:
    """Return every message received, with its peer, newest first."""
    return InboundMessage.objects.select_related("peer")


def own_identity() -> dict[str, str]:
    """Return this installation's public key and fingerprint, which its Board gives the other Board."""
    public_key = identity.public_key_hex()
    return {"public_key": public_key, "fingerprint": identity.fingerprint(public_key)}
