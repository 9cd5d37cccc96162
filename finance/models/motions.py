"""The terms of the General Conference motions whose outcome finance carries out.

A pay band change and a surplus allocation are motions like any other in governance; what they
propose lives here, pointing down at the motion, and finance puts it in force when the motion is
certified adopted (see `finance.outcomes`).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY

from .surplus import SurplusAllocation


class PayBandMotion(models.Model):
    """The role and the new hourly limits a pay band change motion proposes."""

    motion = models.OneToOneField(
        "governance.Motion", on_delete=models.PROTECT, related_name="pay_band_motion", verbose_name=_("motion")
    )
    role = models.CharField(_("pay band role"), max_length=100)
    minimum = models.DecimalField(_("new minimum hourly rate"), **MONEY)
    maximum = models.DecimalField(_("new maximum hourly rate"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pay band change motion")
        verbose_name_plural = _("pay band change motions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="") & Q(minimum__gt=0) & Q(maximum__gte=F("minimum")),
                name="pay_band_motion_names_role_and_range",
                violation_error_message=_("Name the role; the minimum must be above zero and at most the maximum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.minimum}–{self.maximum})"


class SurplusMotion(models.Model):
    """The Board's proposed surplus allocation a motion puts to the General Conference."""

    motion = models.OneToOneField(
        "governance.Motion", on_delete=models.PROTECT, related_name="surplus_motion", verbose_name=_("motion")
    )
    allocation = models.ForeignKey(
        SurplusAllocation,
        on_delete=models.PROTECT,
        related_name="motions",
        verbose_name=_("surplus allocation"),
        help_text=_("The Board's proposed allocation put to the vote."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("surplus allocation motion")
        verbose_name_plural = _("surplus allocation motions")

    def __str__(self) -> str:
        return str(self.allocation)
