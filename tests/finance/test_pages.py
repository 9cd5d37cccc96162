"""Portal pages (my pay, reviews, capital), admin pages and reports, the ledger sync, the demo."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services
from finance.models import JournalEntry
from tests.factories.coop import UserFactory
from tests.factories.finance import band, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "account",
    "journalentry",
    "payband",
    "memberrate",
    "rateadjustmentproposal",
    "reviewcycle",
    "review",
    "reviewdispute",
    "payrollrun",
    "bonusaward",
    "surplusallocation",
]


@pytest.fixture
def posted_books(incorporated, operations_user, board_user, member_user):
    builder = band()
    for person in (member_user, UserFactory()):
        rate(person, builder, "30.00", board_user)
        internal_hours(person, date(2026, 3, 4), "2")
    return run_posted(operations_user, board_user)


def test_portal_shows_my_pay_reviews_and_capital(member_client, posted_books):
    response = member_client.get("/portal/finance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "My payslips" in html and "60.00" in html and "<svg" in html and "My capital account" in html


def test_member_cannot_open_someone_elses_payslip(member_client, posted_books, member_user):
    other = posted_books.lines.exclude(member=member_user).get()
    assert member_client.get(f"/portal/finance/payslips/{other.pk}/").status_code == 404
    mine = posted_books.lines.get(member=member_user)
    assert member_client.get(f"/portal/finance/payslips/{mine.pk}/").status_code == 200


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_admin_changelists_open_for_the_auditor(model, auditor_client, posted_books):
    assert auditor_client.get(f"/admin/finance/{model}/").status_code == 200


def test_admin_changelists_run_a_constant_number_of_queries(auditor_client, posted_books, operations_user, board_user):
    def count(model: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            auditor_client.get(f"/admin/finance/{model}/")
        return len(queries)

    few = {m: count(m) for m in ("journalentry", "memberrate", "payrollrun", "account")}
    builder = band()
    for _ in range(5):
        person = UserFactory()
        rate(person, builder, "31.00", board_user)
        internal_hours(person, date(2026, 4, 4), "2")
    run_posted(operations_user, board_user, period=(date(2026, 4, 1), date(2026, 4, 30)))
    assert {m: count(m) for m in few} == few


def test_reports_page_draws_charts_for_the_board(board_client, posted_books):
    response = board_client.get("/admin/finance/account/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<figure class="chart">') == 4 and "Payroll by pay band" in html


def test_payroll_csv_export(board_client, posted_books):
    response = board_client.post(
        "/admin/finance/payrollrun/", {"action": "export_csv", "_selected_action": [posted_books.pk]}
    )
    assert response["Content-Type"] == "text/csv"
    rows = response.content.decode().splitlines()
    assert rows[0].startswith("run,period_start") and len(rows) == 3


def test_ledger_sync_posts_dues_and_shares_once(chart, board_user):
    from tests.factories.membership import member_create

    # Given a member who bought shares
    member_create(shares=3)
    # When the ledger is synced twice
    first = services.ledger_sync(actor=None, reason="sync")
    second = services.ledger_sync(actor=None, reason="sync")
    # Then the share issue is posted once, to cash and share capital
    assert len(first) == 1 and second == []
    entry = JournalEntry.objects.get(source__startswith="share:")
    assert {ln.account.code for ln in entry.lines.all()} == {"1000", "3000"}


def test_demo_seed_is_idempotent_and_traceable(db):
    from django.core.management import call_command

    call_command("seed_demo", password="demo-pass-123")
    counts = {m: m.objects.count() for m in _models()}
    call_command("seed_demo", password="demo-pass-123")
    assert {m: m.objects.count() for m in _models()} == counts
    from finance.models import PayrollRun, RateAdjustmentProposal, ReviewCycle, SurplusAllocation

    assert PayrollRun.objects.filter(status="posted", journal_entry__isnull=False).count() == 2
    assert ReviewCycle.objects.filter(status="closed").exists() and RateAdjustmentProposal.objects.exists()
    allocation = SurplusAllocation.objects.get()
    assert allocation.status == "adopted" and allocation.bonuses_suspended and allocation.journal_entry_id
    assert allocation.history.exists()
    # The bands and the allocation trace back to certified General Conference motions
    from finance.models import PayBand
    from governance.models import Motion

    certified = Motion.objects.filter(status="certified", result__adopted=True)
    for pay_band in PayBand.objects.all():
        motion = certified.get(kind="pay_band_change", pay_band_motion__role=pay_band.role)
        assert pay_band.basis.startswith(f"Motion #{motion.pk}")
    assert allocation.basis.startswith(f"Motion #{certified.get(surplus_motion__allocation=allocation).pk}")


def _models():
    from finance import models

    return [
        models.JournalEntry,
        models.JournalLine,
        models.PayBand,
        models.MemberRate,
        models.Review,
        models.PayrollRun,
        models.PayrollLine,
        models.SurplusAllocation,
        models.PatronageDividend,
    ]
