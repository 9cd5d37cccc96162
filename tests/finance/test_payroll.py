"""Payroll runs: hours times rate plus contract pay, drafted, reviewed, approved, posted once."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import selectors, services
from finance.models import PayrollLine, PayrollRun
from tests.factories.coop import UserFactory
from tests.factories.finance import PERIOD, band, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db


def test_no_payroll_in_the_club_phase(cooperative, operations_user, chart):
    # Given a cooperative not yet incorporated
    # When Operations drafts a run
    with pytest.raises(ValidationError) as error:
        services.payroll_run_draft(period_start=PERIOD[0], period_end=PERIOD[1], actor=operations_user, reason="x")
    # Then the refusal names the missing step, and nothing is written
    assert "Incorporation" in str(error.value.message_dict["period_start"])
    assert not PayrollRun.objects.exists()


def test_run_pays_internal_hours_times_rate(incorporated, operations_user, board_user):
    # Given a member at 30 an hour who logged 7.5 internal hours in March
    worker = UserFactory()
    rate(worker, band(), "30.00", board_user)
    internal_hours(worker, date(2026, 3, 10), "7.5")
    # When the run is drafted
    run = services.payroll_run_draft(
        period_start=PERIOD[0], period_end=PERIOD[1], actor=operations_user, reason="March"
    )
    # Then the payslip shows hours, rate and pay, and the run adds up
    line = run.lines.get(member=worker)
    assert (line.hours, line.rate, line.internal_pay, line.amount) == (
        Decimal("7.50"),
        Decimal("30.00"),
        Decimal("225.00"),
        Decimal("225.00"),
    )
    assert run.total == Decimal("225.00")


def test_posted_run_is_in_the_ledger_and_the_period_cannot_be_paid_twice(incorporated, operations_user, board_user):
    # Given a member with hours and a run posted for March
    worker = UserFactory()
    rate(worker, band(), "30.00", board_user)
    internal_hours(worker, date(2026, 3, 10), "2")
    run = run_posted(operations_user, board_user)
    # Then the entry debits payroll and credits payroll payable
    assert run.status == PayrollRun.Status.POSTED
    sides = {(ln.account.code, ln.debit, ln.credit) for ln in run.journal_entry.lines.all()}
    assert sides == {("5000", Decimal("60.00"), Decimal("0.00")), ("2000", Decimal("0.00"), Decimal("60.00"))}
    # When another run over part of March is drafted
    with pytest.raises(ValidationError) as error:
        services.payroll_run_draft(
            period_start=date(2026, 3, 15), period_end=date(2026, 4, 15), actor=operations_user, reason="again"
        )
    # Then it is refused and nothing is written
    assert "already covers" in str(error.value.message_dict["period_start"])
    assert PayrollRun.objects.count() == 1


def test_run_moves_only_along_its_transitions(incorporated, operations_user, board_user):
    rate(UserFactory(), band(), "30.00", board_user)
    run = services.payroll_run_draft(period_start=PERIOD[0], period_end=PERIOD[1], actor=operations_user, reason="x")
    # A draft cannot be approved before it is reviewed
    with pytest.raises(ValidationError) as error:
        services.payroll_run_approve(run=run, actor=board_user, reason="x")
    assert "allowed" in str(error.value.message_dict["status"])
    # Operations cannot approve; only the Board
    services.payroll_run_review(run=run, actor=operations_user, reason="checked")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.payroll_run_approve(run=run, actor=operations_user, reason="x")


def test_member_sees_only_their_own_posted_payslips(incorporated, operations_user, board_user, member_user):
    rate(member_user, band(), "30.00", board_user)
    rate(UserFactory(), band(), "35.00", board_user)
    internal_hours(member_user, date(2026, 3, 3), "1")
    run_posted(operations_user, board_user)
    mine = selectors.payslips_visible_to(member_user)
    assert [ln.member for ln in mine] == [member_user]


def _workers_with_hours(count, builder, board_user, day):
    from tests.factories import projects as project_factories

    project = project_factories.project_create(name=f"Project {day}")
    workers = [UserFactory() for _ in range(count)]
    project_factories.team_add(project, *workers)
    task = project_factories.task_create(project, start=day)
    from projects.services import time_entry_log

    for worker in workers:
        rate(worker, builder, "30.00", board_user)
        time_entry_log(user=worker, task=task, date=day, hours=Decimal("3"), actor=worker, reason="test setup")


def _post_and_count(operations_user, board_user, period) -> int:
    with CaptureQueriesContext(connection) as queries:
        run_posted(operations_user, board_user, period=period)
    return len(queries)


def test_drafting_and_posting_take_the_same_number_of_queries_for_few_and_many(
    incorporated, operations_user, board_user
):
    # Given 3 members with hours in March (the officers' roles read once, as a request would)
    from coop.roles import user_roles

    user_roles(operations_user), user_roles(board_user)
    builder = band()
    _workers_with_hours(3, builder, board_user, date(2026, 3, 10))
    few = _post_and_count(operations_user, board_user, PERIOD)
    # And 60 members with hours in April
    _workers_with_hours(60, builder, board_user, date(2026, 4, 10))
    many = _post_and_count(operations_user, board_user, (date(2026, 4, 1), date(2026, 4, 30)))
    # Then drafting, reviewing, approving and posting took as many queries for 63 lines as for 3
    assert PayrollLine.objects.filter(run__period_start=date(2026, 4, 1)).count() == 63
    assert many == few
