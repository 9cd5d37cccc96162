"""The owner's portal pages: assignments, timesheets with their state, and contract pay per period."""

from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from labor_contracts import services
from labor_contracts.models import TimesheetEntry
from tests.factories import labor_contracts as f


def _as(user):
    client = HttpClient()
    client.force_login(user)
    return client


def test_owner_logs_hours_in_the_portal_and_submits_them(active_contract, owner):
    client = _as(owner)
    response = client.post(
        reverse("labor_contracts_portal:timesheets"),
        {
            "contract": active_contract.pk,
            "day": str(timezone.localdate()),
            "hours": "7.5",
            "description": "Walls",
            "reason": "worked",
        },
    )
    assert response.status_code == 302
    entry = TimesheetEntry.objects.get(owner=owner)
    client.post(reverse("labor_contracts_portal:timesheet_submit", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == TimesheetEntry.Status.SUBMITTED
    assert "Submitted" in client.get(reverse("labor_contracts_portal:timesheets")).content.decode()


def test_a_refused_entry_shows_the_rule_on_the_form_and_writes_nothing(active_contract, owner):
    response = _as(owner).post(
        reverse("labor_contracts_portal:timesheets"),
        {
            "contract": active_contract.pk,
            "day": str(active_contract.starts_on.replace(year=2000)),
            "hours": "5",
            "reason": "worked",
        },
    )
    assert response.status_code == 200 and "outside the contract" in response.content.decode()
    assert not TimesheetEntry.objects.exists()


def test_assignments_bonus_suspension_and_pay_are_shown(active_contract, owner, operations_user):
    f.hours_approved(active_contract, owner, timezone.localdate(), "8", operations_user)
    services.invoice_issue(
        contract=active_contract,
        period_start=active_contract.starts_on,
        period_end=timezone.localdate(),
        actor=operations_user,
        reason="x",
    )
    client = _as(owner)
    overview = client.get(reverse("labor_contracts_portal:overview")).content.decode()
    assert active_contract.title in overview and "Bonuses are suspended" in overview
    assert "280.00" in client.get(reverse("labor_contracts_portal:pay")).content.decode()


def test_the_portal_nav_links_the_labor_pages(member_client):
    assert reverse("labor_contracts_portal:overview") in member_client.get(reverse("portal:home")).content.decode()
