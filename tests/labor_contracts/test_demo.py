"""The demo holds two clients, an active contract with a month of approved hours invoiced, and a completed one."""

from django.core.management import call_command

from labor_contracts import selectors
from labor_contracts.models import Client, Invoice, LaborContract, TimesheetEntry


def test_demo_labor_contracts_are_seeded_once(db):
    call_command("seed_demo", password="pw-for-tests-123")
    counts = (
        Client.objects.count(),
        LaborContract.objects.count(),
        TimesheetEntry.objects.count(),
        Invoice.objects.count(),
    )
    call_command("seed_demo", password="pw-for-tests-123")
    assert (
        Client.objects.count(),
        LaborContract.objects.count(),
        TimesheetEntry.objects.count(),
        Invoice.objects.count(),
    ) == counts
    assert counts[0] == 2
    statuses = set(LaborContract.objects.values_list("status", flat=True))
    assert statuses == {LaborContract.Status.ACTIVE, LaborContract.Status.COMPLETED}
    active = LaborContract.objects.get(status=LaborContract.Status.ACTIVE)
    assert active.invoices.get().settlement.margin > 0
    assert active.timesheet_entries.filter(status=TimesheetEntry.Status.INVOICED).count() >= 45
    assert selectors.bonus_suspension().suspended
