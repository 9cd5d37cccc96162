"""Pay bands, each member's hourly rate inside their band, and proposed rate changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin


class PayBand(models.Model):
    """A role and the hourly rates the General Conference adopted for it.

    A band change that would leave someone outside waits in `pending_*` until every proposed
    adjustment is approved; then the band and the rates change together.
    """

    role = models.CharField(_("role"), max_length=100, unique=True)
    minimum = models.DecimalField(_("minimum hourly rate"), **MONEY)
    maximum = models.DecimalField(_("maximum hourly rate"), **MONEY)
    basis = models.CharField(_("basis"), max_length=200, help_text=_("The motion that adopted this band."))
    adopted_at = models.DateTimeField(_("in force since"))
    pending_minimum = models.DecimalField(_("adopted minimum, waiting for adjustments"), **MONEY, null=True, blank=True)
    pending_maximum = models.DecimalField(_("adopted maximum, waiting for adjustments"), **MONEY, null=True, blank=True)
    pending_basis = models.CharField(_("basis of the waiting change"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["minimum", "role"]
        verbose_name = _("pay band")
        verbose_name_plural = _("pay bands")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__gt=0) & Q(maximum__gte=F("minimum")),
                name="pay_band_range",
                violation_error_message=_("The minimum must be above zero and at most the maximum."),
            ),
            models.CheckConstraint(
                condition=(Q(pending_minimum__isnull=True) & Q(pending_maximum__isnull=True))
                | (Q(pending_minimum__gt=0) & Q(pending_maximum__gte=F("pending_minimum"))),
                name="pay_band_pending_range",
                violation_error_message=_(
                    "A proposed pay band needs a minimum above zero and a maximum at least as high."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} ({formats.localize(self.minimum)}–{formats.localize(self.maximum)})"

    def contains(self, rate) -> bool:
        return self.minimum <= rate <= self.maximum


class MemberRate(models.Model):
    """A member's current hourly rate. The band's limits are copied onto the row so the database
    itself can check that the rate lies inside them; the services keep the copy equal to the band."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hourly_rate", verbose_name=_("member")
    )
    band = models.ForeignKey(PayBand, on_delete=models.PROTECT, related_name="rates", verbose_name=_("band"))
    rate = models.DecimalField(_("hourly rate"), **MONEY)
    band_minimum = models.DecimalField(_("band minimum"), **MONEY, editable=False)
    band_maximum = models.DecimalField(_("band maximum"), **MONEY, editable=False)
    effective_from = models.DateField(_("effective from"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["band", "member__email"]
        verbose_name = _("member hourly rate")
        verbose_name_plural = _("member hourly rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=F("band_minimum")) & Q(rate__lte=F("band_maximum")),
                name="member_rate_inside_band",
                violation_error_message=_("The hourly rate must lie inside the band."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.rate} ({self.band.role})"


class RateAdjustmentProposal(TransitionsMixin, models.Model):
    class Source(models.TextChoices):
        REVIEW = "review", _("Review cycle")  # an opted-in team's review results
        BAND_CHANGE = "band_change", _("Pay band change")  # a new band would leave the rate outside

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")  # proposed, nothing changed yet
        APPROVED = "approved", _("Approved")  # the rate changed (with the band, for a band change)
        REJECTED = "rejected", _("Rejected")  # the rate stays

    TRANSITIONS = {
        Status.PENDING: frozenset({Status.APPROVED, Status.REJECTED}),
        Status.APPROVED: frozenset(),
        Status.REJECTED: frozenset(),
    }

    member_rate = models.ForeignKey(
        MemberRate, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("member rate")
    )
    source = models.CharField(_("source"), max_length=16, choices=Source)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    current_rate = models.DecimalField(_("current rate"), **MONEY)
    proposed_rate = models.DecimalField(_("proposed rate"), **MONEY)
    # The band the proposed rate must lie in: the current one, or the adopted change waiting.
    target_minimum = models.DecimalField(_("band minimum"), **MONEY)
    target_maximum = models.DecimalField(_("band maximum"), **MONEY)
    review_cycle = models.ForeignKey(
        "finance.ReviewCycle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rate_proposals",
        verbose_name=_("review cycle"),
    )
    explanation = models.CharField(_("explanation"), max_length=500)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("rate adjustment proposal")
        verbose_name_plural = _("rate adjustment proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(proposed_rate__gte=F("target_minimum")) & Q(proposed_rate__lte=F("target_maximum")),
                name="rate_proposal_inside_band",
                violation_error_message=_("A proposed rate must lie inside the band."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_rate.member}: {self.current_rate} → {self.proposed_rate}"
