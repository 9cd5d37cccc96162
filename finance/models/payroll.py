"""Payroll runs: for a period, each member's hours times rate plus contract pay."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin

from ._common import HOURS


class PayrollRun(TransitionsMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")  # lines computed; may be recomputed
        REVIEWED = "reviewed", _("Reviewed")  # Operations checked the lines
        APPROVED = "approved", _("Approved")  # the Board approved the totals
        POSTED = "posted", _("Posted")  # in the ledger; final; payslips published

    TRANSITIONS = {
        Status.DRAFT: frozenset({Status.REVIEWED}),
        Status.REVIEWED: frozenset({Status.APPROVED, Status.DRAFT}),
        Status.APPROVED: frozenset({Status.POSTED}),
        Status.POSTED: frozenset(),
    }

    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT)
    total_hours = models.DecimalField(_("internal hours"), **HOURS, default=0)
    total_contract_hours = models.DecimalField(_("labor-contract hours"), **HOURS, default=0)
    total_internal_pay = models.DecimalField(_("pay for internal hours"), **MONEY, default=0)
    total_contract_pay = models.DecimalField(_("contract pay"), **MONEY, default=0)
    total = models.DecimalField(_("total"), **MONEY, default=0)
    # Withheld from the payslips toward shares subscribed by instalments, when the run is posted.
    total_share_instalments = models.DecimalField(_("share instalments deducted"), **MONEY, default=0)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    journal_entry = models.OneToOneField(
        "finance.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payroll_run",
        verbose_name=_("journal entry"),
    )
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("payroll run")
        verbose_name_plural = _("payroll runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="payroll_period_order",
                violation_error_message=_("The payroll period must end on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=Q(total=F("total_internal_pay") + F("total_contract_pay")),
                name="payroll_total_adds_up",
                violation_error_message=_("The run's total must be internal pay plus contract pay."),
            ),
            # Two posted runs never cover the same period (overlaps are refused by the service).
            models.UniqueConstraint(
                fields=["period_start"],
                condition=Q(status="posted"),
                name="payroll_one_posted_run_per_start",
                violation_error_message=_("A payroll run for this period is already posted."),
            ),
            models.CheckConstraint(
                condition=~Q(status="posted") | Q(journal_entry__isnull=False),
                name="payroll_posted_has_entry",
                violation_error_message=_("A posted payroll run must name its ledger entry."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Payroll %(start)s – %(end)s") % {
            "start": formats.date_format(self.period_start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.period_end, "SHORT_DATE_FORMAT"),
        }


class PayrollLine(models.Model):
    run = models.ForeignKey(PayrollRun, on_delete=models.PROTECT, related_name="lines", verbose_name=_("run"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payslips", verbose_name=_("member")
    )
    band = models.ForeignKey(
        "finance.PayBand", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("band")
    )
    rate = models.DecimalField(_("hourly rate"), **MONEY, default=0)
    hours = models.DecimalField(_("internal hours"), **HOURS, default=0)
    contract_hours = models.DecimalField(_("labor-contract hours"), **HOURS, default=0)
    internal_pay = models.DecimalField(_("pay for internal hours"), **MONEY, default=0)
    contract_pay = models.DecimalField(_("contract pay"), **MONEY, default=0)
    amount = models.DecimalField(_("gross pay"), **MONEY, default=0)
    # The instalment deducted toward the member's share subscription when the run is posted.
    share_instalment = models.DecimalField(_("share instalment deducted"), **MONEY, default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["run", "member__email"]
        verbose_name = _("payslip")
        verbose_name_plural = _("payslips")
        constraints = [
            models.UniqueConstraint(fields=["run", "member"], name="payroll_line_once_per_member"),
            models.CheckConstraint(
                condition=Q(amount=F("internal_pay") + F("contract_pay")),
                name="payroll_line_adds_up",
                violation_error_message=_("A payroll line's amount must be internal pay plus contract pay."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(contract_hours__gte=0) & Q(contract_pay__gte=0),
                name="payroll_line_not_negative",
                violation_error_message=_("Hours and pay cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(share_instalment__gte=0) & Q(share_instalment__lte=F("amount")),
                name="payroll_line_deduction_within_pay",
                violation_error_message=_("A share instalment deducted from a payslip is never more than its pay."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run}: {self.member}"

    @property
    def net_pay(self):
        """The pay after the share instalment deducted from it."""
        return self.amount - self.share_instalment
