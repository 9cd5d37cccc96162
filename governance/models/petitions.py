"""Owners' petitions for a special General Conference: each owner signs for themselves, and a
signer calls the meeting once enough owners on the voting roll have signed (Bylaws)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

from .meetings import Meeting


class MeetingPetition(TransitionsMixin, models.Model):
    """A petition for a special General Conference, with the purpose the owners sign for."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for signatures")  # owners sign or take their signature back
        CALLED = "called", _("Meeting called")  # a signer called the meeting with its signatures
        WITHDRAWN = "withdrawn", _("Withdrawn")  # its starter withdrew it; the signatures are kept

    TRANSITIONS = {
        Status.OPEN: {Status.CALLED, Status.WITHDRAWN},
    }

    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), help_text=_("Why the owners ask for the meeting."))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="petitions_started",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petition",
        verbose_name=_("meeting called"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("meeting petition")
        verbose_name_plural = _("meeting petitions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="called") & Q(meeting__isnull=False))
                | (~Q(status="called") & Q(meeting__isnull=True)),
                name="meeting_petition_called_names_its_meeting",
                violation_error_message=_("A petition that called a meeting names it; any other names none."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PetitionSignature(models.Model):
    """That one owner signed a petition, themselves. A signature taken back is deleted; its history
    keeps who signed, who took it back, when and why."""

    petition = models.ForeignKey(
        MeetingPetition, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("petition")
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="petition_signatures",
        verbose_name=_("signer"),
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["petition", "signed_at", "pk"]
        verbose_name = _("petition signature")
        verbose_name_plural = _("petition signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "signer"],
                name="petition_signed_once",
                violation_error_message=_("You have already signed this petition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer} ({self.petition})"
