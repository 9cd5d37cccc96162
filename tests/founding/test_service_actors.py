"""Founding services refuse a forbidden actor with PermissionDenied (no longer a ValidationError
on an "actor" field), so every door answers 403; nothing is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from coop.models import User
from coop.roles import Role
from founding import services
from founding.models import Application, ApplicationQuestion, Convenership
from tests.factories import founding as f
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db


def _written() -> tuple:
    return (
        *(model.objects.count() for model in (Application, ApplicationQuestion, Convenership, User)),
        *(model.history.count() for model in (Application, ApplicationQuestion, Convenership)),
        tuple(Application.objects.order_by("pk").values_list("status", flat=True)),
    )


@pytest.fixture
def people(db):
    f.setup()
    return {
        "convener": User.objects.get(email="ana@founders.coop"),
        "member": f.members(1)[0],
        "auditor": UserFactory(email="auditor@example.coop", roles=[Role.AUDITOR]),
        "stranger": UserFactory(email="stranger@example.coop"),
        "operations": UserFactory(email="ops@example.coop", roles=[Role.OPERATIONS]),
    }


@pytest.fixture
def application(people):
    return services.application_submit(email="pat@example.org", legal_name="Pat Doe", answers={})


SERVICES = {
    "application_question_create": lambda a, actor: services.application_question_create(
        text="Why?", actor=actor, reason="r"
    ),
    "application_invite": lambda a, actor: services.application_invite(
        application=a, base_url="http://t", actor=actor, reason="r"
    ),
    "application_decline": lambda a, actor: services.application_decline(application=a, actor=actor, reason="r"),
    "convenership_grant": lambda a, actor: services.convenership_grant(
        user=User.objects.get(email="stranger@example.coop"), actor=actor, reason="r"
    ),
    "founding_bylaws_motion_propose": lambda a, actor: services.founding_bylaws_motion_propose(actor=actor, reason="r"),
    "club_dues_start": lambda a, actor: services.club_dues_start(actor=actor, reason="r"),
}


@pytest.mark.parametrize("who", ["member", "auditor", "stranger", "operations"])
@pytest.mark.parametrize("name", sorted(SERVICES))
def test_only_the_board_acts_on_the_founding(people, application, name, who):
    before = _written()
    with pytest.raises(PermissionDenied, match="Only the Board"):
        SERVICES[name](application, people[who])
    assert _written() == before


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_a_convener_holding_board_powers_acts(people, application, name):
    assert SERVICES[name](application, people["convener"]) is not None


def test_only_the_invited_person_accepts_their_invitation(people, application):
    invitation, _token = services.application_invite(
        application=application, base_url="http://t", actor=people["convener"], reason="r"
    )
    pat = UserFactory(email="pat@example.org")
    before = _written()
    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=pat, actor=people["convener"], reason="r")
    assert _written() == before
    accepted = services.invitation_accept(invitation=invitation, user=pat, actor=pat, reason="Signed up")
    assert accepted.status == Application.Status.APPLICANT
