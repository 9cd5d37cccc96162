"""Invoices between cooperatives post on both ledgers and reconcile. A invoices the hours the client
cooperative confirmed, as on any contract, with the margin to its capitalization; B records the
payable after checking it against the rates it accepted and the hours it confirmed; B pays; A records
the payment once the amount agrees with its invoice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from federation.models import InboundMessage, OutboundMessage
from finance.models import JournalEntry
from finance.services import ledger_sync
from labor_contracts import selectors, services
from labor_contracts.models import IncomingContract, IncomingInvoice, IncomingTimesheet, Invoice
from labor_contracts.selectors.intercoop import contract_ledger, incoming_contract_ledger
from tests.factories import labor_contracts as f
from tests.factories.membership import policy_set
from tests.federation.conftest import post, signed

REASON = "test"


def _receive(peer_key, kind, payload):
    return post(HttpClient(), *signed(peer_key, {"kind": kind, "payload": payload}))


def _confirmed_invoice(contract, owner, manager, peer_key) -> Invoice:
    today = timezone.localdate()
    f.hours_approved(contract, owner, today, "8", manager)
    f.hours_approved(contract, owner, today - timedelta(days=1), "4.5", manager)
    period = {"period_start": contract.starts_on, "period_end": today}
    timesheet = services.peer_timesheet_send(contract=contract, actor=manager, reason="Week", **period)
    confirmed = {"contract": contract.pk, "timesheet": timesheet.pk}
    assert _receive(peer_key, "contracts.timesheet_confirmed", confirmed).status_code == 200
    return services.invoice_issue(contract=contract, actor=manager, reason="Month", **period)


# A's side ---------------------------------------------------------------------------------------


def test_the_invoice_settles_the_margin_as_today_and_travels_per_role(peer_contract, peer_key, owner, operations_user):
    policy_set("owner_contract_percent", "60")
    invoice = _confirmed_invoice(peer_contract, owner, operations_user, peer_key)

    # 12.5 h at 32.50; the owner's pay is the contract's captured percentage, the margin capitalizes A
    assert invoice.total == Decimal("406.25")
    settlement = invoice.settlement
    assert settlement.margin == invoice.total - settlement.owner_pay_total
    assert selectors.capital_raised() == settlement.margin
    message = OutboundMessage.objects.get(kind="contracts.invoice")
    assert message.payload["number"] == invoice.number and message.payload["total"] == "406.25"
    assert message.payload["lines"] == [{"role": "Cook", "hours": "12.50", "rate": "32.50", "amount": "406.25"}]
    assert owner.email not in str(message.payload) and "pay" not in message.payload


def test_the_peers_payment_is_recorded_as_any_clients(peer_contract, peer_key, owner, operations_user):
    invoice = _confirmed_invoice(peer_contract, owner, operations_user, peer_key)
    paid_on = timezone.localdate()

    response = _receive(
        peer_key,
        "contracts.paid",
        {"contract": peer_contract.pk, "number": invoice.number, "amount": "406.25", "paid_on": paid_on.isoformat()},
    )

    assert response.status_code == 200, response.content
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_total) == (Invoice.Status.PAID, Decimal("406.25"))
    ledger = contract_ledger(peer_contract)
    assert ledger.settled and ledger.invoices[0].paid_on == paid_on


@pytest.mark.parametrize(
    ("changes", "problem"),
    [({"amount": "400.00"}, "the ledgers disagree"), ({"number": "INV-1999-0001"}, "No invoice")],
)
def test_a_payment_that_disagrees_is_refused_and_nothing_written(
    peer_contract, peer_key, owner, operations_user, changes, problem
):
    invoice = _confirmed_invoice(peer_contract, owner, operations_user, peer_key)
    payload = {"contract": peer_contract.pk, "number": invoice.number, "amount": "406.25"}
    payload |= {"paid_on": timezone.localdate().isoformat(), **changes}

    response = _receive(peer_key, "contracts.paid", payload)

    assert response.status_code == 400 and problem in response.json()["error"]
    invoice.refresh_from_db()
    assert (invoice.status, invoice.payments.count()) == (Invoice.Status.ISSUED, 0)


# B's side ---------------------------------------------------------------------------------------


@pytest.fixture
def confirmed_mirror(peer, peer_key, ceo, operations_user):
    """An offer accepted by the CEO and 12.5 hours as a cook confirmed by Operations."""
    offer = {
        "contract": 41,
        "title": "Kitchen crew",
        "scope": "Staff the kitchen.",
        "starts_on": "2026-11-01",
        "ends_on": "2027-01-31",
        "rates": [{"role": "Cook", "hourly_rate": "32.50"}],
    }
    assert _receive(peer_key, "contracts.offer", offer).status_code == 200
    contract = services.incoming_contract_accept(contract=IncomingContract.objects.get(), actor=ceo, reason="Yes")
    hours = {"contract": 41, "timesheet": 7, "period_start": "2026-11-01", "period_end": "2026-11-30"}
    hours["hours_by_role"] = [{"role": "Cook", "hours": "12.50"}]
    assert _receive(peer_key, "contracts.timesheet", hours).status_code == 200
    services.incoming_timesheet_confirm(timesheet=IncomingTimesheet.objects.get(), actor=operations_user, reason="Ok")
    return contract


def _invoice(**changes):
    return {
        "contract": 41,
        "number": "INV-2026-0003",
        "period_start": "2026-11-01",
        "period_end": "2026-11-30",
        "issued_on": "2026-11-30",
        "due_on": "2026-12-30",
        "total": "406.25",
        "lines": [{"role": "Cook", "hours": "12.50", "rate": "32.50", "amount": "406.25"}],
        **changes,
    }


def test_a_peers_invoice_is_a_payable_posted_and_paid_on_the_ledger(
    confirmed_mirror, peer_key, operations_user, board_user
):
    assert _receive(peer_key, "contracts.invoice", _invoice()).status_code == 200
    payable = IncomingInvoice.objects.get()
    assert (payable.total, payable.status) == (Decimal("406.25"), IncomingInvoice.Status.PAYABLE)

    paid_on = timezone.localdate()
    services.incoming_invoice_pay(invoice=payable, paid_on=paid_on, actor=operations_user, reason="Paid")

    payable.refresh_from_db()
    assert (payable.status, payable.paid_on) == (IncomingInvoice.Status.PAID, paid_on)
    told = OutboundMessage.objects.get(kind="contracts.paid")
    assert told.payload == {
        "contract": 41,
        "number": "INV-2026-0003",
        "amount": "406.25",
        "paid_on": paid_on.isoformat(),
    }
    ledger_sync(actor=board_user, reason="Post")
    entries = {e.source: e for e in JournalEntry.objects.filter(source__startswith="peer-invoice")}
    assert set(entries) == {f"peer-invoice:{payable.pk}", f"peer-invoice-payment:{payable.pk}"}
    lines = {(ln.account.code, ln.debit, ln.credit) for e in entries.values() for ln in e.lines.all()}
    assert lines == {
        ("5300", Decimal("406.25"), Decimal("0.00")),
        ("2500", Decimal("0.00"), Decimal("406.25")),
        ("2500", Decimal("406.25"), Decimal("0.00")),
        ("1000", Decimal("0.00"), Decimal("406.25")),
    }
    assert incoming_contract_ledger(confirmed_mirror).settled


def test_a_member_may_not_pay_a_peers_invoice(confirmed_mirror, peer_key, member_user):
    _receive(peer_key, "contracts.invoice", _invoice())
    with pytest.raises(PermissionDenied):
        services.incoming_invoice_pay(
            invoice=IncomingInvoice.objects.get(), paid_on=timezone.localdate(), actor=member_user, reason="Mine"
        )
    assert IncomingInvoice.objects.get().status == IncomingInvoice.Status.PAYABLE
    assert not OutboundMessage.objects.filter(kind="contracts.paid").exists()


def test_a_payment_in_the_future_is_refused(confirmed_mirror, peer_key, operations_user):
    _receive(peer_key, "contracts.invoice", _invoice())
    with pytest.raises(ValidationError) as refusal:
        services.incoming_invoice_pay(
            invoice=IncomingInvoice.objects.get(),
            paid_on=timezone.localdate() + timedelta(days=1),
            actor=operations_user,
            reason="Later",
        )
    assert "paid_on" in refusal.value.message_dict


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"lines": [{"role": "Cook", "hours": "12.50", "rate": "40.00", "amount": "500.00"}], "total": "500.00"},
            "rate",
        ),
        (
            {"lines": [{"role": "Cook", "hours": "20.00", "rate": "32.50", "amount": "650.00"}], "total": "650.00"},
            "confirmed",
        ),
        ({"total": "500.00"}, "sum of the lines"),
        (
            {"lines": [{"role": "Cook", "hours": "12.50", "rate": "32.50", "amount": "400.00"}], "total": "400.00"},
            "times",
        ),
        ({"contract": 99}, "accepted no contract"),
    ],
)
def test_an_invoice_that_does_not_match_what_was_agreed_is_refused(confirmed_mirror, peer_key, changes, problem):
    received_before = InboundMessage.objects.count()
    response = _receive(peer_key, "contracts.invoice", _invoice(**changes))
    assert response.status_code == 400 and problem in response.json()["error"]
    assert not IncomingInvoice.objects.exists()
    assert InboundMessage.objects.count() == received_before
