"""The chair appoints two tellers; paper ballots are issued at the box and entered by each teller
on their own, a serial once each, with nothing linking an entry to the voter."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import selectors, services
from governance.models import (
    Ballot,
    PaperBallotEntry,
    PaperBallotIssue,
    Participation,
    Teller,
)
from tests.factories import governance as gf

from .meeting_votes import open_agenda_vote, with_tellers


def test_chair_appoints_two_distinct_attendees_and_history_is_kept(board, owners):
    meeting, _motion = open_agenda_vote(board, owners)
    services.meeting_tellers_appoint(meeting=meeting, tellers=owners[:2], actor=board, reason="first pair")
    services.meeting_tellers_appoint(meeting=meeting, tellers=owners[2:4], actor=board, reason="swap")
    assert {t.teller for t in selectors.active_tellers(meeting)} == set(owners[2:4])
    assert Teller.objects.filter(meeting=meeting).count() == 4
    assert Teller.history.filter(meeting=meeting, history_change_reason="swap").exists()


@pytest.mark.parametrize("pick", [lambda o: [o[0], o[0]], lambda o: [o[0]], lambda o: o[:3]])
def test_appointment_needs_exactly_two_different_people(board, owners, pick):
    meeting, _motion = open_agenda_vote(board, owners)
    with pytest.raises(ValidationError) as refused:
        services.meeting_tellers_appoint(meeting=meeting, tellers=pick(owners), actor=board, reason="x")
    assert "tellers" in refused.value.message_dict
    assert not Teller.objects.exists()


def test_a_teller_is_checked_in(board, owners):
    meeting, _motion = open_agenda_vote(board, owners, present=owners[:3])
    with pytest.raises(ValidationError):
        services.meeting_tellers_appoint(meeting=meeting, tellers=owners[3:5], actor=board, reason="x")


def test_only_the_board_appoints_tellers(board, owners):
    meeting, _motion = open_agenda_vote(board, owners)
    with pytest.raises(PermissionDenied):
        services.meeting_tellers_appoint(meeting=meeting, tellers=owners[:2], actor=owners[0], reason="x")


def test_paper_ballot_issue_takes_the_place_of_an_electronic_ballot(board, owners):
    _meeting, motion = with_tellers(board, owners)
    services.paper_ballot_issue(motion=motion, voter=owners[2], actor=owners[0])
    # then the voter cannot vote on their phone, nor be issued a second paper
    with pytest.raises(ValidationError):
        services.ballot_cast(motion=motion, cast_by=owners[2], marks=gf.yes(motion))
    with pytest.raises(ValidationError):
        services.paper_ballot_issue(motion=motion, voter=owners[2], actor=owners[0])
    # and a voter who voted on their phone is not issued a paper
    services.ballot_cast(motion=motion, cast_by=owners[3], marks=gf.yes(motion))
    with pytest.raises(ValidationError) as refused:
        services.paper_ballot_issue(motion=motion, voter=owners[3], actor=owners[0])
    assert "voter" in refused.value.message_dict
    assert PaperBallotIssue.objects.count() == 1


def test_only_the_chair_or_a_teller_issues(board, owners):
    _meeting, motion = with_tellers(board, owners)
    with pytest.raises(PermissionDenied):
        services.paper_ballot_issue(motion=motion, voter=owners[3], actor=owners[4])
    services.paper_ballot_issue(motion=motion, voter=owners[3], actor=board)


def test_a_proxy_holder_is_issued_a_paper_for_the_grantor(board, owners):
    grantor, holder = owners[4], owners[3]
    meeting = gf.meeting_in_session(board=board)
    motion = gf.motion(proposer=owners[0], title="Buy a van")
    item = services.agenda_item_add(meeting=meeting, kind="motion", motion=motion, title="", actor=board, reason="x")
    services.proxy_grant(grantor=grantor, holder=holder, actor=grantor, reason="away", motion=motion)
    for owner in owners[:4]:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    motion = services.agenda_item_open_vote(item=item, actor=board, reason="vote")
    services.meeting_tellers_appoint(meeting=meeting, tellers=owners[:2], actor=board, reason="tellers")
    services.paper_ballot_issue(motion=motion, voter=grantor, holder=holder, actor=board)
    participation = Participation.objects.get(motion=motion, voter=grantor)
    assert participation.cast_by == holder and participation.proxy is not None
    with pytest.raises(ValidationError) as refused:
        services.paper_ballot_issue(motion=motion, voter=owners[0], holder=holder, actor=board)
    assert "holder" in refused.value.message_dict


def test_a_teller_enters_a_serial_once(board, owners):
    _meeting, motion = with_tellers(board, owners)
    services.paper_ballot_enter(motion=motion, serial="a-001", marks=gf.yes(motion), actor=owners[0])
    with pytest.raises(ValidationError) as refused:
        services.paper_ballot_enter(motion=motion, serial="A-001", marks=gf.no(motion), actor=owners[0])
    assert "serial" in refused.value.message_dict
    # the other teller enters the same serial on their own
    services.paper_ballot_enter(motion=motion, serial="A-001", marks=gf.no(motion), actor=owners[1])
    assert PaperBallotEntry.objects.filter(motion=motion).count() == 2


def test_bad_marks_are_refused_naming_the_field(board, owners):
    _meeting, motion = with_tellers(board, owners)
    with pytest.raises(ValidationError) as refused:
        services.paper_ballot_enter(motion=motion, serial="1", marks=[*gf.yes(motion), *gf.no(motion)], actor=owners[0])
    assert "marks" in refused.value.message_dict
    assert not PaperBallotEntry.objects.exists()


def test_only_a_teller_enters(board, owners):
    _meeting, motion = with_tellers(board, owners)
    for someone in (owners[2], board):
        with pytest.raises(PermissionDenied):
            services.paper_ballot_enter(motion=motion, serial="1", marks=gf.yes(motion), actor=someone)


def test_a_teller_sees_only_their_own_entries(board, owners):
    _meeting, motion = with_tellers(board, owners)
    services.paper_ballot_enter(motion=motion, serial="1", marks=gf.yes(motion), actor=owners[0])
    services.paper_ballot_enter(motion=motion, serial="2", marks=gf.no(motion), actor=owners[1])
    assert [e.serial for e in selectors.teller_entries(motion, owners[0])] == ["1"]


def test_nothing_after_finishing(board, owners):
    _meeting, motion = with_tellers(board, owners)
    services.paper_ballot_enter(motion=motion, serial="1", marks=gf.yes(motion), actor=owners[0])
    services.paper_entry_finish(motion=motion, actor=owners[0])
    with pytest.raises(ValidationError):
        services.paper_ballot_enter(motion=motion, serial="2", marks=gf.yes(motion), actor=owners[0])


def test_secret_paper_ballot_is_not_linked_to_its_voter(board, owners):
    # given a secret vote and a paper issued to one owner
    _meeting, motion = with_tellers(board, owners, secret=True)
    issue = services.paper_ballot_issue(motion=motion, voter=owners[2], actor=board)
    entry = services.paper_ballot_enter(motion=motion, serial="S-1", marks=gf.yes(motion), actor=owners[0])
    # then the issue names no serial and the entry names no voter or participation
    issue_fields = {f.name for f in PaperBallotIssue._meta.get_fields()}
    entry_fields = {f.name for f in PaperBallotEntry._meta.get_fields()}
    assert not {"serial", "marks", "ballot"} & issue_fields
    assert not {"voter", "participation", "issue"} & entry_fields
    assert issue.participation.ballot is None
    assert entry.teller == owners[0]
    assert not Ballot.objects.filter(motion=motion).exists()
