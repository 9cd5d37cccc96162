"""Reads for payroll: what a run needs, runs and payslips."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum

from coop.roles import Role, has_role
from labor_contracts.models import OwnerPay, TimesheetEntry
from projects.selectors import hours_by_user

from ..models import MemberRate, PayrollLine, PayrollRun

ZERO = Decimal("0.00")


@dataclass
class PayrollInputs:
    """Per member id: (band id, rate), internal hours, labor-contract hours and contract pay."""

    rates: dict[int, tuple[int, Decimal]] = field(default_factory=dict)
    internal_hours: dict[int, Decimal] = field(default_factory=dict)
    contract_hours: dict[int, Decimal] = field(default_factory=dict)
    contract_pay: dict[int, Decimal] = field(default_factory=dict)

    @property
    def members(self) -> set[int]:
        return set(self.rates) | set(self.internal_hours) | set(self.contract_hours) | set(self.contract_pay)


def internal_hours(*, period_start: date, period_end: date) -> dict[int, Decimal]:
    """Internal project hours per person, summed by the projects app in the database."""
    return {row["user"]: row["hours"] for row in hours_by_user(start=period_start, end=period_end)}


def contract_hours(*, period_start: date, period_end: date) -> dict[int, Decimal]:
    """Approved (or invoiced) labor-contract hours per owner in the period."""
    rows = (
        TimesheetEntry.objects.filter(
            day__gte=period_start,
            day__lte=period_end,
            status__in=[TimesheetEntry.Status.APPROVED, TimesheetEntry.Status.INVOICED],
        )
        .values("owner")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    return {row["owner"]: row["hours"] for row in rows}


def contract_pay(*, period_start: date, period_end: date) -> dict[int, Decimal]:
    """Owner contract pay of the periods settled (by period end) inside the run's period."""
    rows = (
        OwnerPay.objects.filter(settlement__period_end__gte=period_start, settlement__period_end__lte=period_end)
        .values("owner")
        .annotate(pay=Sum("pay"))
        .order_by()
    )
    return {row["owner"]: row["pay"] for row in rows}


def payroll_inputs(*, period_start: date, period_end: date) -> PayrollInputs:
    """Gather what a payroll run for the period computes from: rates, hours and contract pay."""
    rates = {m: (b, r) for m, b, r in MemberRate.objects.values_list("member_id", "band_id", "rate")}
    return PayrollInputs(
        rates=rates,
        internal_hours=internal_hours(period_start=period_start, period_end=period_end),
        contract_hours=contract_hours(period_start=period_start, period_end=period_end),
        contract_pay=contract_pay(period_start=period_start, period_end=period_end),
    )


def payroll_runs() -> QuerySet[PayrollRun]:
    """Return the payroll runs, with their journal entry once posted."""
    return PayrollRun.objects.select_related("journal_entry")


def payroll_runs_at(status: str) -> QuerySet[PayrollRun]:
    """Return the payroll runs at `status`: drafts wait for Operations' review, reviewed runs for
    the Board's approval, approved runs for Operations to post them."""
    return PayrollRun.objects.filter(status=status)


def posted_runs_overlapping(*, period_start: date, period_end: date) -> QuerySet[PayrollRun]:
    """Return the posted payroll runs that share a day with the period."""
    return PayrollRun.objects.filter(
        status=PayrollRun.Status.POSTED, period_start__lte=period_end, period_end__gte=period_start
    )


def payslips() -> QuerySet[PayrollLine]:
    """Return every payroll line: one member's pay in one run."""
    return PayrollLine.objects.select_related("run", "member", "band")


def payslips_visible_to(user) -> QuerySet[PayrollLine]:
    """Officers and auditors see every payslip; a member sees only their own, once posted."""
    if any(has_role(user, r) for r in (Role.BOARD, Role.OPERATIONS, Role.AUDITOR)):
        return payslips()
    return payslips().filter(member=user, run__status=PayrollRun.Status.POSTED)


def my_payslips(user) -> QuerySet[PayrollLine]:
    """Return `user`'s payslips from posted runs only, newest first."""
    return payslips().filter(member=user, run__status=PayrollRun.Status.POSTED).order_by("-run__period_end")


def payroll_by_band(*, run: PayrollRun | None = None) -> QuerySet:
    """Gross pay and hours per band across posted runs (or one run), summed in the database."""
    lines = PayrollLine.objects.filter(run__status=PayrollRun.Status.POSTED) if run is None else run.lines.all()
    return (
        lines.values("band__role")
        .annotate(total=Sum("amount"), hours=Sum("hours"), contract_pay=Sum("contract_pay"))
        .order_by("band__role")
    )


def payroll_total(*, period_start: date, period_end: date) -> Decimal:
    """Return the total of the posted payroll runs within the period, to the cent."""
    total = (
        PayrollRun.objects.filter(
            status=PayrollRun.Status.POSTED,
            period_start__gte=period_start,
            period_end__lte=period_end,
        ).aggregate(t=Sum("total"))["t"]
        or ZERO
    )
    return Decimal(total).quantize(Decimal("0.01"))


def patronage_credited(*, period_start: date, period_end: date) -> dict[int, tuple[Decimal, Decimal]]:
    """Hours and gross pay per member in the posted runs of the period (internal and labor-contract
    alike), summed in the database: the measures of each member's patronage."""
    rows = (
        PayrollLine.objects.filter(
            run__status=PayrollRun.Status.POSTED, run__period_start__gte=period_start, run__period_end__lte=period_end
        )
        .values("member")
        .annotate(h=Sum("hours"), c=Sum("contract_hours"), pay=Sum("amount"))
        .order_by()
    )
    credited = {row["member"]: ((row["h"] or ZERO) + (row["c"] or ZERO), row["pay"] or ZERO) for row in rows}
    return {member: (hours, pay) for member, (hours, pay) in credited.items() if hours > 0 or pay > 0}
