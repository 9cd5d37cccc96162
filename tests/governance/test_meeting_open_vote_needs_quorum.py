"""A motion on the agenda is put to the vote only in session and with the quorum present."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import services
from governance.models import AgendaItem, Motion, RollEntry
from tests.factories import governance as gf


def _agenda_motion(board, owners):
    meeting = gf.meeting_in_session(board=board)
    motion = gf.motion(proposer=owners[0], title="Buy a van")
    item = services.agenda_item_add(meeting=meeting, kind="motion", motion=motion, title="", actor=board, reason="x")
    return meeting, item


def test_open_vote_without_quorum_is_refused(board, owners):
    # given five owners and only one present
    meeting, item = _agenda_motion(board, owners)
    services.attendance_check_in(meeting=meeting, attendee=owners[0], how="remote", actor=owners[0])
    # when the chair opens the vote
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_open_vote(item=item, actor=board, reason="vote")
    # then it is refused for the quorum, and the motion stays unopened with no roll
    assert "quorum" in refused.value.message_dict
    item.motion.refresh_from_db()
    assert item.motion.status == Motion.Status.DRAFT
    assert not RollEntry.objects.filter(motion=item.motion).exists()


def test_open_vote_with_quorum_opens_the_motion(board, owners):
    meeting, item = _agenda_motion(board, owners)
    for owner in owners[:3]:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    motion = services.agenda_item_open_vote(item=item, actor=board, reason="vote")
    assert motion.status == Motion.Status.OPEN
    assert motion.closes_at == meeting.ends_at
    assert item.title == "Buy a van"


def test_only_the_board_opens_a_vote_from_the_agenda(board, owners):
    _meeting, item = _agenda_motion(board, owners)
    with pytest.raises(PermissionDenied):
        services.agenda_item_open_vote(item=item, actor=owners[0], reason="vote")


def test_a_report_is_not_voted(board, owners):
    meeting = gf.meeting_in_session(board=board)
    item = services.agenda_item_add(
        meeting=meeting, kind=AgendaItem.Kind.REPORT, title="Treasurer", actor=board, reason="x"
    )
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_open_vote(item=item, actor=board, reason="vote")
    assert "item" in refused.value.message_dict


def test_a_motion_of_another_body_stays_off_the_agenda(board, owners):
    meeting = gf.meeting_in_session(board=board)
    motion = gf.motion(proposer=board, body_kind="board", title="Board business")
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=meeting, kind="motion", motion=motion, title="", actor=board, reason="x")
