"""The chair records a show of hands as the result of an ordinary, non-secret motion; refused for
a secret motion, one the bylaws decide by ballot, or one weighed by shares."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import services
from governance.models import Motion, Result, ShowOfHands
from tests.factories import governance as gf

from .meeting_votes import open_agenda_vote


def _hands(motion, yes, no, abstain=0):
    return {gf.yes(motion)[0]: yes, gf.no(motion)[0]: no, gf.abstain(motion)[0]: abstain}


def test_hands_are_the_result_with_history_and_reason(board, owners):
    _meeting, motion = open_agenda_vote(board, owners)
    record = services.show_of_hands_record(
        motion=motion, counts=_hands(motion, 3, 1, 1), actor=board, reason="counted by the chair"
    )
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED
    result = Result.objects.get(motion=motion)
    assert result.adopted and result.participants == 5
    assert Decimal(result.totals[str(gf.yes(motion)[0])]) == 3
    assert ShowOfHands.history.filter(pk=record.pk, history_change_reason="counted by the chair").exists()
    certified = services.motion_certify(motion=motion, actor=gf.officer("secretary"), reason="certify")
    assert certified.certified_at is not None


def test_a_secret_motion_is_not_decided_by_hands(board, owners):
    _meeting, motion = open_agenda_vote(board, owners, secret=True)
    with pytest.raises(ValidationError) as refused:
        services.show_of_hands_record(motion=motion, counts=_hands(motion, 3, 1), actor=board, reason="x")
    assert "motion" in refused.value.message_dict
    assert not ShowOfHands.objects.exists()


def test_a_motion_the_bylaws_decide_by_ballot_is_refused(board, owners):
    _meeting, motion = open_agenda_vote(
        board, owners, kind=Motion.Kind.POLICY_CHANGE, policy_key="quorum_percent", policy_value="30"
    )
    with pytest.raises(ValidationError) as refused:
        services.show_of_hands_record(motion=motion, counts=_hands(motion, 3, 1), actor=board, reason="x")
    assert "motion" in refused.value.message_dict


def test_more_hands_than_voters_is_refused(board, owners):
    _meeting, motion = open_agenda_vote(board, owners)
    with pytest.raises(ValidationError) as refused:
        services.show_of_hands_record(motion=motion, counts=_hands(motion, 50, 1), actor=board, reason="x")
    assert "counts" in refused.value.message_dict


def test_hands_after_ballots_are_refused(board, owners):
    _meeting, motion = open_agenda_vote(board, owners)
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    with pytest.raises(ValidationError):
        services.show_of_hands_record(motion=motion, counts=_hands(motion, 3, 1), actor=board, reason="x")


def test_only_the_chair_records_hands(board, owners):
    _meeting, motion = open_agenda_vote(board, owners)
    with pytest.raises(PermissionDenied):
        services.show_of_hands_record(motion=motion, counts=_hands(motion, 3, 1), actor=owners[0], reason="x")
