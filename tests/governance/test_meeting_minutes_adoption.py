"""Adopting minutes: a motion of the same body at a later meeting, certified as carried, adopts
them with their text frozen and hashed; the refusals leave nothing written."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import services
from governance.models import AgendaItem, Body, MeetingMinutes, Motion
from tests.factories import governance as gf

from .minutes_world import drafted, next_meeting_in_session, vote_at


def _counts():
    return (Motion.objects.count(), AgendaItem.objects.count(), MeetingMinutes.history.count())


def test_a_carried_motion_at_the_next_meeting_adopts_the_minutes(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    item = services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Adopt")
    assert item.meeting == following and item.kind == AgendaItem.Kind.MOTION
    assert item.motion.kind == Motion.Kind.MINUTES_ADOPTION and item.motion.body == following.body
    minutes.refresh_from_db()
    assert minutes.motion == item.motion and minutes.status == MeetingMinutes.Status.DRAFT
    motion = vote_at(item, board=board, secretary=secretary, owners=owners)
    minutes.refresh_from_db()
    assert minutes.status == MeetingMinutes.Status.ADOPTED
    assert minutes.motion == motion and minutes.adopted_at is not None
    assert minutes.adopted_hash == hashlib.sha256(minutes.text.encode()).hexdigest()


def test_minutes_voted_down_stay_a_draft_and_may_be_proposed_again(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    item = services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Adopt")
    vote_at(item, board=board, secretary=secretary, owners=owners, vote=gf.no)
    minutes.refresh_from_db()
    assert minutes.status == MeetingMinutes.Status.DRAFT
    services.minutes_edit(minutes=minutes, text="Corrected", actor=secretary, reason="As the meeting asked")
    again = services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Again")
    vote_at(again, board=board, secretary=secretary, owners=owners)
    minutes.refresh_from_db()
    assert minutes.status == MeetingMinutes.Status.ADOPTED and minutes.motion == again.motion


def test_adoption_is_not_proposed_at_the_same_meeting(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.minutes_propose_adoption(minutes=minutes, meeting=minutes.meeting, actor=secretary, reason="Now")
    assert "later meeting" in refused.value.message_dict["meeting"][0]
    assert _counts() == before


def test_adoption_is_not_proposed_to_another_body(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    gf.set_policy("board_meeting_notice_days", 0)
    board_meeting = gf.meeting(board=board, body_kind=Body.Kind.BOARD, days=1)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.minutes_propose_adoption(minutes=minutes, meeting=board_meeting, actor=secretary, reason="Board")
    assert "meeting" in refused.value.message_dict
    assert _counts() == before


def test_a_motion_of_another_body_does_not_adopt(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    other = gf.motion(proposer=secretary, body_kind=Body.Kind.BOARD, kind=Motion.Kind.MINUTES_ADOPTION, title="X")
    with pytest.raises(ValidationError) as refused:
        services.minutes_adopt(minutes=minutes, motion=other, actor=secretary, reason="Sideways")
    assert "motion" in refused.value.message_dict
    minutes.refresh_from_db()
    assert minutes.status == MeetingMinutes.Status.DRAFT and minutes.history.count() == 1


def test_a_motion_not_yet_carried_does_not_adopt(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    item = services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Adopt")
    with pytest.raises(ValidationError) as refused:
        services.minutes_adopt(minutes=minutes, motion=item.motion, actor=secretary, reason="Early")
    assert "certified" in refused.value.message_dict["motion"][0]
    minutes.refresh_from_db()
    assert minutes.status == MeetingMinutes.Status.DRAFT


def test_minutes_are_not_adopted_twice(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    item = services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Adopt")
    motion = vote_at(item, board=board, secretary=secretary, owners=owners)
    minutes.refresh_from_db()
    before = _counts()
    with pytest.raises(ValidationError) as twice:
        services.minutes_adopt(minutes=minutes, motion=motion, actor=secretary, reason="Again")
    assert "adopted" in twice.value.message_dict["minutes"][0]
    with pytest.raises(ValidationError) as proposed:
        services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Again")
    assert "adopted" in proposed.value.message_dict["minutes"][0]
    assert _counts() == before


def test_adoption_comes_from_the_certification_not_from_anyone_else(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    item = services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Adopt")
    # the vote carries, but the result waits for certification
    motion = services.agenda_item_open_vote(item=item, actor=board, reason="Vote")
    for owner in owners:
        services.ballot_cast(motion=motion, cast_by=owner, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason="Count")
    with pytest.raises(ValidationError):
        services.minutes_adopt(minutes=minutes, motion=motion, actor=board, reason="Before certification")
    services.motion_certify(motion=motion, actor=secretary, reason="Certify")
    minutes.refresh_from_db()
    assert minutes.status == MeetingMinutes.Status.ADOPTED
    assert minutes.history.first().history_user == secretary


def test_a_pending_proposal_is_not_made_twice(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Adopt")
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=secretary, reason="Again")
    assert "already proposed" in refused.value.message_dict["minutes"][0]
    assert _counts() == before


def test_only_the_secretary_proposes_adoption(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    before = _counts()
    for someone in (board, owners[0]):
        with pytest.raises(PermissionDenied):
            services.minutes_propose_adoption(minutes=minutes, meeting=following, actor=someone, reason="Mine")
    assert _counts() == before
