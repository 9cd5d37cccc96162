"""On the client cooperative's side the admin answers the peer through the same services: the CEO
accepts or declines an offered contract from its list (a manager is refused, 403, nothing written
or sent), Operations confirms or disputes the hours the peer sent and pays its invoice; the records
themselves are read-only."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from federation.models import OutboundMessage
from labor_contracts.models import IncomingContract, IncomingInvoice, IncomingTimesheet
from tests.federation.conftest import post, signed

OFFER = {
    "contract": 41,
    "title": "Kitchen crew",
    "scope": "Staff the kitchen.",
    "starts_on": "2026-11-01",
    "ends_on": "2027-01-31",
    "rates": [{"role": "Cook", "hourly_rate": "32.50"}],
}
HOURS = {
    "contract": 41,
    "timesheet": 7,
    "period_start": "2026-11-01",
    "period_end": "2026-11-30",
    "hours_by_role": [{"role": "Cook", "hours": "12.00"}],
}
INVOICE = {
    "contract": 41,
    "number": "SC-2026-0003",
    "period_start": "2026-11-01",
    "period_end": "2026-11-30",
    "issued_on": "2026-12-01",
    "due_on": "2026-12-31",
    "total": "390.00",
    "lines": [{"role": "Cook", "hours": "12.00", "rate": "32.50", "amount": "390.00"}],
}


def _receive(peer_key, kind, payload):
    response = post(HttpClient(), *signed(peer_key, {"kind": kind, "payload": payload}))
    assert response.status_code == 200, response.content


def _act(browser, model: str, action: str, record, **extra):
    body = {
        "action": action,
        "_selected_action": [record.pk],
        "confirm": "yes",
        "reason": "From the admin",
        **extra,
    }
    return browser.post(reverse(f"admin:labor_contracts_{model}_changelist"), body)


def _logged_in(user) -> HttpClient:
    browser = HttpClient()
    browser.force_login(user)
    return browser


@pytest.fixture
def offered(peer, peer_key, ceo) -> IncomingContract:
    _receive(peer_key, "contracts.offer", OFFER)
    return IncomingContract.objects.get()


def test_the_ceo_accepts_from_the_list_and_the_peer_is_told(offered, ceo):
    assert _act(_logged_in(ceo), "incomingcontract", "incoming_contracts_accept", offered).status_code == 302
    offered.refresh_from_db()
    assert (offered.status, offered.decided_by) == (IncomingContract.Status.ACCEPTED, ceo)
    assert OutboundMessage.objects.get().kind == "contracts.accepted"


def test_the_ceo_declines_from_the_list_and_the_peer_is_told(offered, ceo):
    assert _act(_logged_in(ceo), "incomingcontract", "incoming_contracts_decline", offered).status_code == 302
    offered.refresh_from_db()
    assert offered.status == IncomingContract.Status.DECLINED
    assert OutboundMessage.objects.get().kind == "contracts.declined"


def test_a_manager_accepting_from_the_list_is_refused_and_nothing_written(offered, operations_client):
    assert _act(operations_client, "incomingcontract", "incoming_contracts_accept", offered).status_code == 403
    offered.refresh_from_db()
    assert offered.status == IncomingContract.Status.OFFERED
    assert not OutboundMessage.objects.exists()


def test_the_record_itself_is_read_only(offered, ceo):
    browser = _logged_in(ceo)
    page = reverse("admin:labor_contracts_incomingcontract_change", args=[offered.pk])
    assert browser.get(page).status_code == 200
    assert browser.post(page, {"title": "Changed"}).status_code == 403
    offered.refresh_from_db()
    assert offered.title == "Kitchen crew"


@pytest.fixture
def accepted(offered, ceo, peer_key) -> IncomingContract:
    _act(_logged_in(ceo), "incomingcontract", "incoming_contracts_accept", offered)
    _receive(peer_key, "contracts.timesheet", HOURS)
    return offered


def test_operations_confirms_the_hours_then_pays_the_invoice(accepted, peer_key, operations_client):
    timesheet = IncomingTimesheet.objects.get()
    assert _act(operations_client, "incomingtimesheet", "incoming_timesheets_confirm", timesheet).status_code == 302
    timesheet.refresh_from_db()
    assert timesheet.status == IncomingTimesheet.Status.CONFIRMED

    _receive(peer_key, "contracts.invoice", INVOICE)
    invoice = IncomingInvoice.objects.get()
    assert _act(operations_client, "incominginvoice", "incoming_invoices_pay", invoice).status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == IncomingInvoice.Status.PAID and invoice.paid_on >= date(2026, 12, 1)
    paid = OutboundMessage.objects.get(kind="contracts.paid")
    assert paid.payload["amount"] == "390.00" and Decimal(paid.payload["amount"]) == invoice.total


def test_operations_disputes_the_hours_with_a_comment(accepted, operations_client):
    timesheet = IncomingTimesheet.objects.get()
    response = _act(
        operations_client,
        "incomingtimesheet",
        "incoming_timesheets_dispute",
        timesheet,
        comment="We counted ten hours, not twelve.",
    )
    assert response.status_code == 302
    timesheet.refresh_from_db()
    assert (timesheet.status, timesheet.comment) == (
        IncomingTimesheet.Status.DISPUTED,
        "We counted ten hours, not twelve.",
    )
    assert OutboundMessage.objects.filter(kind="contracts.timesheet_disputed").exists()


def test_a_member_is_refused_the_pages(offered, member_client):
    page = reverse("admin:labor_contracts_incomingcontract_changelist")
    assert member_client.get(page, follow=True).status_code == 403
