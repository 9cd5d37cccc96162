"""Oversight and operations stay apart: no one holds a Board office and an Operations office at
once, and no one appoints themselves (Bylaws 7.2 and 8.1), whichever door is used.

The demo cooperative: the President, Secretary, Treasurer and a Director were elected, the CEO
was appointed by the Board.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from coop.models import User
from governance import services
from governance.models import Body, Motion, Office, OfficeTerm
from tests.audit import world as w

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, int]:
    """Return the row count of every governance table, history tables included, and the users' groups."""
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_app_config("governance").get_models()}
    counts["groups"] = User.groups.through.objects.count()
    return counts


@pytest.fixture
def world():
    return w.seed()


@pytest.fixture
def manager_office():
    return Office.objects.get(kind=Office.Kind.MANAGER)


def test_president_appointing_themselves_to_operations_in_the_admin_is_refused(world, manager_office):
    client = Client()
    client.force_login(world.board)
    before = _snapshot()
    response = client.post(
        "/admin/governance/officeterm/add/",
        {"office": manager_office.pk, "holder": world.board.pk, "change_reason": "I will run operations too"},
    )
    assert response.status_code == 403
    assert _snapshot() == before


def test_president_appointing_themselves_through_the_service_is_refused(world, manager_office):
    before = _snapshot()
    with pytest.raises(PermissionDenied, match="appoints themselves"):
        services.office_appoint(office=manager_office, holder=world.board, actor=world.board, reason="Me")
    assert _snapshot() == before


@pytest.mark.parametrize("officer", ["board", "secretary", "treasurer"])
def test_appointing_a_board_officer_to_an_operations_office_is_refused(world, manager_office, officer):
    # Given another Board member appoints a sitting Board officer as a manager
    holder = getattr(world, officer)
    actor = world.treasurer if holder != world.treasurer else world.secretary
    before = _snapshot()
    with pytest.raises(ValidationError) as error:
        services.office_appoint(office=manager_office, holder=holder, actor=actor, reason="Two hats")
    # Then it is refused, naming the holder and the office they hold, and nothing is written
    assert "Board office and an Operations office" in str(error.value.message_dict["holder"])
    assert _snapshot() == before


def test_appointing_an_operations_officer_to_a_board_office_is_refused(world):
    before = _snapshot()
    for kind in (Office.Kind.DIRECTOR, Office.Kind.PRESIDENT):
        with pytest.raises(ValidationError) as error:
            services.office_appoint(
                office=Office.objects.get(kind=kind), holder=world.operations, actor=world.board, reason="Oversight"
            )
        assert "office" in error.value.message_dict
    assert _snapshot() == before


def _board_election(world, office_kind=Office.Kind.DIRECTOR) -> Motion:
    return services.motion_propose(
        body=Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE),
        kind=Motion.Kind.ELECTION,
        method=Motion.Method.PLURALITY,
        title="Election of a Director",
        office=Office.objects.get(kind=office_kind),
        seats=1,
        proposer=world.member,
        actor=world.member,
        reason="Spring election",
    )


def test_an_operations_officer_cannot_stand_for_a_board_office(world):
    # Given the CEO, in office, is nominated to the Board
    election = _board_election(world)
    before = _snapshot()
    with pytest.raises(ValidationError) as error:
        services.nomination_submit(motion=election, candidate=world.operations, actor=world.member, reason="Run")
    # Then the nomination is refused: the Bylaws allow one office at a time, and only the Board
    # ends an appointment, so the CEO leaves that office before standing
    assert "Operations office at once" in str(error.value.message_dict["candidate"])
    assert _snapshot() == before


def test_a_candidate_to_the_board_is_not_appointed_to_operations_before_the_count(world, manager_office):
    # Given the demo member stands in an undecided Board election
    election = _board_election(world)
    services.nomination_submit(motion=election, candidate=world.member, actor=world.member, reason="Run")
    before = _snapshot()
    # When the Board appoints them a manager meanwhile, which certification would turn into two offices
    with pytest.raises(ValidationError) as error:
        services.office_appoint(office=manager_office, holder=world.member, actor=world.board, reason="Meanwhile")
    # Then it is refused and nothing is written
    assert "election to the Board" in str(error.value.message_dict["holder"])
    assert _snapshot() == before
    assert not OfficeTerm.objects.filter(holder=world.member).exists()


def test_certification_refuses_to_seat_a_winner_who_holds_an_operations_office(world, manager_office):
    # Given the demo member wins a Board election
    election = _board_election(world)
    choice = services.nomination_submit(motion=election, candidate=world.member, actor=world.member, reason="Run")
    services.motion_open(
        motion=election, actor=world.board, reason="Vote", closes_at=timezone.now() + timedelta(days=1)
    )
    for entry in election.roll.select_related("voter"):
        services.ballot_cast(motion=election, cast_by=entry.voter, marks=[choice.pk])
    services.motion_close(motion=election, actor=world.board, reason="Count")
    # And holds a manager's office, a term written before this rule (no door writes one now)
    OfficeTerm.objects.create(
        office=manager_office,
        holder=world.member,
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=300),
    )
    before = _snapshot()
    # When the Secretary certifies, then it is refused naming the office held, and nothing changes
    with pytest.raises(ValidationError) as error:
        services.motion_certify(motion=election, actor=world.secretary, reason="Certify")
    assert "holds the office of Manager" in str(error.value.message_dict["holder"])
    assert _snapshot() == before
    assert not OfficeTerm.objects.filter(holder=world.member, office__body__kind=Body.Kind.BOARD).exists()
