"""Mediation cases between members, with confidential notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

from .bodies import Body
from .motions import Motion


class MediationCase(TransitionsMixin, models.Model):
    """A dispute before a mediator; a failed mediation escalates to a secret vote."""

    class Status(models.TextChoices):
        OPEN = "open", _("In mediation")  # the mediator is working with the parties
        RESOLVED = "resolved", _("Resolved")  # the parties agreed; outcome recorded
        ESCALATED = "escalated", _("Escalated to a vote")  # mediation failed; a secret-ballot motion decides

    TRANSITIONS = {Status.OPEN: {Status.RESOLVED, Status.ESCALATED}}

    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="mediation_cases", verbose_name=_("parties")
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mediations", verbose_name=_("mediator")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    outcome = models.TextField(_("outcome"), blank=True)
    escalation_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, verbose_name=_("body that decides if mediation fails")
    )
    motion = models.OneToOneField(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="mediation_case", verbose_name=_("motion")
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        permissions = [("mediate_mediationcase", "Mediate this case (object grant)")]

    def __str__(self) -> str:
        return self.title


class MediationNote(models.Model):
    """A confidential note: only the parties, the mediator and auditors read it."""

    case = models.ForeignKey(MediationCase, on_delete=models.PROTECT, related_name="notes", verbose_name=_("case"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("mediation note")
        verbose_name_plural = _("mediation notes")

    def __str__(self) -> str:
        return f"{self.case}: {self.created_at:%Y-%m-%d}"
