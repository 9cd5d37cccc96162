"""Calling a meeting: who may call it, with how much notice, and owners' petitions."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance import services
from governance.models import Body, Meeting
from tests.factories import governance as gf


def _call(actor, *, body_kind=Body.Kind.GENERAL_CONFERENCE, kind=Meeting.Kind.REGULAR, days=30, **kwargs):
    starts_at = timezone.now() + timedelta(days=days)
    return services.meeting_call(
        body=gf.bodies()[body_kind],
        kind=kind,
        title="Spring meeting",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        place="The hall",
        actor=actor,
        reason="To hear the reports",
        **kwargs,
    )


def test_board_calls_a_general_conference_with_enough_notice(board, owners):
    # when the Board calls a meeting a month ahead
    meeting = _call(board)
    # then it is called, by them, with its purpose and its history
    assert meeting.status == Meeting.Status.CALLED
    assert meeting.called_by == board
    assert meeting.reason == "To hear the reports"
    assert meeting.history.count() == 1


def test_board_calls_a_board_meeting_with_two_days_notice(board):
    meeting = _call(board, body_kind=Body.Kind.BOARD, days=3)
    assert meeting.body.kind == Body.Kind.BOARD


def test_too_short_a_notice_is_refused_naming_starts_at(board, owners):
    # given the General Conference's notice of 10 days, when the Board calls one for next week
    with pytest.raises(ValidationError) as refused:
        _call(board, days=7)
    # then it is refused on the start, and nothing is written
    assert "starts_at" in refused.value.message_dict
    assert "10" in refused.value.message_dict["starts_at"][0]
    assert not Meeting.objects.exists()


def test_notice_follows_the_policy_number(board, owners):
    gf.set_policy("general_conference_notice_days", 3)
    assert _call(board, days=4).pk


def _petition(owners, signers: int):
    """A petition started by the first owner and signed by the first `signers` owners, each themselves."""
    petition = services.petition_start(title="Special", purpose="The roof", actor=owners[0], reason="test")
    for owner in owners[1:signers]:
        services.petition_sign(petition=petition, actor=owner, reason="test")
    return petition


def test_a_member_without_a_petition_may_not_call_a_meeting(owners):
    with pytest.raises(PermissionDenied):
        _call(owners[0], kind=Meeting.Kind.SPECIAL)
    assert not Meeting.objects.exists()


def test_a_member_may_not_call_a_board_meeting_even_by_petition(owners, bodies):
    petition = _petition(owners, 5)
    with pytest.raises(PermissionDenied):
        _call(owners[0], body_kind=Body.Kind.BOARD, kind=Meeting.Kind.SPECIAL, petition=petition)
    assert not Meeting.objects.exists()


def test_owners_call_a_special_general_conference_when_enough_sign(owners):
    # given a petition threshold of 40% of the five owners (two signatures), signed by two owners
    gf.set_policy("meeting_petition_percent", 40)
    petition = _petition(owners, 2)
    # when one of them calls
    meeting = _call(owners[0], kind=Meeting.Kind.SPECIAL, petition=petition)
    # then the special meeting is called, with its petitioners
    assert meeting.kind == Meeting.Kind.SPECIAL
    assert set(meeting.petitioners.all()) == set(owners[:2])


def test_a_petition_below_the_threshold_is_refused(owners):
    gf.set_policy("meeting_petition_percent", 60)
    petition = _petition(owners, 2)
    with pytest.raises(ValidationError) as refused:
        _call(owners[0], kind=Meeting.Kind.SPECIAL, petition=petition)
    assert "petition" in refused.value.message_dict
    assert not Meeting.objects.exists()


def test_only_a_signer_calls_by_petition(owners):
    gf.set_policy("meeting_petition_percent", 40)
    petition = _petition(owners, 2)
    with pytest.raises(PermissionDenied):
        _call(owners[4], kind=Meeting.Kind.SPECIAL, petition=petition)
    assert not Meeting.objects.exists()


def test_owners_petition_only_for_a_special_meeting(owners):
    gf.set_policy("meeting_petition_percent", 20)
    petition = _petition(owners, 2)
    with pytest.raises(PermissionDenied):
        _call(owners[0], kind=Meeting.Kind.REGULAR, petition=petition)
    assert not Meeting.objects.exists()


def test_the_annual_meeting_is_the_general_conference(board):
    with pytest.raises(ValidationError) as refused:
        _call(board, body_kind=Body.Kind.BOARD, kind=Meeting.Kind.ANNUAL)
    assert "kind" in refused.value.message_dict


def test_a_meeting_needs_a_place_or_a_video_link(board, owners):
    starts_at = timezone.now() + timedelta(days=20)
    with pytest.raises(ValidationError):
        services.meeting_call(
            body=gf.bodies()[Body.Kind.GENERAL_CONFERENCE],
            kind=Meeting.Kind.REGULAR,
            title="Nowhere",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            actor=board,
            reason="test",
        )
    meeting = services.meeting_call(
        body=gf.bodies()[Body.Kind.GENERAL_CONFERENCE],
        kind=Meeting.Kind.REGULAR,
        title="Online",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        video_link="https://meet.example.org/coop",
        actor=board,
        reason="test",
    )
    assert meeting.place == ""
