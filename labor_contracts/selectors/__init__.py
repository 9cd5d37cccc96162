"""Reads of the labor contracts app. Lists join what they show, so pages run a fixed number of queries.
Contracts between cooperatives are read in `selectors.intercoop`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from coop.roles import Role, has_role

from ..models import (
    Assignment,
    Client,
    ContractRoleRate,
    Invoice,
    LaborContract,
    Milestone,
    OwnerPay,
    Payment,
    PeerTimesheet,
    PeriodSettlement,
    TimesheetEntry,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# A timesheet entry still in its owner's hands: a draft, or returned by a manager.
WAITING_FOR_OWNER = (TimesheetEntry.Status.DRAFT, TimesheetEntry.Status.RETURNED)
HOURS_FIELD = DecimalField(max_digits=10, decimal_places=2)
STAFF_ROLES = (Role.BOARD, Role.OPERATIONS, Role.AUDITOR)


def sees_all(user) -> bool:
    """Return whether `user` reads every row (officers, managers, auditors) or only their own."""
    return user.is_superuser or any(has_role(user, role) for role in STAFF_ROLES)


def clients() -> QuerySet[Client]:
    """Return the clients, each with its number of contracts and its contacts."""
    return Client.objects.annotate(contract_count=Count("contracts")).prefetch_related("contacts")


def contracts() -> QuerySet[LaborContract]:
    """Return the labor contracts with their client, master agreement, rates and milestones."""
    return LaborContract.objects.select_related(
        "client", "msa_version__document", "negotiated_by", "approved_by"
    ).prefetch_related("role_rates", "milestones")


def contracts_visible_to(user) -> QuerySet[LaborContract]:
    """Every contract for officers and managers; an owner sees the contracts they work on."""
    found = contracts()
    return found if sees_all(user) else found.filter(assignments__owner=user).distinct()


def assignments() -> QuerySet[Assignment]:
    """Return every owner's assignment to a contract."""
    return Assignment.objects.select_related("contract__client", "owner")


def assignments_visible_to(user) -> QuerySet[Assignment]:
    """Return the assignments `user` may read: every one for staff, else only their own."""
    return assignments() if sees_all(user) else assignments().filter(owner=user)


def timesheets() -> QuerySet[TimesheetEntry]:
    """Return every contract timesheet entry, with its contract, owner, reviewer and invoice."""
    return TimesheetEntry.objects.select_related("contract__client", "owner", "assignment", "reviewed_by", "invoice")


def timesheets_visible_to(user) -> QuerySet[TimesheetEntry]:
    """Return the timesheet entries `user` may read: every one for staff, else only their own."""
    return timesheets() if sees_all(user) else timesheets().filter(owner=user)


def timesheets_to_submit(user) -> QuerySet[TimesheetEntry]:
    """The owner's hours still in their hands: drafts, and entries a manager returned, oldest first."""
    return timesheets().filter(owner=user, status__in=WAITING_FOR_OWNER).order_by("day", "pk")


def timesheets_to_approve(user) -> QuerySet[TimesheetEntry]:
    """Return the submitted hours waiting for a manager that `user` may review: everyone's but their own."""
    return TimesheetEntry.objects.filter(status=TimesheetEntry.Status.SUBMITTED).exclude(owner=user)


def contracts_to_approve() -> QuerySet[LaborContract]:
    """Return the contracts negotiated with the client and waiting for the Board's approval."""
    return LaborContract.objects.filter(status=LaborContract.Status.NEGOTIATED)


def invoices_overdue(*, today: date) -> QuerySet[Invoice]:
    """Return the invoices past their due date and not paid in full: payments to record or chase."""
    unpaid = (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID)
    return Invoice.objects.filter(status__in=unpaid, due_on__lt=today)


def _owner_total(entries: QuerySet[TimesheetEntry], total, output_field) -> Coalesce:
    per_owner = entries.filter(owner=OuterRef("pk")).order_by().values("owner").annotate(t=total).values("t")
    return Coalesce(Subquery(per_owner, output_field=output_field), Value(0), output_field=output_field)


def contract_hours_logged_of_user(*, start: date, end: date) -> Coalesce:
    """Return the labor-contract hours an owner logged from `start` to `end` inclusive, whatever
    their state, as an expression over a queryset of users (the owner is `OuterRef("pk")`), so that
    a page gathering several apps' figures reads them in one query."""
    entries = TimesheetEntry.objects.filter(day__gte=start, day__lte=end)
    return _owner_total(entries, Sum("hours"), HOURS_FIELD)


