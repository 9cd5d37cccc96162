"""Casting ballots: every refusal names the rule and writes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance import services
from governance.models import Ballot, BallotTotal, Motion, Participation
from tests.factories import governance as gf


def _nothing_written(motion) -> bool:
    return (
        not Participation.objects.filter(motion=motion).exists()
        and not Ballot.objects.filter(motion=motion).exists()
        and not BallotTotal.objects.filter(motion=motion, ballots__gt=0).exists()
    )


def _refused(field: str, **kwargs):
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(**kwargs)
    assert field in error.value.message_dict, error.value.message_dict
    return error.value


def test_ballot_before_the_opening_is_refused(board, owners):
    motion = gf.motion(proposer=owners[0])
    _refused("motion", motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    assert _nothing_written(motion)


def test_ballot_after_the_closing_time_is_refused(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    # the clock passes the closing time before the scheduler closes the vote
    later = timezone.now() + timedelta(hours=49)
    from unittest import mock

    with mock.patch("governance.services.ballots.timezone.now", return_value=later):
        _refused("motion", motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    assert _nothing_written(motion)


def test_ballot_after_the_close_is_refused(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    services.motion_close(motion=motion, actor=board, reason="close")
    _refused("motion", motion=motion, cast_by=owners[0], marks=gf.yes(motion))


def test_ineligible_member_is_refused(board, owners, outsider):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    _refused("voter", motion=motion, cast_by=outsider, marks=gf.yes(motion))
    assert _nothing_written(motion)


def test_second_ballot_is_refused(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    _refused("voter", motion=motion, cast_by=owners[0], marks=gf.no(motion))
    assert Ballot.objects.filter(motion=motion).count() == 1
    assert Participation.objects.filter(motion=motion).count() == 1


def test_choice_not_on_the_ballot_is_refused(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    other = gf.motion(proposer=owners[0], title="Another")
    _refused("marks", motion=motion, cast_by=owners[0], marks=gf.yes(other))
    _refused("marks", motion=motion, cast_by=owners[0], marks=gf.yes(motion) + gf.no(motion))
    _refused("marks", motion=motion, cast_by=owners[0], marks=[])
    assert _nothing_written(motion)


def test_ranked_ballot_keeps_the_order_and_refuses_repeats(board, owners):
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.INSTANT_RUNOFF,
        office_kind="treasurer",
    )
    a, _b, c = motion.choices.values_list("pk", flat=True)
    _refused("marks", motion=motion, cast_by=owners[0], marks=[a, a])
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=[c, a])
    assert Ballot.objects.get(motion=motion).marks == f"{c}>{a}"


def test_approval_marks_are_stored_in_canonical_order(board, owners):
    motion = gf.election(proposer=owners[0], board=board, candidates=owners[:3], method=Motion.Method.APPROVAL)
    a, _b, c = motion.choices.values_list("pk", flat=True)
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=[c, a])
    assert Ballot.objects.get(motion=motion).marks == f"{a},{c}"


def test_recorded_ballot_is_linked_to_its_voter_for_publication(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    receipt = services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.no(motion))
    participation = Participation.objects.get(motion=motion, voter=owners[1])
    assert participation.ballot.receipt == receipt.receipt
