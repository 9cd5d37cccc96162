"""The Board's offices are set by the Bylaws (`governance.services.bodies.DEFAULT_OFFICES`, after
Bylaws 7.1) and filled only by certifying a General Conference election; the Board creates and
appoints only Operations offices, whose holders receive the Operations role and nothing more.
"""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from coop.models import User
from coop.roles import Role, has_role
from governance import services
from governance.models import Body, Motion, Office
from tests.audit import world as w
from tests.clients import logged_in

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, int]:
    """Return the row count of every governance table, history tables included, and the users' groups."""
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_app_config("governance").get_models()}
    counts["groups"] = User.groups.through.objects.count()
    return counts


@pytest.fixture
def world():
    return w.seed()


def test_the_board_creating_a_board_seat_in_the_admin_is_refused(world):
    board = Body.objects.get(kind=Body.Kind.BOARD)
    before = _snapshot()
    response = logged_in(world.board).post(
        "/admin/governance/office/add/",
        {
            "body": board.pk,
            "kind": Office.Kind.DIRECTOR,
            "title": "Director at large",
            "seats": 2,
            "term_months": 24,
            "role": Role.BOARD.value,
            "change_reason": "More hands",
        },
    )
    assert response.status_code == 403
    assert _snapshot() == before


def test_the_board_creating_a_board_seat_through_the_service_is_refused(world):
    before = _snapshot()
    with pytest.raises(PermissionDenied, match="set by the Bylaws"):
        services.office_create(
            body=Body.objects.get(kind=Body.Kind.BOARD),
            kind=Office.Kind.DIRECTOR,
            title="Director at large",
            role=Role.BOARD,
            actor=world.board,
            reason="More hands",
        )
    assert _snapshot() == before


def test_the_api_offers_no_way_to_create_an_office(world):
    before = _snapshot()
    response = logged_in(world.board).post(
        "/api/officers/",
        json.dumps({"office": "Director at large", "holder": world.board.pk, "reason": "More hands"}),
        content_type="application/json",
    )
    assert response.status_code in {403, 405}
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("kind", "role", "field"),
    [(Office.Kind.DIRECTOR, Role.OPERATIONS, "kind"), (Office.Kind.MANAGER, Role.BOARD, "role")],
)
def test_an_operations_seat_cannot_carry_board_powers(world, kind, role, field):
    # Given the Board creates an "Operations" office that is a Board seat in disguise
    before = _snapshot()
    with pytest.raises(ValidationError) as error:
        services.office_create(
            body=Body.objects.get(kind=Body.Kind.OPERATIONS),
            kind=kind,
            title="Strategy seat",
            role=role,
            actor=world.board,
            reason="Appointed oversight",
        )
    # Then it is refused, naming the field, and nothing is written
    assert field in error.value.message_dict
    assert _snapshot() == before


def test_the_board_still_creates_a_manager_seat_and_appoints_to_it(world):
    office = services.office_create(
        body=Body.objects.get(kind=Body.Kind.OPERATIONS),
        kind=Office.Kind.MANAGER,
        title="Site manager",
        role=Role.OPERATIONS,
        actor=world.board,
        reason="A second site",
    )
    term = services.office_appoint(office=office, holder=world.member, actor=world.board, reason="Runs the site")
    assert term.office == office
    assert has_role(User.objects.get(pk=world.member.pk), Role.OPERATIONS)
    assert not has_role(User.objects.get(pk=world.member.pk), Role.BOARD)


def test_operations_cannot_create_offices_nor_a_second_ceo_be_created(world):
    operations = Body.objects.get(kind=Body.Kind.OPERATIONS)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.office_create(
            body=operations,
            kind=Office.Kind.MANAGER,
            title="Deputy",
            role=Role.OPERATIONS,
            actor=world.operations,
            reason="My deputy",
        )
    with pytest.raises(ValidationError) as error:
        services.office_create(
            body=operations,
            kind=Office.Kind.CEO,
            title="Co-CEO",
            role=Role.OPERATIONS,
            actor=world.board,
            reason="Two CEOs",
        )
    assert "kind" in error.value.message_dict
    assert _snapshot() == before


def test_a_board_term_is_installed_only_by_certifying_an_election(world):
    # Given a Director's seat and an owner, and the demo's certified election of the Secretary
    director = Office.objects.get(kind=Office.Kind.DIRECTOR)
    other_election = Motion.objects.filter(kind=Motion.Kind.ELECTION, status=Motion.Status.CERTIFIED).first()
    before = _snapshot()
    # When the Board installs the owner directly, from the shell or a task, or names another election
    for motion in (None, other_election):
        with pytest.raises(PermissionDenied, match="only by certifying a General Conference election"):
            services.office_term_install(
                office=director, holder=world.member, actor=world.board, reason="Seat", motion=motion
            )
    # Then nothing is written and the owner has no Board powers
    assert _snapshot() == before
    assert not has_role(User.objects.get(pk=world.member.pk), Role.BOARD)
