"""Mediation: an object grant for the mediator, confidential notes, escalation to a secret vote."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import services
from governance.models import Body, MediationCase, Motion
from governance.services.mediation import may_read_notes
from tests.factories import governance as gf
from tests.factories.coop import UserFactory


@pytest.fixture
def case(board, owners):
    return services.mediation_open(
        title="Shift dispute",
        parties=owners[:2],
        mediator=owners[2],
        escalation_body=Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE),
        actor=board,
        reason="referred",
    )


def test_mediator_holds_an_object_grant_on_this_case_only(case, owners, board):
    other = services.mediation_open(
        title="Other",
        parties=owners[3:5],
        mediator=owners[0],
        escalation_body=case.escalation_body,
        actor=board,
        reason="referred",
    )
    assert owners[2].has_perm("governance.mediate_mediationcase", case)
    assert not owners[2].has_perm("governance.mediate_mediationcase", other)


def test_confidential_notes_are_for_parties_mediator_and_auditors(case, owners, board):
    from coop.roles import Role

    services.mediation_note_add(case=case, author=owners[2], text="Both want weekends off.", actor=owners[2])
    auditor = UserFactory(roles=[Role.AUDITOR])
    assert all(may_read_notes(u, case) for u in (owners[0], owners[1], owners[2], auditor))
    assert not may_read_notes(owners[3], case)
    assert not may_read_notes(board, case)
    with pytest.raises(PermissionDenied):
        services.mediation_note_add(case=case, author=owners[3], text="gossip", actor=owners[3])


def test_failed_mediation_escalates_to_a_secret_ballot_motion(case, owners, board, secretary):
    services.mediation_escalate(case=case, question="Should the rota change?", actor=owners[2], reason="no agreement")
    case.refresh_from_db()
    assert case.status == MediationCase.Status.ESCALATED
    motion = case.motion
    assert motion.kind == Motion.Kind.MEDIATION_ESCALATION and motion.secret
    assert motion.body.kind == Body.Kind.GENERAL_CONFERENCE
    gf.open_motion(motion, board=board)
    for voter in owners:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    with pytest.raises(PermissionDenied):
        services.motion_certify(motion=motion, actor=owners[0], reason="party")
    services.motion_certify(motion=motion, actor=secretary, reason="ok")


def test_only_the_mediator_resolves_or_escalates(case, owners):
    with pytest.raises(PermissionDenied):
        services.mediation_resolve(case=case, outcome="we agree", actor=owners[0], reason="me")
    services.mediation_resolve(case=case, outcome="Alternate weekends.", actor=owners[2], reason="agreed")
    with pytest.raises(ValidationError, match="already closed"):
        services.mediation_escalate(case=case, question="?", actor=owners[2], reason="late")
