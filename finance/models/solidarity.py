"""The alliance's solidarity fund as this cooperative receives it: the contribution the alliance
voted, as its messages told it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SolidarityCommitment(models.Model):
    """A share of each fiscal period's surplus the alliance voted to take into its solidarity fund,
    from the first period starting on `starts_on`. Written only by the alliance's message
    `alliance.solidarity_contribution`; a later message supersedes it from its own start date, and
    this row stays for the history."""

    peer = models.ForeignKey(
        "federation.Peer",
        on_delete=models.PROTECT,
        related_name="solidarity_commitments",
        verbose_name=_("alliance"),
        help_text=_("The peer installation that sent the alliance's decision."),
    )
    percent = models.DecimalField(
        _("share of the surplus (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("The share of the patronage surplus contributed to the alliance's solidarity fund."),
    )
    starts_on = models.DateField(
        _("applies from"), help_text=_("The contribution applies to the fiscal periods starting on or after this day.")
    )
    motion_number = models.CharField(_("alliance motion number"), max_length=50)
    motion_title = models.CharField(_("alliance motion title"), max_length=200)
    certified_on = models.DateField(_("certified on"), help_text=_("When the alliance certified its vote."))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("solidarity commitment")
        verbose_name_plural = _("solidarity commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gt=0) & Q(percent__lte=100),
                name="solidarity_percent_range",
                violation_error_message=_("The solidarity contribution is above 0 and at most 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(percent)s %% from %(start)s (%(motion)s)") % {
            "percent": formats.localize(self.percent),
            "start": formats.date_format(self.starts_on, "SHORT_DATE_FORMAT"),
            "motion": self.motion_number,
        }
