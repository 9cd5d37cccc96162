"""Payslips written in bulk each get their "created" history row, with the actor and the reason."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services
from finance.models import PayrollLine
from tests.factories.coop import UserFactory
from tests.factories.finance import PERIOD, band, internal_hours, rate

pytestmark = pytest.mark.django_db

TRACKED = ["id", "run_id", "member_id", "band_id", "rate", "hours", "contract_hours", "internal_pay", "amount"]


def _workers(count, board_user):
    pay_band = band()
    for day in range(count):
        worker = UserFactory()
        rate(worker, pay_band, "30.00", board_user)
        internal_hours(worker, date(2026, 3, 1 + day), "4")


def test_each_payslip_has_one_created_version_stamped_with_the_actor_and_reason(
    incorporated, operations_user, board_user
):
    _workers(3, board_user)
    run = services.payroll_run_draft(
        period_start=PERIOD[0], period_end=PERIOD[1], actor=operations_user, reason="March payroll"
    )
    lines = list(run.lines.order_by("pk").values(*TRACKED))
    versions = list(
        PayrollLine.history.filter(run_id=run.pk).order_by("id").values(*TRACKED, "history_type", "history_user")
    )
    assert len(lines) >= 3
    assert [{key: v[key] for key in TRACKED} for v in versions] == lines
    assert {(v["history_type"], v["history_user"]) for v in versions} == {("+", operations_user.pk)}
    reasons = set(PayrollLine.history.filter(run_id=run.pk).values_list("history_change_reason", flat=True))
    assert reasons == {"March payroll"}


def test_the_history_of_many_payslips_is_one_statement(incorporated, operations_user, board_user):
    _workers(6, board_user)
    with CaptureQueriesContext(connection) as queries:
        services.payroll_run_draft(period_start=PERIOD[0], period_end=PERIOD[1], actor=operations_user, reason="x")
    history_writes = [q for q in queries.captured_queries if "historicalpayrollline" in q["sql"].lower()]
    assert len(history_writes) == 1