def timesheets_to_submit_count_of_user() -> Coalesce:
    """Return how many entries `timesheets_to_submit` holds for an owner, as an expression over a
    queryset of users (the owner is `OuterRef("pk")`)."""
    return _owner_total(TimesheetEntry.objects.filter(status__in=WAITING_FOR_OWNER), Count("pk"), IntegerField())


def invoices() -> QuerySet[Invoice]:
    """Return the invoices to clients, with their contract and who issued them."""
    return Invoice.objects.select_related("contract__client", "issued_by")


def invoice_detail(pk) -> Invoice:
    """Return one invoice with its lines, payments and settlement, ready to print."""
    return (
        invoices()
        .select_related("contract__msa_version__document", "settlement")
        .prefetch_related("lines__owner", "payments")
        .get(pk=pk)
    )


def payments() -> QuerySet[Payment]:
    """Return the clients' payments, with the invoice each pays."""
    return Payment.objects.select_related("invoice__contract__client", "recorded_by")


def settlements() -> QuerySet[PeriodSettlement]:
    """Return each invoiced period's settlement: owner pay and the cooperative's margin."""
    return PeriodSettlement.objects.select_related("contract__client", "invoice")


def owner_pay() -> QuerySet[OwnerPay]:
    """Return what each owner earned from each settled contract period."""
    return OwnerPay.objects.select_related("owner", "settlement__contract__client", "settlement__invoice")


def owner_pay_for(user) -> QuerySet[OwnerPay]:
    """Return the owner's contract pay, one row per invoiced period, newest first."""
    return owner_pay().filter(owner=user).order_by("-settlement__period_end")


def milestones_to_invoice(contract: LaborContract) -> QuerySet[Milestone]:
    """Return the contract's milestones reached and not yet on an invoice."""
    return contract.milestones.filter(status=Milestone.Status.REACHED, invoice__isnull=True)


# ---------------------------------------------------------------------------------------------
# Hours, value and pay: aggregated in the database, so the count of queries never grows with rows
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HourGroup:
    """An owner's hours in one role at one rate: an invoice line, and part of their pay."""

    owner_id: int
    role: str
    hours: Decimal
    rate: Decimal | None
    value: Decimal


def hour_groups(contract: LaborContract, entries: QuerySet[TimesheetEntry]) -> list[HourGroup]:
    """Group `entries` by owner, role and rate, summing hours in the database (two queries).

    On a fixed-value contract the groups carry no rate and no value: the milestones carry it.
    """
    rows = (
        entries.order_by()
        .values("owner_id", "assignment__role", "assignment__hourly_rate")
        .annotate(hours=Sum("hours"))
        .order_by("owner_id", "assignment__role")
    )
    role_rates = {}
    if contract.billing_basis == LaborContract.BillingBasis.HOURLY_ROLE:
        role_rates = dict(ContractRoleRate.objects.filter(contract=contract).values_list("role", "hourly_rate"))
    groups = []
    for row in rows:
        hours = Decimal(row["hours"]).quantize(CENT)
        if contract.billing_basis == LaborContract.BillingBasis.HOURLY_ROLE:
            rate = role_rates[row["assignment__role"]]
        elif contract.billing_basis == LaborContract.BillingBasis.HOURLY_OWNER:
            rate = row["assignment__hourly_rate"]
        else:
            rate = None
        value = (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP) if rate is not None else ZERO
        groups.append(HourGroup(row["owner_id"], row["assignment__role"], hours, rate, value))
    return groups


@dataclass(frozen=True)
class OwnerValue:
    owner_id: int
    hours: Decimal
    value: Decimal
    pay: Decimal


