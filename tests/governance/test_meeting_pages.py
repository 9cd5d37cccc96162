"""The meeting pages: a fixed number of queries, remote check-in, the chair's page and the QR link."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import selectors, services
from governance.models import Attendance
from tests.clients import logged_in
from tests.factories import governance as gf


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_meetings_list_query_count_is_constant(board, owners):
    client = logged_in(owners[0])
    gf.meeting(board=board, title="One")
    small = _count(client, reverse("governance:meetings"))
    for i in range(5):
        gf.meeting(board=board, title=f"More {i}")
    assert _count(client, reverse("governance:meetings")) == small


def test_chair_page_query_count_does_not_grow_with_attendance(board, owners):
    meeting = gf.meeting_in_session(board=board)
    for i in range(2):
        services.agenda_item_add(meeting=meeting, kind="report", title=f"Report {i}", actor=board, reason="x")
    client = logged_in(board)
    url = reverse("governance:meeting_chair", args=[meeting.pk])
    services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    small = _count(client, url)
    for owner in owners[1:]:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    assert _count(client, url) == small


def test_chair_page_shows_the_qr_code_and_quorum_to_the_board_only(board, owners):
    meeting = gf.meeting_in_session(board=board)
    response = logged_in(board).get(reverse("governance:meeting_chair", args=[meeting.pk]))
    assert b"<svg" in response.content
    assert logged_in(owners[0]).get(reverse("governance:meeting_chair", args=[meeting.pk])).status_code == 403


def test_member_checks_in_remotely_from_the_meeting_page(board, owners):
    meeting = gf.meeting_in_session(board=board)
    client = logged_in(owners[0])
    response = client.post(reverse("governance:meeting_check_in", args=[meeting.pk]))
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting).attendee == owners[0]


def test_check_in_refused_before_the_meeting_opens_says_why(board, owners):
    meeting = gf.meeting(board=board)
    response = logged_in(owners[0]).post(reverse("governance:meeting_check_in", args=[meeting.pk]))
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_rooms_code_opens_a_page_that_checks_in(board, owners):
    meeting = gf.meeting_in_session(board=board)
    url = reverse("governance:meeting_code", kwargs={"token": selectors.checkin_token(meeting)})
    client = logged_in(owners[0])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Attendance.objects.get(meeting=meeting).how == Attendance.How.IN_ROOM


def test_a_bad_code_page_answers_400(owners):
    url = reverse("governance:meeting_code", kwargs={"token": "not-a-code"})
    assert logged_in(owners[0]).get(url).status_code == 400


def test_api_lists_meetings_and_checks_in_remotely(board, owners):
    meeting = gf.meeting_in_session(board=board)
    client = logged_in(owners[0])
    listed = client.get(reverse("meeting-list")).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["id"] for row in rows] == [meeting.pk]
    response = client.post(
        reverse("meeting-check-in", args=[meeting.pk]), {"reason": "here"}, content_type="application/json"
    )
    assert response.status_code == 201
    again = client.post(
        reverse("meeting-check-in", args=[meeting.pk]), {"reason": "here"}, content_type="application/json"
    )
    assert again.status_code == 400
