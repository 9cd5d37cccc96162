"""The chair sees every difference between the tellers' entries, resolves each with a reason, and
adds the paper ballots to the count once, with the electronic ballots, only when all agree."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import selectors, services
from governance.models import BallotTotal, Motion, PaperBallotsAdded, PaperResolution
from tests.factories import governance as gf

from .meeting_votes import enter_both, with_tellers


def _issue(motion, board, voters):
    for voter in voters:
        services.paper_ballot_issue(motion=motion, voter=voter, actor=board)


def test_differences_are_shown_only_after_both_finish(board, owners):
    meeting, motion = with_tellers(board, owners)
    _issue(motion, board, owners[2:4])
    services.paper_ballot_enter(motion=motion, serial="1", marks=gf.yes(motion), actor=owners[0])
    services.paper_ballot_enter(motion=motion, serial="2", marks=gf.yes(motion), actor=owners[0])
    services.paper_entry_finish(motion=motion, actor=owners[0])
    services.paper_ballot_enter(motion=motion, serial="1", marks=gf.no(motion), actor=owners[1])
    services.paper_ballot_enter(motion=motion, serial="3", marks=gf.yes(motion), actor=owners[1])
    report = selectors.paper_reconciliation(motion, meeting)
    assert not report.both_finished and not report.ready
    with pytest.raises(ValidationError):
        services.paper_difference_resolve(motion=motion, serial="1", marks=gf.yes(motion), actor=board, reason="r")
    services.paper_entry_finish(motion=motion, actor=owners[1])
    report = selectors.paper_reconciliation(motion, meeting)
    # then: different marks on 1, 2 missing on one side, 3 missing on the other
    assert [d.serial for d in report.differences] == ["1", "2", "3"]
    assert report.differences[1].second is None and report.differences[2].first is None
    assert not report.ready


def test_resolved_differences_are_added_once_with_the_electronic_ballots(board, owners):
    meeting, motion = with_tellers(board, owners)
    # given two electronic ballots (yes, no) and three paper ballots issued
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.no(motion))
    _issue(motion, board, owners[2:5])
    enter_both(motion, [owners[0]], [("1", gf.yes(motion)), ("2", gf.yes(motion)), ("3", gf.no(motion))])
    enter_both(motion, [owners[1]], [("1", gf.yes(motion)), ("2", gf.no(motion)), ("4", gf.no(motion))])
    # when adding before the differences are resolved, it is refused
    with pytest.raises(ValidationError) as refused:
        services.paper_ballots_add(motion=motion, actor=board, reason="add")
    assert "motion" in refused.value.message_dict
    # and the chair resolves each: 2 is a yes, 3 was a mistyped 4 (discarded), 4 is a no
    services.paper_difference_resolve(motion=motion, serial="2", marks=gf.yes(motion), actor=board, reason="seen")
    services.paper_difference_resolve(motion=motion, serial="3", discard=True, actor=board, reason="typo for 4")
    assert not selectors.paper_reconciliation(motion, meeting).ready
    services.paper_difference_resolve(motion=motion, serial="4", marks=gf.no(motion), actor=board, reason="seen")
    assert PaperResolution.history.filter(history_change_reason="typo for 4").exists()
    assert selectors.paper_reconciliation(motion, meeting).ready
    # then the paper ballots are added, once
    services.paper_ballots_add(motion=motion, actor=board, reason="add")
    with pytest.raises(ValidationError):
        services.paper_ballots_add(motion=motion, actor=board, reason="again")
    assert PaperBallotsAdded.objects.get(motion=motion).ballots == 3
    assert sum(BallotTotal.objects.filter(motion=motion).values_list("ballots", flat=True)) == 5
    # and the count is electronic + paper: yes 1+2, no 1+1
    result = services.motion_close(motion=motion, actor=board, reason="close")
    yes, no = gf.yes(motion)[0], gf.no(motion)[0]
    assert Decimal(result.totals[str(yes)]) == 3 and Decimal(result.totals[str(no)]) == 2
    assert result.participants == 5 and result.adopted
    certified = services.motion_certify(motion=motion, actor=gf.officer("secretary"), reason="certify")
    assert certified.certified_at is not None


def test_count_must_match_the_papers_issued(board, owners):
    _meeting, motion = with_tellers(board, owners)
    _issue(motion, board, owners[2:5])
    enter_both(motion, owners[:2], [("1", gf.yes(motion)), ("2", gf.no(motion))])
    with pytest.raises(ValidationError) as refused:
        services.paper_ballots_add(motion=motion, actor=board, reason="add")
    assert "3" in str(refused.value)
    assert not PaperBallotsAdded.objects.exists()


def test_the_vote_does_not_close_before_paper_is_added(board, owners):
    _meeting, motion = with_tellers(board, owners)
    _issue(motion, board, owners[2:3])
    with pytest.raises(ValidationError) as refused:
        services.motion_close(motion=motion, actor=board, reason="close")
    assert "motion" in refused.value.message_dict
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN
    assert services.motion_close_if_due(motion_id=motion.pk, actor=None, reason="due", at=motion.closes_at) is False


def test_a_spoilt_paper_takes_part_for_no_choice(board, owners):
    _meeting, motion = with_tellers(board, owners, secret=True)
    _issue(motion, board, owners[2:4])
    for teller in owners[:2]:
        services.paper_ballot_enter(motion=motion, serial="1", marks=gf.yes(motion), actor=teller)
        services.paper_ballot_enter(motion=motion, serial="2", marks=[], spoilt=True, actor=teller)
        services.paper_entry_finish(motion=motion, actor=teller)
    services.paper_ballots_add(motion=motion, actor=board, reason="add")
    result = services.motion_close(motion=motion, actor=board, reason="close")
    assert result.participants == 2
    assert Decimal(result.totals[str(gf.yes(motion)[0])]) == 1


def test_only_the_chair_resolves_and_adds(board, owners):
    _meeting, motion = with_tellers(board, owners)
    _issue(motion, board, owners[2:3])
    enter_both(motion, owners[:2], [("1", gf.yes(motion))])
    with pytest.raises(PermissionDenied):
        services.paper_ballots_add(motion=motion, actor=owners[0], reason="add")
    with pytest.raises(PermissionDenied):
        services.paper_difference_resolve(motion=motion, serial="1", discard=True, actor=owners[0], reason="x")
    assert not PaperBallotsAdded.objects.exists()
