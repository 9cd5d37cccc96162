"""The conveners: the people who set the platform up and hold temporary Board powers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

SUNSET_CONDITION = _(
    "Ends by itself when the first Board election is certified: the President, the Secretary and the "
    "Treasurer are all in office by a certified General Conference election."
)


class ConvenershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Convenership.Status.ACTIVE)


class Convenership(TransitionsMixin, models.Model):
    """One person's temporary Board powers from the first run until the sunset."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Convener with temporary Board powers")  # before the founding election
        ENDED = "ended", _("Ended at the sunset")  # the first Board election was certified; final

    TRANSITIONS = {Status.ACTIVE: {Status.ENDED}}

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="convenership", verbose_name=_("convener")
    )
    since = models.DateTimeField(_("convener since"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.ACTIVE)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ending_motion = models.ForeignKey(
        "governance.Motion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by the certification of"),
    )

    history = HistoricalRecords()
    objects = ConvenershipQuerySet.as_manager()

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("convenership")
        verbose_name_plural = _("convenerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active", ended_at__isnull=True) | Q(status="ended", ended_at__isnull=False),
                name="convenership_end_matches_status",
                violation_error_message=_("An ended convenership records when it ended; an active one has no end."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def sunset_condition(self) -> str:
        return str(SUNSET_CONDITION)

    def transition_to(self, status: str) -> None:
        """Move to `status` as the table allows, and stamp the end: the only move ends it."""
        super().transition_to(status)
        self.ended_at = timezone.now()
