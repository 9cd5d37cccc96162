"""Invoices and payments between cooperatives, on both ledgers. A issues the invoice as on any
contract (from the hours the client confirmed), which settles the owners' pay and the margin to A's
capitalization unchanged; the invoice travels to B, which records a payable checked against the rates
it accepted and the hours it confirmed. B pays it; the payment travels back and A records it as any
client's payment, once the amount agrees with its invoice. Both ledgers then show the same invoice
number, amount and payment date."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.ledger_feed import ledger_record_ready
from coop.money import MONEY
from coop.roles import Role
from coop.services_common import require_role
from federation.models import Peer
from federation.services import message_send

from ..models import IncomingContract, IncomingInvoice, IncomingTimesheet, Invoice
from ._payloads import (
    payload_day,
    payload_decimal,
    payload_period,
    payload_reference,
    payload_refuse_unknown,
    payload_text,
)
from .invoices import INVOICE, payment_write

PAID = "contracts.paid"
INVOICE_FIELDS = frozenset(
    {"contract", "number", "period_start", "period_end", "issued_on", "due_on", "total", "lines"}
)
HOURS = {"max_digits": 12, "decimal_places": 2}
CENT = Decimal("0.01")


def _lines(payload: dict, rates: dict[str, Decimal]) -> list[dict]:
    lines = payload.get("lines")
    if not isinstance(lines, list) or not lines:
        raise ValidationError({"lines": _("An invoice has at least one line.")})
    found = []
    for line in lines:
        if not isinstance(line, dict) or set(line) != {"role", "hours", "rate", "amount"}:
            raise ValidationError({"lines": _("Each line names a role, its hours, rate and amount, nothing else.")})
        hours = payload_decimal(line["hours"], "lines", **HOURS)
        rate = payload_decimal(line["rate"], "lines", **MONEY)
        amount = payload_decimal(line["amount"], "lines", **MONEY)
        if rates.get(line["role"]) != rate:
            raise ValidationError(
                {
                    "lines": _("The role %(role)s is not billed at the rate this cooperative accepted.")
                    % {"role": line["role"]}
                }
            )
        if (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP) != amount:
            raise ValidationError({"lines": _("A line's amount must be its hours times its rate.")})
        found.append({"role": line["role"], "hours": hours, "rate": rate, "amount": amount})
    return found


def _hours_left_to_invoice(contract: IncomingContract) -> Decimal:
    confirmed = contract.timesheets.filter(status=IncomingTimesheet.Status.CONFIRMED).aggregate(t=Sum("hours"))["t"]
    invoiced = contract.invoices.aggregate(t=Sum("hours"))["t"]
    return (confirmed or Decimal("0")) - (invoiced or Decimal("0"))


def invoice_receive(peer: Peer, payload: dict) -> IncomingInvoice:
    """Record a peer's invoice as a payable and post it to the ledger, once its lines are the rates
    this cooperative accepted times hours it confirmed. Handler of `contracts.invoice`."""
    payload_refuse_unknown(payload, INVOICE_FIELDS)
    contract = IncomingContract.objects.filter(peer=peer, remote_ref=payload_reference(payload)).first()
    if contract is None or contract.status != IncomingContract.Status.ACCEPTED:
        raise ValidationError({"contract": _("This installation accepted no contract of this peer under that number.")})
    number = payload_text(payload, "number", 32)
    start, end = payload_period(payload, contract.starts_on, contract.ends_on)
    issued_on, due_on = payload_day(payload, "issued_on"), payload_day(payload, "due_on")
    total = payload_decimal(payload.get("total"), "total", **MONEY)
    lines = _lines(payload, dict(contract.rates.values_list("role", "hourly_rate")))
    if sum(line["amount"] for line in lines) != total:
        raise ValidationError({"total": _("The total must be the sum of the lines.")})
    hours = sum(line["hours"] for line in lines)
    if hours > _hours_left_to_invoice(contract):
        raise ValidationError(
            {"lines": _("The invoice bills more hours than this cooperative confirmed and was not yet invoiced for.")}
        )
    if contract.invoices.filter(number=number).exists():
        raise ValidationError({"number": _("This invoice was already received.")})
    invoice = IncomingInvoice(
        contract=contract,
        number=number,
        period_start=start,
        period_end=end,
        issued_on=issued_on,
        due_on=due_on,
        hours=hours,
        total=total,
        lines=[{key: str(value) for key, value in line.items()} for line in lines],
        received_at=timezone.now(),
    )
    invoice.full_clean()
    invoice.save()
    ledger_record_ready(prefix="peer-invoice", pk=invoice.pk)
    return invoice


@transaction.atomic
def incoming_invoice_pay(
    *, invoice: IncomingInvoice, paid_on: date, reference: str = "", actor, reason: str
) -> IncomingInvoice:
    """Pay a peer's invoice in full and tell the peer; Operations only, as for any payment. The
    payment is posted to the ledger."""
    require_role(actor, Role.OPERATIONS, action=_("record payments"))
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("A payment cannot be made in the future.")})
    with acting(actor, reason):
        invoice = IncomingInvoice.objects.select_for_update().select_related("contract__peer").get(pk=invoice.pk)
        invoice.transition_to(IncomingInvoice.Status.PAID)
        if paid_on < invoice.issued_on:
            raise ValidationError({"paid_on": _("An invoice is paid on or after the day it was issued.")})
        invoice.paid_on, invoice.paid_by, invoice.reference = paid_on, person(actor), reference
        invoice.full_clean()
        invoice.save()
        ledger_record_ready(prefix="peer-invoice-payment", pk=invoice.pk)
        payload = {
            "contract": invoice.contract.remote_ref,
            "number": invoice.number,
            "amount": str(invoice.total),
            "paid_on": paid_on.isoformat(),
        }
        message_send(peer=invoice.contract.peer, kind=PAID, payload=payload, actor=actor, reason=reason)
    return invoice


def paid_receive(peer: Peer, payload: dict):
    """The client cooperative paid an invoice: record the payment as any client's, once its amount is
    the invoice's balance (both ledgers must agree). Handler of `contracts.paid`."""
    payload_refuse_unknown(payload, frozenset({"contract", "number", "amount", "paid_on"}))
    reference, number = payload_reference(payload), payload_text(payload, "number", 32)
    invoice = (
        Invoice.objects.select_for_update()
        .filter(number=number, contract_id=reference, contract__client__peer=peer)
        .first()
    )
    if invoice is None:
        raise ValidationError(
            {"number": _("No invoice of this installation was issued to this peer under that number.")}
        )
    amount = payload_decimal(payload.get("amount"), "amount", **MONEY)
    if amount != invoice.balance:
        raise ValidationError(
            {
                "amount": _("The peer paid %(amount)s but the invoice's balance is %(balance)s: the ledgers disagree.")
                % {"amount": amount, "balance": invoice.balance}
            }
        )
    return payment_write(
        invoice=invoice,
        amount=amount,
        received_on=payload_day(payload, "paid_on"),
        reference=_("Paid by %(peer)s") % {"peer": peer.name[:80]},
        actor=None,
        reason=_("Payment reported by the peer %(peer)s") % {"peer": peer.name},
    )


HANDLERS = {INVOICE: invoice_receive, PAID: paid_receive}
