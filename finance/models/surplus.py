"""Opposing bonuses and the allocation of a fiscal period's surplus."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.policy import PatronageConsent
from coop.transitions import TransitionsMixin

from ._common import HOURS

CENT_TOLERANCE = Decimal("0.001")


class BonusAward(models.Model):
    """A bonus computed from policy numbers and awarded for a period; its inputs are kept on it."""

    class Kind(models.TextChoices):
        PRESIDENT = "president", _("President's bonus")  # follows payroll and member equity
        CEO = "ceo", _("CEO's bonus")  # follows the business surplus

    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bonuses", verbose_name=_("holder")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    inputs = models.JSONField(_("inputs"), help_text=_("Every number the formula used, as text."))
    amount = models.DecimalField(_("amount"), **MONEY)
    journal_entry = models.OneToOneField(
        "finance.JournalEntry", on_delete=models.PROTECT, related_name="bonus", verbose_name=_("journal entry")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "kind"]
        verbose_name = _("bonus award")
        verbose_name_plural = _("bonus awards")
        constraints = [
            models.UniqueConstraint(fields=["kind", "period_start", "period_end"], name="bonus_once_per_period"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="bonus_not_negative",
                violation_error_message=_("A bonus cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start} – {self.period_end}"


class SurplusAllocation(TransitionsMixin, models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the Board")  # waiting for the General Conference
        ADOPTED = "adopted", _("Adopted by the General Conference")  # posted to the ledger
        WITHDRAWN = "withdrawn", _("Withdrawn")  # the Board took it back or the vote failed

    TRANSITIONS = {
        Status.PROPOSED: frozenset({Status.ADOPTED, Status.WITHDRAWN}),
        Status.ADOPTED: frozenset(),
        Status.WITHDRAWN: frozenset(),
    }

    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PROPOSED)
    revenue = models.DecimalField(_("revenue"), **MONEY)
    expenses = models.DecimalField(_("expenses"), **MONEY)
    surplus = models.DecimalField(_("surplus"), **MONEY)
    non_patronage = models.DecimalField(
        _("non-patronage income kept apart"),
        default=0,
        help_text=_(
            "Income not from the members' work (interest, rent, gains): kept by the cooperative in "
            "its reserves, never shared as patronage dividends."
        ),
        **MONEY,
    )
    solidarity = models.DecimalField(
        _("solidarity contribution"),
        default=0,
        help_text=_(
            "The alliance's share of the patronage surplus for its solidarity fund, taken before reserves, "
            "bonuses and dividends."
        ),
        **MONEY,
    )
    solidarity_commitment = models.ForeignKey(
        "finance.SolidarityCommitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name=_("solidarity commitment"),
        help_text=_("The alliance's decision the contribution follows."),
    )
    reserves = models.DecimalField(_("to reserves"), **MONEY)
    bonuses = models.DecimalField(_("to bonuses"), **MONEY)
    dividends = models.DecimalField(_("patronage dividends"), **MONEY)
    bonuses_suspended = models.BooleanField(_("bonuses suspended"), default=False)
    cash_percent = models.DecimalField(
        _("cash share of dividends (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("The part of each patronage dividend paid in cash; the rest is retained in capital accounts."),
    )
    hours_percent = models.DecimalField(
        _("patronage measured by hours (%)"),
        max_digits=5,
        decimal_places=2,
        default=100,
        help_text=_(
            "How much each member's patronage was measured by hours worked; the rest by pay earned "
            "(the policy number when proposed)."
        ),
    )
    cash_due = models.DateField(
        _("cash part due by"),
        null=True,
        blank=True,
        help_text=_("The last day to pay the cash part of the dividends, as the policy sets."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("proposed by")
    )
    basis = models.CharField(
        _("basis"), max_length=200, blank=True, help_text=_("The General Conference motion that adopted it.")
    )
    journal_entry = models.OneToOneField(
        "finance.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surplus_allocation",
        verbose_name=_("journal entry"),
    )
    cash_payment = models.OneToOneField(
        "finance.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="patronage_cash_payment",
        verbose_name=_("cash payment"),
        help_text=_("The ledger entry that paid the cash part of the dividends."),
    )
    redemption = models.OneToOneField(
        "finance.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="patronage_redemption",
        verbose_name=_("redemption"),
        help_text=_("The ledger entry that paid out the retained allocations under the revolving plan."),
    )

    solidarity_payment = models.OneToOneField(
        "finance.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="solidarity_payment_of",
        verbose_name=_("solidarity payment"),
        help_text=_("The ledger entry that paid the solidarity contribution to the alliance."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("surplus allocation")
        verbose_name_plural = _("surplus allocations")
        constraints = [
            models.CheckConstraint(
                condition=Q(surplus=F("revenue") - F("expenses")),
                name="surplus_is_difference",
                violation_error_message=_("The surplus must be revenue less expenses."),
            ),
            models.CheckConstraint(
                condition=Q(reserves__gte=0)
                & Q(bonuses__gte=0)
                & Q(dividends__gte=0)
                & Q(non_patronage__gte=0)
                & Q(solidarity__gte=0)
                # Within a tenth of a cent: SQLite adds decimal columns as binary floats.
                & Q(
                    surplus__gte=F("non_patronage")
                    + F("solidarity")
                    + F("reserves")
                    + F("bonuses")
                    + F("dividends")
                    - CENT_TOLERANCE
                ),
                name="surplus_allocation_within_surplus",
                violation_error_message=_(
                    "Non-patronage income, the solidarity contribution, reserves, bonuses and dividends cannot "
                    "be negative or add up to more than the surplus."
                ),
            ),
            models.CheckConstraint(
                condition=Q(solidarity=0) | Q(solidarity_commitment__isnull=False),
                name="surplus_solidarity_has_commitment",
                violation_error_message=_("A solidarity contribution follows an alliance's commitment."),
            ),
            models.CheckConstraint(
                condition=Q(solidarity_payment__isnull=True) | (Q(status="adopted") & Q(solidarity__gt=0)),
                name="surplus_solidarity_paid_once_adopted",
                violation_error_message=_("Only an adopted allocation's solidarity contribution is paid."),
            ),
            models.CheckConstraint(
                condition=~Q(bonuses_suspended=True) | Q(bonuses=0),
                name="surplus_no_bonus_while_suspended",
                violation_error_message=_("No bonus can be allocated while bonuses are suspended."),
            ),
            models.CheckConstraint(
                condition=Q(hours_percent__gte=0) & Q(hours_percent__lte=100),
                name="surplus_hours_percent_range",
                violation_error_message=_("The share of patronage measured by hours is between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(cash_percent__gte=0) & Q(cash_percent__lte=100),
                name="surplus_cash_percent_range",
                violation_error_message=_("The cash share of the dividends is between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(cash_payment__isnull=True) | Q(status="adopted"),
                name="surplus_cash_paid_once_adopted",
                violation_error_message=_("The cash part is paid only for an adopted allocation."),
            ),
            models.CheckConstraint(
                condition=Q(redemption__isnull=True) | Q(status="adopted"),
                name="surplus_redeemed_once_adopted",
                violation_error_message=_("Only an adopted allocation's retained parts are redeemed."),
            ),
            models.UniqueConstraint(
                fields=["period_start", "period_end"],
                condition=Q(status="adopted"),
                name="surplus_adopted_once_per_period",
                violation_error_message=_("A surplus allocation is already adopted for this period."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Surplus %(start)s – %(end)s") % {
            "start": formats.date_format(self.period_start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.period_end, "SHORT_DATE_FORMAT"),
        }

    @property
    def pay_percent(self) -> Decimal:
        """How much each member's patronage was measured by pay earned: the rest of the mix."""
        return Decimal(100) - self.hours_percent


