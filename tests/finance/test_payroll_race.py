"""Two officers posting payroll for the same period at once: only one run is posted (PostgreSQL)."""

from datetime import date

import pytest

from finance import services
from finance.models import PayrollRun
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories.coop import UserFactory
from tests.factories.finance import PERIOD, band, internal_hours, rate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, needs_postgres]


def test_two_runs_over_the_same_period_post_only_once(incorporated, operations_user, board_user):
    # Given two approved runs for March
    worker = UserFactory()
    rate(worker, band(), "30.00", board_user)
    internal_hours(worker, date(2026, 3, 3), "4")
    runs = []
    for _ in range(2):
        run = services.payroll_run_draft(
            period_start=PERIOD[0], period_end=PERIOD[1], actor=operations_user, reason="x"
        )
        services.payroll_run_review(run=run, actor=operations_user, reason="x")
        runs.append(services.payroll_run_approve(run=run, actor=board_user, reason="x"))
    # When both are posted at the same moment
    outcomes = race(*[lambda r=r: services.payroll_run_post(run=r, actor=board_user, reason="payday") for r in runs])
    # Then one is posted and the other refused
    assert verdicts(outcomes) == ["ok", "refused"]
    assert PayrollRun.objects.filter(status=PayrollRun.Status.POSTED).count() == 1
