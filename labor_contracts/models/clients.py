"""Clients: the businesses the cooperative hires its owners out to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Client(models.Model):
    """An organisation that hires the cooperative's owners. A client is never a member."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    billing_address = models.TextField(_("billing address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # A client that is another cooperative of the alliance: its contracts are offered to it, and
    # mirrored on its installation, through signed messages (docs/alliance.md).
    peer = models.OneToOneField(
        "federation.Peer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("peer cooperative"),
        help_text=_("Set when the client is a cooperative whose installation is this one's peer."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return self.name


class ClientContact(models.Model):
    """A person the cooperative deals with at a client."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("client"))
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["client__name", "name"]
        verbose_name = _("client contact")
        verbose_name_plural = _("client contacts")
        constraints = [
            models.UniqueConstraint(fields=["client", "name"], name="clientcontact_name_unique_per_client"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.client})"
