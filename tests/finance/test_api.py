"""The finance API: same rules as the services; a member sees only their own pay and reviews."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services
from finance.models import JournalEntry, PayrollRun
from tests.factories.coop import UserFactory
from tests.factories.finance import band, entry, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db
COMMENT = "Clear plans and patient teaching; share the schedule earlier."


def test_float_amount_through_the_api_is_refused(board_client, chart):
    # When the Board posts an entry with a JSON float
    response = board_client.post(
        "/api/journal-entries/",
        {
            "date": "2026-03-01",
            "memo": "Opening",
            "reason": "Opening balance",
            "lines": [{"account": "1000", "debit": 0.1}, {"account": "3000", "credit": "0.10"}],
        },
        content_type="application/json",
    )
    # Then it is a 400 naming the rule, and nothing is written
    assert response.status_code == 400
    assert "not a float" in str(response.json())
    assert not JournalEntry.objects.exists()


def test_unbalanced_entry_through_the_api_is_refused(board_client, chart):
    response = board_client.post(
        "/api/journal-entries/",
        {
            "date": "2026-03-01",
            "memo": "Opening",
            "reason": "Opening balance",
            "lines": [{"account": "1000", "debit": "10.00"}, {"account": "3000", "credit": "9.00"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "does not balance" in str(response.json()["lines"])
    assert not JournalEntry.objects.exists()


def test_an_account_code_with_a_null_character_is_refused_before_the_database(board_client, chart):
    # PostgreSQL refuses NUL in any text it is sent: the lookup must never reach it
    response = board_client.post(
        "/api/journal-entries/",
        {
            "date": "2026-03-01",
            "memo": "Opening",
            "reason": "Opening balance",
            "lines": [{"account": "10\x0000", "debit": "10.00"}, {"account": "3000", "credit": "10.00"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Null characters" in str(response.json()["lines"])
    assert not JournalEntry.objects.exists()


def test_member_may_not_read_the_ledger_or_post(member_client, chart):
    assert member_client.get("/api/journal-entries/").status_code == 403
    assert (
        member_client.post(
            "/api/payroll-runs/", {"period_start": "2026-03-01", "period_end": "2026-03-31", "reason": "x"}
        ).status_code
        == 403
    )
    assert not PayrollRun.objects.exists()


def test_member_sees_feedback_on_themselves_without_the_reviewer(member_client, member_user, operations_user):
    # Given a teammate's review of the member
    teammate = UserFactory()
    criterion = services.review_criterion_create(name="Craft", description="Quality", actor=operations_user, reason="x")
    cycle = services.review_cycle_open(
        name="Spring",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        team=[member_user, teammate],
        criteria=[criterion],
        rate_changes_opted_in=False,
        actor=operations_user,
        reason="x",
    )
    services.review_submit(
        cycle=cycle, reviewee=member_user, scores={criterion.pk: 4}, comments=COMMENT, actor=teammate, reason="x"
    )
    # When the member lists reviews
    rows = member_client.get("/api/reviews/").json()["results"]
    # Then they see the feedback and scores, but not who wrote it
    assert len(rows) == 1
    assert rows[0]["comments"] == COMMENT and rows[0]["scores"] == {"Craft": 4}
    assert rows[0]["reviewer"] is None
    assert teammate.email not in str(rows)


def test_member_sees_only_their_own_payslips(member_client, member_user, incorporated, operations_user, board_user):
    builder = band()
    other = UserFactory()
    for person in (member_user, other):
        rate(person, builder, "30.00", board_user)
        internal_hours(person, date(2026, 3, 4), "2")
    run_posted(operations_user, board_user)
    rows = member_client.get("/api/payslips/").json()["results"]
    assert [r["member"] for r in rows] == [member_user.email]


def test_payroll_run_workflow_through_the_api(operations_client, board_client, incorporated, board_user):
    rate(UserFactory(), band(), "30.00", board_user)
    run = operations_client.post(
        "/api/payroll-runs/", {"period_start": "2026-03-01", "period_end": "2026-03-31", "reason": "March"}
    ).json()
    assert operations_client.post(f"/api/payroll-runs/{run['id']}/review/", {"reason": "ok"}).status_code == 200
    assert operations_client.post(f"/api/payroll-runs/{run['id']}/approve/", {"reason": "ok"}).status_code == 403
    assert board_client.post(f"/api/payroll-runs/{run['id']}/approve/", {"reason": "ok"}).json()["status"] == "approved"


@pytest.mark.parametrize("url", ["/api/journal-entries/", "/api/payslips/", "/api/reviews/", "/api/accounts/"])
def test_list_endpoints_run_a_constant_number_of_queries(
    url, auditor_client, incorporated, operations_user, board_user
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert auditor_client.get(url).status_code == 200
        return len(queries)

    def add_people_and_entries(n: int, period) -> None:
        builder = band()
        for _ in range(n):
            person = UserFactory()
            rate(person, builder, "30.00", board_user)
            internal_hours(person, period[0], "2")
            entry([services.Line("1000", debit="1.00"), services.Line("3000", credit="1.00")])
        run_posted(operations_user, board_user, period=period)

    # Given one member, one entry and one run; then six more of each
    add_people_and_entries(1, (date(2026, 3, 1), date(2026, 3, 31)))
    few = count()
    add_people_and_entries(6, (date(2026, 4, 1), date(2026, 4, 30)))
    # Then listing takes as many queries as before
    assert count() == few