def period_owner_values(invoice: Invoice, owner_percent: Decimal) -> list[OwnerValue]:
    """Return each owner's hours, the value of their work and their pay for an invoiced period.

    Hourly contracts value each owner's hours at their rate. On a fixed-value contract the
    invoiced milestones' value is shared by the owners in proportion to their hours; the last
    owner takes the rounding cent, so the values add up to the invoice exactly.
    """
    per_owner: dict[int, list[Decimal]] = {}
    for group in hour_groups(invoice.contract, invoice.timesheet_entries.all()):
        hours_value = per_owner.setdefault(group.owner_id, [ZERO, ZERO])
        hours_value[0] += group.hours
        hours_value[1] += group.value
    if not invoice.contract.is_hourly and per_owner:
        total_hours = sum(h for h, _v in per_owner.values())
        allotted = ZERO
        owners = list(per_owner)
        for index, owner_id in enumerate(owners):
            if index == len(owners) - 1:
                share = invoice.total - allotted
            else:
                share = (invoice.total * per_owner[owner_id][0] / total_hours).quantize(CENT, rounding=ROUND_HALF_UP)
            per_owner[owner_id][1] = share
            allotted += share
    percent = owner_percent / Decimal(100)
    return [
        OwnerValue(owner_id, hours, value, (value * percent).quantize(CENT, rounding=ROUND_HALF_UP))
        for owner_id, (hours, value) in per_owner.items()
    ]


# ---------------------------------------------------------------------------------------------
# Capital raised, bonus suspension and the startup step
# ---------------------------------------------------------------------------------------------


def capital_raised() -> Decimal:
    """Return the margin of every settled period: what labor contracts raised for the capitalization fund."""
    return Decimal(PeriodSettlement.objects.aggregate(total=Sum("margin"))["total"] or 0).quantize(CENT)


def capital_by_month() -> list[dict]:
    """Return the margin raised per month of period end, oldest first, with the running total."""
    rows = (
        PeriodSettlement.objects.annotate(month=TruncMonth("period_end"))
        .values("month")
        .annotate(margin=Sum("margin"), owner_pay=Sum("owner_pay_total"), value=Sum("value"))
        .order_by("month")
    )
    running = ZERO
    result = []
    for row in rows:
        running += row["margin"]
        result.append({**row, "cumulative": running})
    return result


@dataclass(frozen=True)
class BonusSuspension:
    """Whether bonus pay is suspended, and the active labor contracts that suspend it."""

    suspended: bool
    contracts: list[LaborContract]


def bonus_suspension() -> BonusSuspension:
    """Return whether bonuses are suspended: they are while any labor contract is active."""
    active = list(LaborContract.objects.active().select_related("client").order_by("starts_on"))
    return BonusSuspension(suspended=bool(active), contracts=active)


_capital_against_target: list[Callable[[], object]] = []


def capital_against_target_register(source: Callable[[], object]) -> None:
    """Let the app that owns the business plan's capital target (founding, in its `ready()`)
    report the capital raised against it; the last one registered answers."""
    _capital_against_target[:] = [source]


def capital_against_target():
    """Return the capital raised against the business plan's target as its owner reports it (an
    object with `target`, `raised`, `percent` and `missing`), or None when no app owns it."""
    return _capital_against_target[0]() if _capital_against_target else None


@dataclass(frozen=True)
class LaborProgress:
    contracts_signed: int
    contracts_completed: int
    hours_worked: Decimal
    capital_raised: Decimal


def labor_progress() -> LaborProgress:
    """Return what the Labor Contracts step shows: contracts signed, hours worked, capital raised."""
    counts = LaborContract.objects.aggregate(
        signed=Count("pk", filter=Q(approved_at__isnull=False)),
        completed=Count("pk", filter=Q(status=LaborContract.Status.COMPLETED)),
    )
    worked = TimesheetEntry.objects.filter(
        status__in=[TimesheetEntry.Status.APPROVED, TimesheetEntry.Status.INVOICED]
    ).aggregate(total=Sum("hours"))["total"]
    return LaborProgress(
        contracts_signed=counts["signed"],
        contracts_completed=counts["completed"],
        hours_worked=Decimal(worked or 0).quantize(CENT),
        capital_raised=capital_raised(),
    )


def invoiceable_entries(contract: LaborContract, period_start: date, period_end: date) -> QuerySet[TimesheetEntry]:
    """Return the contract's approved hours in the period that no invoice holds yet (on a contract
    with a peer cooperative, those it confirmed)."""
    return TimesheetEntry.objects.filter(
        # On a contract with a peer cooperative, only the hours it confirmed.
        Q(contract__client__peer__isnull=True) | Q(peer_timesheet__status=PeerTimesheet.Status.CONFIRMED),
        contract=contract,
        status=TimesheetEntry.Status.APPROVED,
        invoice__isnull=True,
        day__gte=period_start,
        day__lte=period_end,
    )
