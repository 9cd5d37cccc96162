"""Peers (other installations this one trusts) and the messages exchanged with them."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

from . import identity


def validate_public_key(value: str) -> None:
    """Refuse anything but an Ed25519 public key: 32 bytes written as 64 hexadecimal digits."""
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raw = b""
    if len(raw) != identity.PUBLIC_KEY_BYTES:
        raise ValidationError(_("Enter the peer's Ed25519 public key: 64 hexadecimal digits (32 bytes)."))


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def validate_peer_address(value: str) -> None:
    """Refuse a peer address in plain http unless it is on this machine. Signatures already stop a
    forged or altered message; https also keeps what travels (profiles, contract terms) from
    whoever watches the wire. Plain http is left for installations side by side on one machine,
    as in development and tests."""
    parts = urlsplit(value)
    if parts.scheme == "http" and (parts.hostname or "") not in LOOPBACK_HOSTS:
        raise ValidationError(
            _("A peer's address starts with https://; plain http is only for an installation on this machine."),
            code="https_required",
        )


class PeerQuerySet(models.QuerySet):
    def active(self) -> PeerQuerySet:
        return self.filter(status=Peer.Status.ACTIVE)

    def current(self) -> PeerQuerySet:
        """Every peer not removed."""
        return self.exclude(status=Peer.Status.REMOVED)


class Peer(TransitionsMixin, models.Model):
    """Another installation, known by its address and public key, trusted once the Board approved
    the fingerprint the other Board read to it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")  # registered, its fingerprint not yet confirmed
        ACTIVE = "active", _("Active")  # exchanges messages both ways
        SUSPENDED = "suspended", _("Suspended")  # refused at the inbox; messages to it wait
        REMOVED = "removed", _("Removed")  # refused for good; kept for its history

    TRANSITIONS = {
        Status.PROPOSED: frozenset({Status.ACTIVE, Status.REMOVED}),
        Status.ACTIVE: frozenset({Status.SUSPENDED, Status.REMOVED}),
        Status.SUSPENDED: frozenset({Status.ACTIVE, Status.REMOVED}),
    }

    name = models.CharField(_("name"), max_length=200)
    base_url = models.URLField(
        _("address"),
        max_length=300,
        validators=[URLValidator(schemes=["https", "http"]), validate_peer_address],
        help_text=_("The other installation's address, for example https://coop.example.org"),
    )
    public_key = models.CharField(
        _("public key"),
        max_length=64,
        validators=[validate_public_key],
        help_text=_("The other installation's Ed25519 public key, 64 hexadecimal digits."),
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=39, editable=False)
    key_id = models.CharField(_("key id"), max_length=32, editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # What the peer said of itself in its last "hello": shows the Board it is alive and what it runs.
    announced_name = models.CharField(_("announced name"), max_length=200, blank=True)
    announced_software = models.CharField(_("announced software"), max_length=100, blank=True)
    last_hello_at = models.DateTimeField(_("last hello at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    history = HistoricalRecords()
    objects = PeerQuerySet.as_manager()

    class Meta:
        verbose_name = _("peer")
        verbose_name_plural = _("peers")
        ordering = ["name", "pk"]
        constraints = [
            # One trusted peer per key: a removed one may be registered again, as a new peer.
            models.UniqueConstraint(
                fields=["key_id"], condition=~Q(status="removed"), name="federation_peer_one_per_key"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def inbox_url(self) -> str:
        return self.base_url.rstrip("/") + "/federation/inbox/"


class OutboundMessage(models.Model):
    """One message to a peer: written in the transaction of the change it tells, delivered after,
    again and again until the peer accepts it."""

    HISTORY_EXEMPT_REASON = (
        "Each row is itself the record of one message, kept for good with who sent it and why; "
        "only its delivery state changes."
    )

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.PROTECT, related_name="outbound")
    kind = models.CharField(_("kind"), max_length=100)
    payload = models.JSONField(_("payload"), default=dict)
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("message sent")
        verbose_name_plural = _("messages sent")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sweep reads the undelivered rows that are due; delivered ones are most of the table.
            models.Index(fields=["next_attempt_at"], condition=Q(delivered_at__isnull=True), name="federation_out_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.peer} ({self.idempotency_key})"


class InboundMessage(models.Model):
    """One message a peer sent, recorded once: its key is unique per peer, so a replay finds it."""

    HISTORY_EXEMPT_REASON = "Each row is itself the record of one message received, written once and never changed."

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.PROTECT, related_name="inbound")
    idempotency_key = models.UUIDField(_("idempotency key"))
    kind = models.CharField(_("kind"), max_length=100)
    payload = models.JSONField(_("payload"), default=dict)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message received")
        verbose_name_plural = _("messages received")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "idempotency_key"], name="federation_inbound_once_per_peer"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ← {self.peer} ({self.idempotency_key})"
