"""Writes for invoices, payments and the settlement of each invoiced period."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from coop.audit import acting, history_kwargs, person
from coop.ledger_feed import ledger_record_ready
from coop.models import Cooperative, User
from coop.money import MONEY
from coop.roles import Role
from coop.services_common import exact_decimal, require_role
from federation.services import message_send

from .. import selectors
from ..models import Invoice, InvoiceLine, LaborContract, Milestone, OwnerPay, Payment, PeriodSettlement, TimesheetEntry

INVOICEABLE = {LaborContract.Status.ACTIVE, LaborContract.Status.COMPLETED, LaborContract.Status.TERMINATED}
PAYMENT_TERMS = timedelta(days=30)
# An invoice to a peer cooperative travels to its installation as a payable (services.peer_invoices).
INVOICE = "contracts.invoice"


def _next_number(issued_on: date) -> str:
    # The cooperative row is the lock that keeps two invoices issued at once from sharing a number.
    Cooperative.objects.select_for_update().first()
    prefix = f"INV-{issued_on.year}-"
    last = (
        Invoice.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True).first()
    )
    return f"{prefix}{int(last.removeprefix(prefix)) + 1 if last else 1:04d}"


def _hour_lines(invoice: Invoice, groups, names: dict) -> list[InvoiceLine]:
    return [
        InvoiceLine(
            invoice=invoice,
            description=_("%(owner)s, %(role)s: %(hours)s h at %(rate)s")
            % {"owner": names[g.owner_id], "role": g.role, "hours": g.hours, "rate": g.rate},
            owner_id=g.owner_id,
            role=g.role,
            hours=g.hours,
            rate=g.rate,
            amount=g.value,
        )
        for g in groups
    ]


@transaction.atomic
def invoice_issue(
    *,
    contract: LaborContract,
    period_start: date,
    period_end: date,
    issued_on: date | None = None,
    due_on: date | None = None,
    actor,
    reason: str,
) -> Invoice:
    """Invoice the client for a period: the approved hours in it (hourly contracts) or the
    milestones reached (fixed value). The hours become invoiced and locked, and the period's
    owner pay and margin are computed at once."""
    require_role(actor, Role.OPERATIONS, action=_("issue invoices"))
    issued_on = issued_on or timezone.localdate()
    due_on = due_on or issued_on + PAYMENT_TERMS
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    with acting(actor, reason):
        contract = (
            LaborContract.objects.select_for_update(of=("self",)).select_related("client__peer").get(pk=contract.pk)
        )
        if contract.status not in INVOICEABLE:
            raise ValidationError(
                {
                    "contract": _("A %(status)s contract is not invoiced; activate it first.")
                    % {"status": contract.get_status_display().lower()}
                }
            )
        entries = list(
            selectors.invoiceable_entries(contract, period_start, period_end).select_for_update(of=("self",))
        )
        if not entries:
            raise ValidationError({"period_end": _("There are no approved, uninvoiced hours in this period.")})
        milestones = []
        if not contract.is_hourly:
            milestones = list(selectors.milestones_to_invoice(contract).select_for_update())
            if not milestones:
                raise ValidationError({"contract": _("No milestone has been reached since the last invoice.")})
        invoice = Invoice(
            contract=contract,
            number=_next_number(issued_on),
            period_start=period_start,
            period_end=period_end,
            issued_on=issued_on,
            due_on=due_on,
            total=0,
            issued_by=person(actor),
        )
        groups = selectors.hour_groups(contract, selectors.invoiceable_entries(contract, period_start, period_end))
        if contract.is_hourly:
            owners = User.objects.filter(pk__in={g.owner_id for g in groups})
            names = {u.pk: u.get_full_name() or u.email for u in owners}
            lines = _hour_lines(invoice, groups, names)
        else:
            lines = [
                InvoiceLine(invoice=invoice, description=m.title, milestone=m, amount=m.amount) for m in milestones
            ]
        invoice.total = sum(line.amount for line in lines)
        invoice.full_clean()
        invoice.save()
        ledger_record_ready(prefix="invoice", pk=invoice.pk)
        for line in lines:
            line.invoice = invoice
        bulk_create_with_history(lines, InvoiceLine, **history_kwargs())
        for entry in entries:
            entry.transition_to(TimesheetEntry.Status.INVOICED)
            entry.invoice = invoice
        bulk_update_with_history(entries, TimesheetEntry, ["status", "invoice"], **history_kwargs())
        for milestone in milestones:
            milestone.transition_to(Milestone.Status.INVOICED)
            milestone.invoice = invoice
            milestone.full_clean()
            milestone.save()
        period_settle(invoice=invoice, actor=actor, reason=reason)
        if contract.client.peer_id is not None:
            _invoice_tell_peer(invoice, contract, groups, actor=actor, reason=reason)
    return invoice


def _invoice_tell_peer(invoice: Invoice, contract: LaborContract, groups, *, actor, reason: str) -> None:
    # The client cooperative records the invoice as a payable: its lines per role and rate, never
    # whose hours they were, nor what anyone earns.
    per_role: dict[tuple[str, Decimal], list[Decimal]] = {}
    for group in groups:
        hours_amount = per_role.setdefault((group.role, group.rate), [Decimal("0"), Decimal("0")])
        hours_amount[0] += group.hours
        hours_amount[1] += group.value
    payload = {
        "contract": contract.pk,
        "number": invoice.number,
        "period_start": invoice.period_start.isoformat(),
        "period_end": invoice.period_end.isoformat(),
        "issued_on": invoice.issued_on.isoformat(),
        "due_on": invoice.due_on.isoformat(),
        "total": str(invoice.total),
        "lines": [
            {"role": role, "hours": str(hours), "rate": str(rate), "amount": str(amount)}
            for (role, rate), (hours, amount) in sorted(per_role.items())
        ],
    }
    message_send(peer=contract.client.peer, kind=INVOICE, payload=payload, actor=actor, reason=reason)


@transaction.atomic
def period_settle(*, invoice: Invoice, actor, reason: str) -> PeriodSettlement:
    """Compute and store an invoiced period's owner pay (the contract's captured percentage of
    each owner's value) and the margin for the capitalization fund. A fixed number of queries
    whatever the number of owners and hours: the sums come from the database. Operations only
    (issuing the invoice settles its period)."""
    require_role(actor, Role.OPERATIONS, action=_("settle invoiced periods"))
    with acting(actor, reason):
        invoice = Invoice.objects.select_for_update().select_related("contract").get(pk=invoice.pk)
        if PeriodSettlement.objects.filter(invoice=invoice).exists():
            raise ValidationError({"invoice": _("This period is already settled.")})
        percent = invoice.contract.owner_percent
        values = selectors.period_owner_values(invoice, percent)
        pay_total = sum((v.pay for v in values), start=selectors.ZERO)
        settlement = PeriodSettlement(
            invoice=invoice,
            contract=invoice.contract,
            period_start=invoice.period_start,
            period_end=invoice.period_end,
            owner_percent=percent,
            value=invoice.total,
            owner_pay_total=pay_total,
            margin=invoice.total - pay_total,
            hours=sum((v.hours for v in values), start=selectors.ZERO),
            computed_at=timezone.now(),
        )
        settlement.full_clean()
        settlement.save()
        rows = [
            OwnerPay(settlement=settlement, owner_id=v.owner_id, hours=v.hours, value=v.value, pay=v.pay)
            for v in values
        ]
        for row in rows:
            # Field checks only: uniqueness per owner holds by construction and in the database,
            # and a query per row would make the count grow with the owners.
            row.clean_fields()
        bulk_create_with_history(rows, OwnerPay, **history_kwargs())
        ledger_record_ready(prefix="settlement", pk=settlement.pk)
    return settlement


@transaction.atomic
def settlement_mark_posted(*, settlement: PeriodSettlement, actor, reason: str) -> PeriodSettlement:
    """Note that finance posted the settlement's owner pay and margin to its ledger. Whoever
    posts to the ledger: the Board, Operations, or the posting task (`actor=None`)."""
    require_role(actor, Role.BOARD, Role.OPERATIONS, action=_("mark settlements posted"), system=True)
    with acting(actor, reason):
        settlement = PeriodSettlement.objects.select_for_update().get(pk=settlement.pk)
        if not settlement.posted_to_ledger:
            settlement.posted_to_ledger = True
            settlement.full_clean()
            settlement.save()
    return settlement


@transaction.atomic
def payment_record(*, invoice: Invoice, amount, received_on: date, reference: str = "", actor, reason: str) -> Payment:
    """Record a payment from the client; the invoice becomes partly paid or paid."""
    require_role(actor, Role.OPERATIONS, action=_("record payments"))
    return payment_write(
        invoice=invoice, amount=amount, received_on=received_on, reference=reference, actor=actor, reason=reason
    )


def payment_write(*, invoice: Invoice, amount, received_on: date, reference: str, actor, reason: str) -> Payment:
    """Write a payment on `invoice` under the rules of any payment, whoever decided it may be
    recorded: Operations (`payment_record`), or a client cooperative's signed message that it paid."""
    amount = exact_decimal(amount, field="amount", positive=True, **MONEY)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("A payment cannot be received in the future.")})
    with acting(actor, reason):
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if amount > invoice.balance:
            raise ValidationError(
                {
                    "amount": _("The invoice's balance is %(balance)s; a payment cannot exceed it.")
                    % {"balance": invoice.balance}
                }
            )
        payment = Payment(
            invoice=invoice, amount=amount, received_on=received_on, reference=reference, recorded_by=person(actor)
        )
        payment.full_clean()
        payment.save()
        invoice.paid_total += amount
        invoice.transition_to(Invoice.Status.PAID if invoice.balance == 0 else Invoice.Status.PARTLY_PAID)
        invoice.full_clean()
        invoice.save()
        ledger_record_ready(prefix="invoice-payment", pk=payment.pk)
    return payment
