"""Contracts between cooperatives, as the client's installation holds them: a peer cooperative's labor
contract mirrored here, with its terms only (never who works on it or what they earn)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin


class IncomingContract(TransitionsMixin, models.Model):
    """A contract a peer cooperative offers, to hire its owners out to this cooperative: the mirror of
    the peer's labor contract, which this cooperative's CEO accepts or declines."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")  # waiting for this cooperative's CEO
        ACCEPTED = "accepted", _("Accepted")  # the CEO accepted; the peer's contract is negotiated
        DECLINED = "declined", _("Declined")  # the CEO declined; the peer may offer new terms

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.OFFERED: frozenset({Status.ACCEPTED, Status.DECLINED}),
        Status.DECLINED: frozenset({Status.OFFERED}),
        Status.ACCEPTED: frozenset(),
    }

    peer = models.ForeignKey(
        "federation.Peer", on_delete=models.PROTECT, related_name="+", verbose_name=_("peer cooperative")
    )
    remote_ref = models.PositiveBigIntegerField(
        _("peer's contract reference"), help_text=_("The number of the contract on the peer's installation.")
    )
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope of work"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OFFERED, editable=False)
    received_at = models.DateTimeField(_("received at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("accepted or declined by"),
    )
    decided_at = models.DateTimeField(_("accepted or declined at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("contract from a peer cooperative")
        verbose_name_plural = _("contracts from peer cooperatives")
        constraints = [
            models.UniqueConstraint(fields=["peer", "remote_ref"], name="incomingcontract_one_per_peer_contract"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="incomingcontract_ends_after_start",
                violation_error_message=_("A contract cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.peer})"


class IncomingContractRate(models.Model):
    """The hourly rate the peer cooperative bills for one role on a contract it offered."""

    contract = models.ForeignKey(
        IncomingContract, on_delete=models.PROTECT, related_name="rates", verbose_name=_("contract")
    )
    role = models.CharField(_("role"), max_length=100)
    hourly_rate = models.DecimalField(_("hourly rate"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "role"]
        verbose_name = _("rate of a contract from a peer")
        verbose_name_plural = _("rates of contracts from peers")
        constraints = [
            models.UniqueConstraint(fields=["contract", "role"], name="incomingcontractrate_role_unique"),
            models.CheckConstraint(
                condition=Q(hourly_rate__gt=0),
                name="incomingcontractrate_rate_positive",
                violation_error_message=_("An hourly rate must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.hourly_rate}"


class PeerTimesheet(TransitionsMixin, models.Model):
    """A period of approved hours on a contract with a peer cooperative, sent to it for confirmation:
    its hours per role, never whose. Once the peer confirms them they may be invoiced."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")  # waiting for the client cooperative
        CONFIRMED = "confirmed", _("Confirmed by the client")  # billable
        DISPUTED = "disputed", _("Disputed by the client")  # the hours may be sent again

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.SENT: frozenset({Status.CONFIRMED, Status.DISPUTED}),
        Status.CONFIRMED: frozenset(),
        Status.DISPUTED: frozenset(),
    }

    contract = models.ForeignKey(
        "labor_contracts.LaborContract",
        on_delete=models.PROTECT,
        related_name="peer_timesheets",
        verbose_name=_("contract"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    hours = models.DecimalField(_("hours"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.SENT, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    comment = models.CharField(_("client's comment"), max_length=500, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("timesheet sent to a peer")
        verbose_name_plural = _("timesheets sent to peers")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="peertimesheet_period_order",
                violation_error_message=_("The period must end on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="peertimesheet_hours_positive",
                violation_error_message=_("Hours must be more than 0."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.title} {self.period_start}–{self.period_end}"


class IncomingTimesheet(TransitionsMixin, models.Model):
    """Hours a peer cooperative worked for this one on a contract it offered, per role, for this
    cooperative's Operations to confirm or dispute."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")  # waiting for Operations
        CONFIRMED = "confirmed", _("Confirmed")  # the peer may invoice them
        DISPUTED = "disputed", _("Disputed")  # sent back with a comment

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.RECEIVED: frozenset({Status.CONFIRMED, Status.DISPUTED}),
        Status.CONFIRMED: frozenset(),
        Status.DISPUTED: frozenset(),
    }

    contract = models.ForeignKey(
        IncomingContract, on_delete=models.PROTECT, related_name="timesheets", verbose_name=_("contract")
    )
    remote_ref = models.PositiveBigIntegerField(_("peer's timesheet reference"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    hours = models.DecimalField(_("hours"), max_digits=12, decimal_places=2)
    # The hours per role as the peer sent them: [{"role": ..., "hours": "12.50"}].
    hours_by_role = models.JSONField(_("hours per role"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.RECEIVED, editable=False)
    received_at = models.DateTimeField(_("received at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("confirmed or disputed by"),
    )
    decided_at = models.DateTimeField(_("confirmed or disputed at"), null=True, blank=True, editable=False)
    comment = models.CharField(_("comment"), max_length=500, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("timesheet from a peer")
        verbose_name_plural = _("timesheets from peers")
        constraints = [
            models.UniqueConstraint(fields=["contract", "remote_ref"], name="incomingtimesheet_one_per_peer_timesheet"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="incomingtimesheet_period_order",
                violation_error_message=_("The period must end on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="incomingtimesheet_hours_positive",
                violation_error_message=_("Hours must be more than 0."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.title} {self.period_start}–{self.period_end}"


class IncomingInvoice(TransitionsMixin, models.Model):
    """An invoice a peer cooperative issued to this one for hours it confirmed: a payable, posted to
    the ledger when it arrives and again when this cooperative pays it."""

    class Status(models.TextChoices):
        PAYABLE = "payable", _("To pay")  # received; not paid yet
        PAID = "paid", _("Paid")  # paid in full; the peer is told

    TRANSITIONS: dict[str, frozenset[str]] = {Status.PAYABLE: frozenset({Status.PAID}), Status.PAID: frozenset()}

    contract = models.ForeignKey(
        IncomingContract, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("contract")
    )
    number = models.CharField(_("number"), max_length=32)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    hours = models.DecimalField(_("hours"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), **MONEY)
    # The lines per role as the peer sent them: [{"role", "hours", "rate", "amount"}], as text.
    lines = models.JSONField(_("lines"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PAYABLE, editable=False)
    received_at = models.DateTimeField(_("received at"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("paid by"),
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-number"]
        verbose_name = _("invoice from a peer")
        verbose_name_plural = _("invoices from peers")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="incominginvoice_number_unique_per_contract"),
            models.CheckConstraint(
                condition=Q(total__gt=0),
                name="incominginvoice_total_positive",
                violation_error_message=_("An invoice's total must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(status="paid", paid_on__isnull=False) | (~Q(status="paid") & Q(paid_on__isnull=True)),
                name="incominginvoice_paid_has_date",
                violation_error_message=_("An invoice is paid exactly when it has a payment date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.contract.peer})"
