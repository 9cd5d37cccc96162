"""Checking in to a meeting: remotely, in the room with the chair's code, and the refusals."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import selectors, services
from governance.models import Attendance, Body
from tests.factories import governance as gf


def test_an_owner_checks_in_remotely(board, owners):
    meeting = gf.meeting_in_session(board=board)
    attendance = services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    assert attendance.how == Attendance.How.REMOTE
    assert attendance.history.count() == 1


def test_an_owner_checks_in_in_the_room_with_the_chairs_code(board, owners):
    meeting = gf.meeting_in_session(board=board)
    token = selectors.checkin_token(meeting)
    attendance = services.attendance_check_in(
        meeting=meeting, attendee=owners[0], how="in_room", actor=owners[0], token=token
    )
    assert attendance.how == Attendance.How.IN_ROOM


def test_an_expired_code_is_refused(board, owners, monkeypatch):
    meeting = gf.meeting_in_session(board=board)
    token = selectors.checkin_token(meeting)
    # when the code is older than it may be
    monkeypatch.setattr("governance.selectors.meetings.CHECKIN_TOKEN_MAX_AGE", -1)
    with pytest.raises(ValidationError) as refused:
        services.attendance_check_in(meeting=meeting, attendee=owners[0], how="in_room", actor=owners[0], token=token)
    # then it is refused by name, and nobody is checked in
    assert "expired" in refused.value.message_dict["token"][0]
    assert not Attendance.objects.exists()


def test_a_code_of_another_meeting_is_refused(board, owners):
    meeting = gf.meeting_in_session(board=board, title="This one")
    other = gf.meeting_in_session(board=board, title="The other one")
    with pytest.raises(ValidationError) as refused:
        services.attendance_check_in(
            meeting=meeting, attendee=owners[0], how="in_room", actor=owners[0], token=selectors.checkin_token(other)
        )
    assert "token" in refused.value.message_dict


def test_a_forged_code_is_refused(board, owners):
    meeting = gf.meeting_in_session(board=board)
    with pytest.raises(ValidationError):
        services.attendance_check_in(
            meeting=meeting, attendee=owners[0], how="in_room", actor=owners[0], token=f"{meeting.pk}:abc:def"
        )


def test_nobody_checks_in_someone_else(board, owners):
    meeting = gf.meeting_in_session(board=board)
    with pytest.raises(PermissionDenied):
        services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[1])


def test_check_in_before_the_meeting_opens_is_refused(board, owners):
    meeting = gf.meeting(board=board)
    with pytest.raises(ValidationError) as refused:
        services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    assert "meeting" in refused.value.message_dict


def test_someone_off_the_roll_is_refused(board, owners, outsider):
    meeting = gf.meeting_in_session(board=board)
    with pytest.raises(ValidationError) as refused:
        services.attendance_check_in(meeting=meeting, attendee=outsider, how="remote", actor=outsider)
    assert "attendee" in refused.value.message_dict


def test_a_member_is_off_the_roll_of_a_board_meeting(board, owners):
    meeting = gf.meeting_in_session(board=board, body_kind=Body.Kind.BOARD)
    with pytest.raises(ValidationError):
        services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    assert services.attendance_check_in(meeting=meeting, attendee=board, how="remote", actor=board).pk


def test_checking_in_twice_is_refused(board, owners):
    meeting = gf.meeting_in_session(board=board)
    services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    with pytest.raises(ValidationError):
        services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    assert Attendance.objects.count() == 1


def test_a_proxy_holder_brings_the_grantor(board, owners):
    # given owner 1 named owner 0 their proxy for the season
    meeting = gf.meeting_in_session(board=board)
    services.proxy_grant(
        grantor=owners[1],
        holder=owners[0],
        starts_at=meeting.starts_at - timedelta(hours=1),
        ends_at=meeting.ends_at,
        actor=owners[1],
        reason="away",
    )
    # when owner 0 checks in
    services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    # then owner 1 is present by proxy
    represented = Attendance.objects.get(attendee=owners[1])
    assert represented.how == Attendance.How.BY_PROXY
    assert represented.proxy.holder == owners[0]
    # and if owner 1 arrives after all, they attend in person
    services.attendance_check_in(meeting=meeting, attendee=owners[1], how="remote", actor=owners[1])
    represented.refresh_from_db()
    assert represented.how == Attendance.How.REMOTE and represented.proxy is None
