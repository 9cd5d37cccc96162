"""Offices grant their group; elections install, recalls and term ends take it away."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coop.roles import Role, has_role
from governance import services
from governance.models import Motion, Office, OfficeTerm
from tests.factories import governance as gf


def _fresh(user):
    user._coop_roles = None
    return user


def test_holding_an_office_grants_its_group_and_ending_the_term_takes_it(bodies):
    user = gf.officer(Office.Kind.TREASURER)
    term = OfficeTerm.objects.get(holder=user, office__kind=Office.Kind.TREASURER)
    assert term.motion.kind == Motion.Kind.ELECTION
    assert has_role(_fresh(user), Role.BOARD)
    later = term.ends_at + timedelta(seconds=1)
    assert services.office_terms_expire(at=later) == 1
    assert OfficeTerm.objects.get(pk=term.pk).status == OfficeTerm.Status.ENDED
    assert not has_role(_fresh(user), Role.BOARD)


def test_board_appoints_and_removes_the_ceo(board):
    ceo = gf.owner()
    office = Office.objects.get(kind=Office.Kind.CEO)
    term = services.office_appoint(office=office, holder=ceo, actor=board, reason="appointed")
    assert has_role(_fresh(ceo), Role.OPERATIONS)
    services.office_term_end(term=term, status=OfficeTerm.Status.REMOVED, actor=board, reason="removed")
    assert not has_role(_fresh(ceo), Role.OPERATIONS)


def test_board_cannot_remove_an_elected_officer_without_a_recall(board, secretary):
    term = OfficeTerm.objects.get(holder=secretary)
    with pytest.raises(ValidationError) as error:
        services.office_term_end(term=term, status=OfficeTerm.Status.REMOVED, actor=board, reason="dislike")
    assert "status" in error.value.message_dict
    assert has_role(_fresh(secretary), Role.BOARD)


def test_stv_election_installs_the_winners_for_the_term(board, secretary, owners):
    candidates = owners[:3]
    motion = gf.election(proposer=owners[0], board=board, candidates=candidates, method=Motion.Method.STV, seats=2)
    a, b, c = motion.choices.values_list("pk", flat=True)
    for voter, marks in zip(owners, [[a, b], [a, c], [b, a], [c, b], [b]], strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks)
    result = services.motion_close(motion=motion, actor=board, reason="close")
    assert result.rounds and result.rounds[0]["quota"] == "1.666667"
    assert set(result.winners) == {a, b}
    services.motion_certify(motion=motion, actor=secretary, reason="ok")
    installed = OfficeTerm.objects.active().filter(office=motion.office, motion=motion)
    assert set(installed.values_list("holder", flat=True)) == {owners[0].pk, owners[1].pk}
    term = installed.first()
    assert term.ends_at > timezone.now() + timedelta(days=700)
    assert all(has_role(_fresh(u), Role.BOARD) for u in owners[:2])


def test_recall_removes_the_officer(board, secretary, owners):
    treasurer = gf.officer(Office.Kind.TREASURER, owners[4])
    term = OfficeTerm.objects.get(holder=treasurer)
    motion = gf.open_motion(gf.motion(proposer=owners[0], kind=Motion.Kind.RECALL, recall_term=term), board=board)
    for voter in owners[:4]:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    services.motion_certify(motion=motion, actor=secretary, reason="ok")
    assert OfficeTerm.objects.get(pk=term.pk).status == OfficeTerm.Status.RECALLED
    assert not has_role(_fresh(treasurer), Role.BOARD)


def test_elections_startup_step_is_done_once_certified_elections_fill_the_board(board, secretary, owners):
    from coop import startup

    def step():
        return next(s for s in startup.evaluate(None) if s.key == "elections")

    assert step().needs
    for kind, person in [
        (Office.Kind.PRESIDENT, owners[0]),
        (Office.Kind.SECRETARY, owners[1]),
        (Office.Kind.TREASURER, owners[2]),
    ]:
        motion = gf.election(proposer=owners[0], board=board, candidates=[person], office_kind=kind)
        for voter in owners:
            services.ballot_cast(motion=motion, cast_by=voter, marks=[motion.choices.get().pk])
        services.motion_close(motion=motion, actor=board, reason="close")
        certifier = secretary if OfficeTerm.objects.active().filter(holder=secretary).exists() else owners[1]
        services.motion_certify(motion=motion, actor=certifier, reason="ok")
    assert step().needs == []
