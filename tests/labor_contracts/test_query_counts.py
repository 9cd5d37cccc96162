"""Changelists, API lists and the pay computation run a fixed number of queries at any size."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from coop.models import User
from labor_contracts import selectors, services
from labor_contracts.models import Assignment, Invoice, TimesheetEntry
from tests.factories import labor_contracts as f


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # Savepoints are transaction bookkeeping, not reads of the rows listed.
    return len([q for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]])


def _invoiced_month(contract, owners, manager):
    today = timezone.localdate()
    for index, owner in enumerate(owners):
        f.assign(contract, owner, manager)
        f.hours_approved(contract, owner, today - timedelta(days=index % 5), "3", manager)
    return services.invoice_issue(
        contract=contract, period_start=contract.starts_on, period_end=today, actor=manager, reason="x"
    )


@pytest.fixture
def grow(signed_setup, operations_user, board_user):
    """Return a function adding one more active contract with `n` owners' invoiced hours."""

    def add(n):
        contract = f.contract_active(operations_user, board_user, title=f"C{Invoice.objects.count()}")
        owners = [f.owner_create() for _ in range(n)]
        _invoiced_month(contract, owners, operations_user)
        # And a pending entry for the queue
        extra = f.owner_create()
        f.assign(contract, extra, operations_user)
        entry = services.timesheet_log(
            owner=extra, contract=contract, day=timezone.localdate(), hours=2, actor=extra, reason="x"
        )
        services.timesheet_submit(entry=entry, actor=extra, reason="x")

    return add


@pytest.mark.parametrize(
    "name",
    [
        "admin:labor_contracts_timesheetentry_changelist",
        "admin:labor_contracts_invoice_changelist",
        "admin:labor_contracts_laborcontract_changelist",
        "admin:labor_contracts_assignment_changelist",
        "admin:labor_contracts_periodsettlement_changelist",
        "admin:labor_contracts_ownerpay_changelist",
        "admin:labor_contracts_client_changelist",
    ],
)
def test_admin_changelists_keep_a_constant_query_count(grow, operations_client, name):
    url = reverse(name) + ("?state=all" if "timesheet" in name else "")
    grow(1)
    small = _count(operations_client, url)
    grow(4)
    assert _count(operations_client, url) == small


@pytest.mark.parametrize(
    "name",
    [
        "labor-client-list",
        "labor-contract-list",
        "labor-assignment-list",
        "timesheet-list",
        "labor-invoice-list",
    ],
)
def test_api_lists_keep_a_constant_query_count(grow, operations_client, name):
    grow(1)
    small = _count(operations_client, reverse(name))
    grow(4)
    assert _count(operations_client, reverse(name)) == small


def _bulk_period(contract, owner_count: int, rows_per_owner: int):
    """Write `owner_count` assigned owners with `rows_per_owner` approved days each, in bulk: through the
    services this would take hours, and the point here is the size of the computation, not the writes."""
    users = User.objects.bulk_create([User(email=f"bulk{contract.pk}-{i}@example.coop") for i in range(owner_count)])
    users = list(User.objects.filter(email__startswith=f"bulk{contract.pk}-"))
    assignments = bulk_create_with_history(
        [Assignment(contract=contract, owner=u, role="Carpenter") for u in users], Assignment
    )
    assignments = list(Assignment.objects.filter(contract=contract, owner__in=users))
    start = contract.starts_on
    entries = [
        TimesheetEntry(
            assignment=a,
            contract=contract,
            owner_id=a.owner_id,
            day=start + timedelta(days=d),
            hours=Decimal("7.25"),
            status=TimesheetEntry.Status.APPROVED,
        )
        for a in assignments
        for d in range(rows_per_owner)
    ]
    bulk_create_with_history(entries, TimesheetEntry, batch_size=2000)
    end = start + timedelta(days=rows_per_owner - 1)
    return services.invoice_issue(
        contract=contract,
        period_start=start,
        period_end=end,
        issued_on=end,
        actor=contract.negotiated_by,
        reason="bulk",
    )


def _compute_queries(invoice) -> tuple[int, list]:
    invoice = Invoice.objects.select_related("contract").get(pk=invoice.pk)
    with CaptureQueriesContext(connection) as ctx:
        values = selectors.period_owner_values(invoice, invoice.contract.owner_percent)
    return len(ctx.captured_queries), values


def test_pay_and_margin_for_1000_owners_and_30000_rows_take_the_same_queries_as_for_3(
    signed_setup, operations_user, board_user
):
    # Given a small period and a period of 1,000 owners with 30 approved days each
    small = _bulk_period(f.contract_active(operations_user, board_user, title="Small", days=40), 3, 2)
    large = _bulk_period(f.contract_active(operations_user, board_user, title="Large", days=40), 1000, 30)
    # When each period's pay and margin are computed
    small_queries, _values = _compute_queries(small)
    large_queries, values = _compute_queries(large)
    # Then the query count is the same, and the stored settlement agrees: 30 days of 7.25 h at 50 per owner at 70 %
    assert large_queries == small_queries
    assert len(values) == 1000 and values[0].value == Decimal("10875.00") and values[0].pay == Decimal("7612.50")
    settlement = large.settlement
    assert settlement.hours == Decimal("217500.00")
    assert settlement.owner_pay_total + settlement.margin == large.total == Decimal("10875000.00")
