"""Finance admin change pages read their rows in a fixed number of queries, whatever the row count."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.coop import UserFactory
from tests.factories.finance import band, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db

# Session, user, roles, two for permissions, the run, its payslips with their runs, people and
# bands, the cooperative's unit, and the transaction's savepoint and its release. Reading each
# payslip's run on its own cost one more query per payslip (32 for a 25-person run, as a superuser).
PAYROLL_RUN_PAGE_BUDGET = 10


def _run_with_payslips(count: int, month: int, operations_user, board_user):
    builder = band()
    for _ in range(count):
        person = UserFactory()
        rate(person, builder, "30.00", board_user)
        internal_hours(person, date(2026, month, 4), "2")
    return run_posted(operations_user, board_user, period=(date(2026, month, 1), date(2026, month, 28)))


def _page_queries(client, run) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/admin/finance/payrollrun/{run.pk}/change/").status_code == 200
    return len(queries)


def test_payroll_run_page_reads_its_payslips_in_one_query(incorporated, operations_user, board_user, auditor_client):
    # Given a run of 2 payslips and, after it, a run of 12
    few = _run_with_payslips(2, 3, operations_user, board_user)
    many = _run_with_payslips(10, 4, operations_user, board_user)
    assert many.lines.count() == 12
    # When the auditor opens each run's page (once first, as the per-process caches fill)
    _page_queries(auditor_client, few)
    counted = (_page_queries(auditor_client, few), _page_queries(auditor_client, many))
    # Then both cost the same, within the page's budget
    assert counted[0] == counted[1] <= PAYROLL_RUN_PAGE_BUDGET
