"""The portal's inbox: the person's own notices, unread first, marked read one by one or all at
once, in the same number of queries however many there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coop import notices
from coop.models import Notice, NoticeKind
from tests.clients import logged_in

pytestmark = pytest.mark.django_db


def _send(people, subject, link="/portal/governance/"):
    return notices.notices_send(people, NoticeKind.VOTE_OPENED, lambda: (subject, "Body of " + subject), link)


def test_the_inbox_shows_unread_first_and_counts_them_in_the_menu(member_user):
    # given three notices, the newest of them read
    _send([member_user], "First")
    _send([member_user], "Second")
    newest = _send([member_user], "Third")[0]
    notices.notice_mark_read(notice_id=newest.pk, actor=member_user)
    # when the member opens the inbox
    page = logged_in(member_user).get("/portal/notices/").content.decode()
    # then the unread come first, and the menu shows two unread
    assert page.index("Second") < page.index("First") < page.index("Third")
    assert 'aria-label="2 unread"' in page
    # and newest first puts the read one on top
    page = logged_in(member_user).get("/portal/notices/?order=newest").content.decode()
    assert page.index("Third") < page.index("Second")


def test_opening_a_notice_marks_it_read_and_leads_to_its_page(member_user):
    notice = _send([member_user], "Vote open")[0]
    response = logged_in(member_user).post(f"/portal/notices/{notice.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/portal/governance/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_a_link_to_another_site_is_never_followed(member_user):
    notice = _send([member_user], "Odd", link="https://elsewhere.example/")[0]
    response = logged_in(member_user).post(f"/portal/notices/{notice.pk}/open/")
    assert response["Location"] == "/portal/notices/"


def test_someone_elses_notice_is_not_found_and_stays_unread(member_user, board_user):
    notice = _send([board_user], "For the Board")[0]
    response = logged_in(member_user).post(f"/portal/notices/{notice.pk}/open/")
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    assert "For the Board" not in logged_in(member_user).get("/portal/notices/").content.decode()


def test_mark_all_read_touches_only_ones_own(member_user, board_user):
    _send([member_user, board_user], "Both")
    _send([member_user], "Mine")
    response = logged_in(member_user).post("/portal/notices/read-all/")
    assert response.status_code == 302
    assert not Notice.objects.filter(recipient=member_user, read_at__isnull=True).exists()
    assert Notice.objects.filter(recipient=board_user, read_at__isnull=True).count() == 1


def test_the_inbox_is_paginated(member_user):
    for n in range(30):
        _send([member_user], f"Notice number {n:02d}")
    client = logged_in(member_user)
    first = client.get("/portal/notices/").content.decode()
    second = client.get("/portal/notices/?page=2").content.decode()
    assert first.count("Body of Notice number") == 25 and second.count("Body of Notice number") == 5


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/portal/notices/").status_code == 200
    return len(queries.captured_queries)


def test_the_inbox_runs_the_same_queries_whatever_the_number_of_notices(member_user):
    # given a member with two notices, then with sixty
    client = logged_in(member_user)
    _send([member_user], "One")
    _send([member_user], "Two")
    few = _inbox_queries(client)
    for n in range(58):
        _send([member_user], f"More {n}")
    # then the inbox page runs the same number of queries
    assert _inbox_queries(client) == few
