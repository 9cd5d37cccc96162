"""The home reads the menu's count of unread notices with its own figures: the count is the
person's own, and reading a notice lowers it."""

import pytest

from coop import notices
from coop.models import NoticeKind
from tests.clients import logged_in

pytestmark = pytest.mark.django_db


def _send(people, subject):
    return notices.notices_send(people, NoticeKind.VOTE_OPENED, lambda: (subject, "Body"), "/portal/governance/")


def test_the_home_menu_counts_the_persons_own_unread_notices(member_user, board_user):
    # Given two notices for the member, one for a Board officer
    first = _send([member_user], "First")[0]
    _send([member_user, board_user], "Second")
    # When the member opens the home, the menu counts their two
    assert 'aria-label="2 unread"' in logged_in(member_user).get("/portal/").content.decode()
    # And once one is read, one
    notices.notice_mark_read(notice_id=first.pk, actor=member_user)
    page = logged_in(member_user).get("/portal/").content.decode()
    assert 'aria-label="1 unread"' in page and 'aria-label="2 unread"' not in page


def test_the_home_menu_shows_no_count_when_all_are_read(member_user):
    notice = _send([member_user], "Only")[0]
    notices.notice_mark_read(notice_id=notice.pk, actor=member_user)
    assert "unread" not in logged_in(member_user).get("/portal/").content.decode()
