"""Invoices to clients, the payments they make, and each invoiced period's owner pay and margin."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin

from .contracts import LaborContract, Milestone


class Invoice(TransitionsMixin, models.Model):
    """What the client owes for one period of a contract: approved hours or reached milestones."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")  # sent to the client; nothing paid yet
        PARTLY_PAID = "partly_paid", _("Partly paid")  # some payments received
        PAID = "paid", _("Paid")  # paid in full; final

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.ISSUED: frozenset({Status.PARTLY_PAID, Status.PAID}),
        Status.PARTLY_PAID: frozenset({Status.PAID}),
        Status.PAID: frozenset(),
    }

    contract = models.ForeignKey(
        LaborContract, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("contract")
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    total = models.DecimalField(_("total"), **MONEY)
    paid_total = models.DecimalField(_("paid"), **MONEY, default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.ISSUED, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("issued by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="invoice_period_order",
                violation_error_message=_("The invoice period must end on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("issued_on")),
                name="invoice_due_after_issue",
                violation_error_message=_("An invoice falls due on or after the day it is issued."),
            ),
            models.CheckConstraint(
                condition=Q(total__gt=0),
                name="invoice_total_positive",
                violation_error_message=_("An invoice's total must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(paid_total__gte=0) & Q(paid_total__lte=F("total")),
                name="invoice_paid_within_total",
                violation_error_message=_("Payments on an invoice cannot be negative or exceed its total."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def balance(self):
        return self.total - self.paid_total


class InvoiceLine(models.Model):
    """One line of an invoice: an owner's hours in a role at a rate, or a milestone."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines", verbose_name=_("invoice"))
    description = models.CharField(_("description"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=2, null=True, blank=True)
    rate = models.DecimalField(_("rate"), **MONEY, null=True, blank=True)
    milestone = models.OneToOneField(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("milestone")
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["invoice", "id"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="invoiceline_amount_positive",
                violation_error_message=_("An invoice line must be more than zero."),
            )
        ]

    def __str__(self) -> str:
        return self.description


class Payment(models.Model):
    """Money (or points) the client paid against an invoice."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments", verbose_name=_("invoice"))
    amount = models.DecimalField(_("amount"), **MONEY)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("A payment must be more than zero."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice}: {self.amount}"


class PeriodSettlement(models.Model):
    """An invoiced period's split: what the owners are paid and the margin that capitalizes the
    cooperative. Finance posts both to its ledger; until then they are kept here."""

    invoice = models.OneToOneField(
        Invoice, on_delete=models.PROTECT, related_name="settlement", verbose_name=_("invoice")
    )
    contract = models.ForeignKey(
        LaborContract, on_delete=models.PROTECT, related_name="settlements", verbose_name=_("contract")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    owner_percent = models.DecimalField(_("owners' percentage"), max_digits=5, decimal_places=2)
    value = models.DecimalField(_("contract value invoiced"), **MONEY)
    owner_pay_total = models.DecimalField(_("owner pay"), **MONEY)
    margin = models.DecimalField(_("margin to the capitalization fund"), **MONEY)
    hours = models.DecimalField(_("hours"), max_digits=12, decimal_places=2)
    computed_at = models.DateTimeField(_("computed at"))
    posted_to_ledger = models.BooleanField(_("posted to the ledger"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("period settlement")
        verbose_name_plural = _("period settlements")
        constraints = [
            models.CheckConstraint(
                condition=Q(margin=F("value") - F("owner_pay_total")),
                name="settlement_margin_balances",
                violation_error_message=_("The cooperative's margin must be the contract value less the owners' pay."),
            ),
            models.CheckConstraint(
                condition=Q(margin__gte=0),
                name="settlement_margin_not_negative",
                violation_error_message=_("The owners' pay cannot exceed the value of the work."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.title} {self.period_start}–{self.period_end}"


class OwnerPay(models.Model):
    """One owner's pay for one invoiced period: the captured percentage of their hours' value."""

    settlement = models.ForeignKey(
        PeriodSettlement, on_delete=models.PROTECT, related_name="owner_pay", verbose_name=_("settlement")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="labor_pay", verbose_name=_("owner")
    )
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=2)
    value = models.DecimalField(_("value of the hours"), **MONEY)
    pay = models.DecimalField(_("pay"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["settlement", "owner__email"]
        verbose_name = _("owner pay")
        verbose_name_plural = _("owner pay")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "owner"], name="ownerpay_one_per_owner_period"),
            models.CheckConstraint(
                condition=Q(pay__gte=0) & Q(pay__lte=F("value")),
                name="ownerpay_within_value",
                violation_error_message=_("An owner's pay is between zero and the value of their work."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner}: {self.pay}"
