"""Admin pages for each role: every ModelAdmin opens, the approval queue works, the Board's banner shows."""

import pytest
from django.urls import reverse
from django.utils import timezone

from labor_contracts import services
from labor_contracts.models import LaborContract, TimesheetEntry
from tests.factories import labor_contracts as f

MODELS = [
    "client",
    "clientcontact",
    "laborcontract",
    "contractrolerate",
    "milestone",
    "assignment",
    "timesheetentry",
    "invoice",
    "invoiceline",
    "payment",
    "periodsettlement",
    "ownerpay",
]


@pytest.mark.parametrize("client_name", ["board_client", "operations_client", "auditor_client"])
@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_opens_for_each_admin_role(request, client_name, model, active_contract):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse(f"admin:labor_contracts_{model}_changelist")).status_code == 200


def test_contract_changelist_shows_the_bonus_suspension_and_its_cause(active_contract, board_client):
    page = board_client.get(reverse("admin:labor_contracts_laborcontract_changelist")).content.decode()
    assert "Bonuses are suspended" in page and active_contract.title in page


def test_manager_approves_from_the_queue_with_a_reason(active_contract, owner, operations_client):
    entry = services.timesheet_log(
        owner=owner, contract=active_contract, day=timezone.localdate(), hours=3, actor=owner, reason="x"
    )
    services.timesheet_submit(entry=entry, actor=owner, reason="x")
    url = reverse("admin:labor_contracts_timesheetentry_changelist")
    assert str(entry.hours) in operations_client.get(url).content.decode()
    response = operations_client.post(
        url, {"action": "approve", "_selected_action": [entry.pk], "confirm": "yes", "reason": "checked"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == TimesheetEntry.Status.APPROVED
    assert entry.history.first().history_change_reason == "checked"


def test_operations_cannot_approve_a_contract_from_the_admin(signed_setup, operations_user, operations_client):
    contract = f.contract_draft(operations_user)
    services.contract_negotiate(contract=contract, actor=operations_user, reason="x")
    url = reverse("admin:labor_contracts_laborcontract_changelist")
    response = operations_client.post(
        url, {"action": "approve", "_selected_action": [contract.pk], "confirm": "yes", "reason": "me"}, follow=True
    )
    # a forbidden officer is a 403, as at every door, and nothing changes
    assert response.status_code == 403
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.NEGOTIATED


def test_operations_writes_a_draft_contract_through_the_admin(signed_setup, operations_client, operations_user):
    client = f.client_create(operations_user)
    response = operations_client.post(
        reverse("admin:labor_contracts_laborcontract_add"),
        {
            "client": client.pk,
            "title": "Admin draft",
            "scope": "Work",
            "billing_basis": "hourly_role",
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-01",
            "change_reason": "new contract",
        },
    )
    assert response.status_code == 302
    contract = LaborContract.objects.get(title="Admin draft")
    assert contract.history.first().history_change_reason == "new contract"


def test_invoice_prints_and_capital_summary_draws_its_chart(active_contract, owner, operations_user, operations_client):
    f.hours_approved(active_contract, owner, timezone.localdate(), "8", operations_user)
    invoice = services.invoice_issue(
        contract=active_contract,
        period_start=active_contract.starts_on,
        period_end=timezone.localdate(),
        actor=operations_user,
        reason="x",
    )
    printed = operations_client.get(reverse("admin:labor_contracts_invoice_print", args=[invoice.pk]))
    assert invoice.number in printed.content.decode() and "@media print" in printed.content.decode()
    summary = operations_client.get(reverse("admin:labor_contracts_capital")).content.decode()
    assert 'class="bar"' in summary and "120.00" in summary
