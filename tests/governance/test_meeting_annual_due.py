"""The annual General Conference: when it is due, on the Board's desk and the startup sequence."""

from datetime import date, timedelta

from django.utils import timezone

from coop import services as coop_services
from coop.desk import desk_for
from coop.models import Cooperative
from governance import selectors
from governance.models import Meeting
from governance.startup import elections_check
from tests.factories import governance as gf


def _founded(days_ago: int, board) -> None:
    coop_services.cooperative_update(
        cooperative=Cooperative.objects.get(),
        founded_on=timezone.localdate() - timedelta(days=days_ago),
        actor=board,
        reason="test",
    )


def _desk_count(user) -> int:
    return {e.key: e.count for e in desk_for(user)}["governance.annual_conference_due"]


def test_due_twelve_months_after_the_first_elected_board(board):
    # given the Board elected today and no founding date, then the annual meeting is due in a year
    due = selectors.annual_conference().due_on
    assert due is not None and due > timezone.localdate() + timedelta(days=300)
    assert _desk_count(board) == 0


def test_due_soon_shows_on_the_boards_desk_until_called(board, owners):
    # given a cooperative founded eleven months ago
    _founded(335, board)
    # then the Board sees the annual meeting to call
    assert _desk_count(board) == 1
    # and once it is called, it leaves the desk
    gf.meeting(board=board, kind=Meeting.Kind.ANNUAL, days=20)
    assert _desk_count(board) == 0


def test_overdue_shows_on_the_startup_sequence(board, secretary):
    _founded(400, board)
    gf.officer("treasurer")
    needs, link = elections_check(Cooperative.objects.get())
    assert any("annual General Conference" in need for need in needs)
    assert link.endswith("/meetings/")


def test_due_date_adds_twelve_months_to_the_last_day_of_a_month():
    assert selectors.meetings._add_months(date(2026, 1, 31), 12) == date(2027, 1, 31)
    assert selectors.meetings._add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