class PatronageDividend(models.Model):
    """One member's patronage dividend of an allocation: the part paid in cash and the part retained."""

    allocation = models.ForeignKey(
        SurplusAllocation, on_delete=models.PROTECT, related_name="patronage", verbose_name=_("allocation")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dividends", verbose_name=_("member")
    )
    hours = models.DecimalField(_("hours"), **HOURS)
    pay = models.DecimalField(_("pay earned"), default=0, **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)
    cash = models.DecimalField(_("paid in cash"), default=0, **MONEY)
    retained = models.DecimalField(_("retained"), default=0, **MONEY)
    notice_issued_at = models.DateTimeField(
        _("notice of allocation issued"),
        null=True,
        blank=True,
        help_text=_("When the written notice of allocation was issued to the member: on adoption."),
    )
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    consent_basis = models.CharField(
        _("consent"),
        max_length=16,
        choices=PatronageConsent.CHOICES,
        blank=True,
        help_text=_("Whether the member consented by the bylaws or by signing their notice."),
    )
    redemption = models.ForeignKey(
        "finance.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="redeemed_dividends",
        verbose_name=_("redeemed by"),
        help_text=_(
            "The ledger entry that paid out the retained part: the revolving plan's, or the one that "
            "paid a departed member."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["allocation", "member__email"]
        verbose_name = _("patronage dividend")
        verbose_name_plural = _("patronage dividends")
        constraints = [
            models.UniqueConstraint(fields=["allocation", "member"], name="dividend_once_per_member"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(hours__gte=0) & Q(pay__gte=0) & (Q(hours__gt=0) | Q(pay__gt=0)),
                name="dividend_positive",
                violation_error_message=_("A dividend cannot be negative and needs hours worked or pay earned."),
            ),
            models.CheckConstraint(
                # Within a tenth of a cent rather than equal: SQLite adds decimal columns as binary floats.
                condition=Q(cash__gte=0)
                & Q(retained__gte=0)
                & Q(amount__gte=F("cash") + F("retained") - CENT_TOLERANCE)
                & Q(amount__lte=F("cash") + F("retained") + CENT_TOLERANCE),
                name="dividend_cash_plus_retained",
                violation_error_message=_("A dividend is its cash part plus its retained part, neither negative."),
            ),
            models.CheckConstraint(
                condition=(Q(consented_at__isnull=True) & Q(consent_basis=""))
                | (Q(consented_at__isnull=False) & ~Q(consent_basis="") & Q(notice_issued_at__isnull=False)),
                name="dividend_consent_after_notice",
                violation_error_message=_("Consent is recorded with its basis, and only on an issued notice."),
            ),
            models.CheckConstraint(
                condition=Q(redemption__isnull=True) | Q(retained__gt=0),
                name="dividend_redeemed_only_if_retained",
                violation_error_message=_("Only a retained part is redeemed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {formats.localize(self.amount)}"
