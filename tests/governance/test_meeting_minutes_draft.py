"""Drafting minutes from a closed meeting's record: attendance with totals and quorum, the agenda,
each report and motion result; refused before the meeting closes and to anyone but the Secretary."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import services
from governance.models import MeetingMinutes
from tests.factories import governance as gf

from .minutes_world import closed_meeting


def test_the_draft_is_written_from_the_record(board, secretary, owners):
    meeting = closed_meeting(board=board, secretary=secretary, owners=owners)
    minutes = services.minutes_draft(meeting=meeting, actor=secretary, reason="Draft from the record")
    text = minutes.text
    assert minutes.status == MeetingMinutes.Status.DRAFT
    assert "# Minutes of Spring conference" in text
    # attendance: each person with how they attended, the totals and the quorum
    assert "5 present: 0 in the room, 5 remotely, 0 by proxy." in text
    assert f"{owners[0].get_full_name() or owners[0].email}, remotely" in text
    assert "Quorum: 5.00 of the weight present" in text and ": met." in text
    # the agenda: the report with its notes, the motion with its certified result
    assert "**Treasurer's report** (Report)" in text and "The cash is fine." in text
    assert "**Buy a kettle** (Motion)" in text
    assert "Result: Adopted (quorum met; 5 of" in text and "Certified on" in text
    assert minutes.history.count() == 1
    assert minutes.history.first().history_change_reason == "Draft from the record"


def test_the_platform_may_draft_without_a_person(board, secretary, owners):
    meeting = closed_meeting(board=board, secretary=secretary, owners=owners)
    minutes = services.minutes_draft(meeting=meeting, actor=None, reason="Drafted on close")
    assert minutes.drafted_by is None


def test_a_meeting_not_closed_has_no_minutes_yet(board, secretary, owners):
    meeting = gf.meeting_in_session(board=board)
    with pytest.raises(ValidationError) as refused:
        services.minutes_draft(meeting=meeting, actor=secretary, reason="Too soon")
    assert "closed" in refused.value.message_dict["meeting"][0]
    assert not MeetingMinutes.objects.exists()


def test_only_the_secretary_drafts(board, secretary, owners):
    meeting = closed_meeting(board=board, secretary=secretary, owners=owners)
    for someone in (board, owners[0]):
        with pytest.raises(PermissionDenied):
            services.minutes_draft(meeting=meeting, actor=someone, reason="Not mine")
    assert not MeetingMinutes.objects.exists()


def test_a_meeting_has_one_set_of_minutes(board, secretary, owners):
    meeting = closed_meeting(board=board, secretary=secretary, owners=owners)
    services.minutes_draft(meeting=meeting, actor=secretary, reason="Draft")
    with pytest.raises(ValidationError) as refused:
        services.minutes_draft(meeting=meeting, actor=secretary, reason="Again")
    assert "already" in refused.value.message_dict["meeting"][0]
    assert MeetingMinutes.objects.count() == 1
