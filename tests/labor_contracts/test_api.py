"""The API applies the same rules as the services, answers refusals with 400 or 403, and shows a
member only their own rows."""

from decimal import Decimal

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from labor_contracts.models import Client, LaborContract, TimesheetEntry
from tests.factories import labor_contracts as f


def _as(user):
    client = HttpClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "role,expected", [("anonymous", 403), ("Member", 403), ("Auditor", 403), ("Board", 403), ("Operations", 201)]
)
def test_only_operations_records_clients(role_clients, role, expected):
    response = role_clients[role].post(
        reverse("labor-client-list"), {"name": "Acme", "reason": "new client"}, content_type="application/json"
    )
    assert response.status_code == expected
    assert Client.objects.filter(name="Acme").exists() == (expected == 201)


def test_a_write_without_a_reason_is_refused_by_field(operations_client):
    response = operations_client.post(reverse("labor-client-list"), {"name": "Acme"}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()


def test_operations_approving_through_the_api_is_refused_and_changes_nothing(
    signed_setup, operations_user, operations_client
):
    contract = f.contract_draft(operations_user)
    url = reverse("labor-contract-negotiate", args=[contract.pk])
    assert operations_client.post(url, {"reason": "agreed"}, content_type="application/json").status_code == 200
    response = operations_client.post(
        reverse("labor-contract-approve", args=[contract.pk]), {"reason": "me"}, content_type="application/json"
    )
    assert response.status_code == 403
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.NEGOTIATED


def test_board_approves_through_the_api(signed_setup, operations_user, board_user, board_client):
    # Given a contract the Board may not negotiate but Operations did
    contract = f.contract_draft(operations_user)
    refused = board_client.post(
        reverse("labor-contract-negotiate", args=[contract.pk]), {"reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403
    f.services.contract_negotiate(contract=contract, actor=operations_user, reason="agreed")
    response = board_client.post(
        reverse("labor-contract-approve", args=[contract.pk]), {"reason": "meeting"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["owner_percent"] == "70.00"


def test_a_typed_percentage_is_refused_by_name(signed_setup, operations_user, operations_client):
    contract = f.contract_draft(operations_user)
    response = operations_client.patch(
        reverse("labor-contract-detail", args=[contract.pk]),
        {"owner_percent": "95", "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "owner_percent" in response.json()


def test_owner_logs_hours_and_sees_only_their_own(active_contract, owner, operations_user):
    other = f.owner_create(email="other@example.coop")
    f.assign(active_contract, other, operations_user)
    f.hours_approved(active_contract, other, timezone.localdate(), "5", operations_user)
    client = _as(owner)
    payload = {"contract": active_contract.pk, "day": str(timezone.localdate()), "hours": "6.5", "reason": "worked"}
    response = client.post(reverse("timesheet-list"), payload, content_type="application/json")
    assert response.status_code == 201
    rows = client.get(reverse("timesheet-list")).json()["results"]
    assert [r["owner"] for r in rows] == [owner.pk]
    assert [a["owner"] for a in client.get(reverse("labor-assignment-list")).json()["results"]] == [owner.pk]
    assert client.get(reverse("labor-invoice-list")).status_code == 403


def test_more_than_24_hours_through_the_api_is_a_400_naming_hours(active_contract, owner):
    payload = {"contract": active_contract.pk, "day": str(timezone.localdate()), "hours": "25", "reason": "x"}
    response = _as(owner).post(reverse("timesheet-list"), payload, content_type="application/json")
    assert response.status_code == 400 and "hours" in response.json()
    assert not TimesheetEntry.objects.exists()


def test_manager_approves_and_issues_an_invoice_through_the_api(active_contract, owner, operations_client):
    entry = f.services.timesheet_log(
        owner=owner, contract=active_contract, day=timezone.localdate(), hours=4, actor=owner, reason="x"
    )
    f.services.timesheet_submit(entry=entry, actor=owner, reason="x")
    response = operations_client.post(
        reverse("timesheet-approve", args=[entry.pk]), {"reason": "ok"}, content_type="application/json"
    )
    assert response.json()["status"] == "approved"
    response = operations_client.post(
        reverse("labor-invoice-list"),
        {
            "contract": active_contract.pk,
            "period_start": str(active_contract.starts_on),
            "period_end": str(timezone.localdate()),
            "reason": "month",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and Decimal(response.json()["total"]) == Decimal("200.00")
    invoice_id = response.json()["id"]
    response = operations_client.post(
        reverse("labor-invoice-payments", args=[invoice_id]),
        {"amount": "200.00", "received_on": str(timezone.localdate()), "reason": "paid"},
        content_type="application/json",
    )
    assert response.json()["status"] == "paid"
