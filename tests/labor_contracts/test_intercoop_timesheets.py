"""Hours on a contract between cooperatives are confirmed by both sides: A's managers approve them,
Operations sends a period per role to the client cooperative, whose Operations confirms or disputes
it; only hours the client confirmed are invoiced. Never whose hours, nor anyone's pay, travels."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from federation.models import InboundMessage, OutboundMessage
from labor_contracts import services
from labor_contracts.models import IncomingContract, IncomingTimesheet, Invoice, PeerTimesheet
from tests.factories import labor_contracts as f
from tests.federation.conftest import post, signed

REASON = "test"


def _receive(peer_key, kind, payload):
    return post(HttpClient(), *signed(peer_key, {"kind": kind, "payload": payload}))


def _period(contract):
    return {"period_start": contract.starts_on, "period_end": timezone.localdate()}


def _hours(contract, owner, manager):
    today = timezone.localdate()
    f.hours_approved(contract, owner, today, "8", manager)
    f.hours_approved(contract, owner, today - timedelta(days=1), "4.5", manager)


# A's side ---------------------------------------------------------------------------------------


def test_operations_sends_approved_hours_per_role_and_never_whose(peer_contract, owner, operations_user):
    manager = f.owner_create(email="manager@example.coop")
    _hours(peer_contract, owner, operations_user)
    sent_before = OutboundMessage.objects.count()

    timesheet = services.peer_timesheet_send(
        contract=peer_contract, actor=operations_user, reason="Week", **_period(peer_contract)
    )

    assert (timesheet.status, timesheet.hours) == (PeerTimesheet.Status.SENT, Decimal("12.50"))
    assert set(timesheet.entries.values_list("owner", flat=True)) == {owner.pk}
    message = OutboundMessage.objects.order_by("-pk").first()
    assert OutboundMessage.objects.count() == sent_before + 1
    assert message.kind == "contracts.timesheet"
    assert message.payload["hours_by_role"] == [{"role": "Cook", "hours": "12.50"}]
    assert set(message.payload) == {"contract", "timesheet", "period_start", "period_end", "hours_by_role"}
    assert owner.email not in str(message.payload) and manager.email not in str(message.payload)


def test_hours_the_client_has_not_confirmed_are_not_invoiced(peer_contract, owner, operations_user):
    _hours(peer_contract, owner, operations_user)
    services.peer_timesheet_send(contract=peer_contract, actor=operations_user, reason="Week", **_period(peer_contract))
    with pytest.raises(ValidationError) as refusal:
        services.invoice_issue(contract=peer_contract, actor=operations_user, reason=REASON, **_period(peer_contract))
    assert "period_end" in refusal.value.message_dict
    assert not Invoice.objects.exists()


def test_hours_already_sent_are_not_sent_twice(peer_contract, owner, operations_user):
    _hours(peer_contract, owner, operations_user)
    services.peer_timesheet_send(contract=peer_contract, actor=operations_user, reason="Week", **_period(peer_contract))
    with pytest.raises(ValidationError) as refusal:
        services.peer_timesheet_send(
            contract=peer_contract, actor=operations_user, reason="Again", **_period(peer_contract)
        )
    assert "period_end" in refusal.value.message_dict


def test_a_member_may_not_send_hours(peer_contract, owner, operations_user):
    _hours(peer_contract, owner, operations_user)
    with pytest.raises(PermissionDenied):
        services.peer_timesheet_send(contract=peer_contract, actor=owner, reason="Mine", **_period(peer_contract))
    assert not PeerTimesheet.objects.exists()


def test_the_clients_confirmation_makes_the_hours_billable(peer_contract, peer_key, owner, operations_user):
    _hours(peer_contract, owner, operations_user)
    timesheet = services.peer_timesheet_send(
        contract=peer_contract, actor=operations_user, reason="Week", **_period(peer_contract)
    )

    response = _receive(
        peer_key, "contracts.timesheet_confirmed", {"contract": peer_contract.pk, "timesheet": timesheet.pk}
    )

    assert response.status_code == 200, response.content
    timesheet.refresh_from_db()
    assert timesheet.status == PeerTimesheet.Status.CONFIRMED
    assert all(entry.confirmed_by_client for entry in peer_contract.timesheet_entries.all())
    invoice = services.invoice_issue(
        contract=peer_contract, actor=operations_user, reason=REASON, **_period(peer_contract)
    )
    assert invoice.total == Decimal("406.25")


def test_a_disputed_timesheet_may_be_sent_again(peer_contract, peer_key, owner, operations_user):
    _hours(peer_contract, owner, operations_user)
    first = services.peer_timesheet_send(
        contract=peer_contract, actor=operations_user, reason="Week", **_period(peer_contract)
    )

    response = _receive(
        peer_key,
        "contracts.timesheet_disputed",
        {"contract": peer_contract.pk, "timesheet": first.pk, "comment": "Tuesday was a holiday"},
    )

    assert response.status_code == 200, response.content
    first.refresh_from_db()
    assert (first.status, first.comment) == (PeerTimesheet.Status.DISPUTED, "Tuesday was a holiday")
    again = services.peer_timesheet_send(
        contract=peer_contract, actor=operations_user, reason="Checked", **_period(peer_contract)
    )
    assert again.hours == Decimal("12.50")


def test_an_answer_about_a_timesheet_never_sent_is_refused_and_nothing_written(
    peer_contract, peer_key, owner, operations_user
):
    _hours(peer_contract, owner, operations_user)
    timesheet = services.peer_timesheet_send(
        contract=peer_contract, actor=operations_user, reason="Week", **_period(peer_contract)
    )
    received_before = InboundMessage.objects.count()

    unknown = _receive(
        peer_key, "contracts.timesheet_confirmed", {"contract": peer_contract.pk, "timesheet": timesheet.pk + 99}
    )
    _receive(peer_key, "contracts.timesheet_confirmed", {"contract": peer_contract.pk, "timesheet": timesheet.pk})
    twice = _receive(
        peer_key, "contracts.timesheet_disputed", {"contract": peer_contract.pk, "timesheet": timesheet.pk}
    )

    assert (unknown.status_code, twice.status_code) == (400, 400)
    assert "not waiting for an answer" in twice.json()["error"]
    timesheet.refresh_from_db()
    assert timesheet.status == PeerTimesheet.Status.CONFIRMED
    assert InboundMessage.objects.count() == received_before + 1


# B's side ---------------------------------------------------------------------------------------


@pytest.fixture
def accepted_mirror(peer, peer_key, ceo):
    offer = {
        "contract": 41,
        "title": "Kitchen crew",
        "scope": "Staff the kitchen.",
        "starts_on": "2026-11-01",
        "ends_on": "2027-01-31",
        "rates": [{"role": "Cook", "hourly_rate": "32.50"}],
    }
    assert _receive(peer_key, "contracts.offer", offer).status_code == 200
    return services.incoming_contract_accept(contract=IncomingContract.objects.get(), actor=ceo, reason="Yes")


def _timesheet(**changes):
    return {
        "contract": 41,
        "timesheet": 7,
        "period_start": "2026-11-01",
        "period_end": "2026-11-30",
        "hours_by_role": [{"role": "Cook", "hours": "12.50"}],
        **changes,
    }


def test_a_peers_hours_are_recorded_for_operations_to_confirm(accepted_mirror, peer_key, operations_user):
    assert _receive(peer_key, "contracts.timesheet", _timesheet()).status_code == 200
    timesheet = IncomingTimesheet.objects.get()
    assert (timesheet.hours, timesheet.status) == (Decimal("12.50"), IncomingTimesheet.Status.RECEIVED)
    sent_before = OutboundMessage.objects.count()

    services.incoming_timesheet_confirm(timesheet=timesheet, actor=operations_user, reason="Checked")

    timesheet.refresh_from_db()
    assert (timesheet.status, timesheet.decided_by) == (IncomingTimesheet.Status.CONFIRMED, operations_user)
    answer = OutboundMessage.objects.order_by("-pk").first()
    assert OutboundMessage.objects.count() == sent_before + 1
    assert (answer.kind, answer.payload) == ("contracts.timesheet_confirmed", {"contract": 41, "timesheet": 7})


def test_a_dispute_says_why(accepted_mirror, peer_key, operations_user):
    _receive(peer_key, "contracts.timesheet", _timesheet())
    timesheet = IncomingTimesheet.objects.get()
    with pytest.raises(ValidationError) as refusal:
        services.incoming_timesheet_dispute(timesheet=timesheet, comment=" ", actor=operations_user, reason="No")
    assert "comment" in refusal.value.message_dict
    services.incoming_timesheet_dispute(
        timesheet=timesheet, comment="Too many hours", actor=operations_user, reason="No"
    )
    answer = OutboundMessage.objects.order_by("-pk").first()
    assert answer.payload == {"contract": 41, "timesheet": 7, "comment": "Too many hours"}


def test_a_member_may_not_confirm_a_peers_hours(accepted_mirror, peer_key, member_user):
    _receive(peer_key, "contracts.timesheet", _timesheet())
    timesheet = IncomingTimesheet.objects.get()
    with pytest.raises(PermissionDenied):
        services.incoming_timesheet_confirm(timesheet=timesheet, actor=member_user, reason="Mine")
    timesheet.refresh_from_db()
    assert timesheet.status == IncomingTimesheet.Status.RECEIVED


@pytest.mark.parametrize(
    "changes",
    [
        {"contract": 42},
        {"period_end": "2027-03-01"},
        {"hours_by_role": [{"role": "Cook", "hours": "12.50", "owner": "ana@example.coop"}]},
        {"pay": "300.00"},
    ],
)
def test_hours_the_handler_refuses_write_nothing(accepted_mirror, peer_key, changes):
    received_before = InboundMessage.objects.count()
    response = _receive(peer_key, "contracts.timesheet", _timesheet(**changes))
    assert response.status_code == 400
    assert not IncomingTimesheet.objects.exists()
    assert InboundMessage.objects.count() == received_before


def test_hours_on_a_contract_not_accepted_are_refused(peer, peer_key, cooperative):
    response = _receive(peer_key, "contracts.timesheet", _timesheet())
    assert response.status_code == 400
    assert "accepted no contract" in response.json()["error"]
