"""The portal home: what needs the member first, each item from its own app, in constant queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.dashboard import dashboard_for
from governance import services as governance_services
from labor_contracts import services as labor_services
from tests.factories import governance as gf
from tests.factories.portal import REASON, history_build, payslips_post, world_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cooperative, board_user, operations_user):
    return world_create(cooperative, board=board_user, operations=operations_user)


def _home(user) -> tuple[str, int]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_home_lists_what_needs_the_member_from_every_app(world):
    # Given an owner with one of everything
    user = gf.owner(shares=3)
    history_build(world, user, 1)
    payslips_post(world, [user], 1)
    # When they open the home page
    board = dashboard_for(user)
    page, _queries = _home(user)
    # Then each kind of item is there, linking to where it is done
    assert [m.title for m in board.ballots] == [f"Motion awaiting {user.pk}-0"]
    assert reverse("governance:motion", args=[board.ballots[0].pk]) in page
    assert board.reviews[0].to_review == 1
    assert reverse("finance_portal:review_write", args=[board.reviews[0].pk]) in page
    assert len(board.timesheets) == 1 and reverse("labor_contracts_portal:timesheets") in page
    assert board.dues_owed > 0 and reverse("membership_portal:dues") in page
    assert [t.name for t in board.tasks] == [f"Task {user.pk}-0"]
    assert reverse("projects:detail", args=[world.project.pk]) in page
    assert board.payslip is not None and reverse("finance_portal:payslip", args=[board.payslip.pk]) in page
    assert board.capital.shares == 3
    assert board.voting_weight.explanation in page
    assert board.hours.projects == 1.5 and board.hours.contracts == 3


def test_ballot_leaves_the_home_once_cast(world):
    # Given an owner with a ballot to cast
    user = gf.owner()
    motion = gf.open_motion(gf.motion(proposer=world.board, title="Adopt the budget"), board=world.board)
    assert [m.pk for m in dashboard_for(user).ballots] == [motion.pk]
    # When they cast it
    governance_services.ballot_cast(motion=motion, cast_by=user, marks=gf.yes(motion))
    # Then it no longer needs them
    assert dashboard_for(user).ballots == []


def test_submitted_timesheet_no_longer_needs_the_owner(world):
    # Given an owner with a draft timesheet entry
    user = gf.owner()
    history_build(world, user, 1)
    entry = dashboard_for(user).timesheets[0]
    # When they submit it
    labor_services.timesheet_submit(entry=entry, actor=user, reason=REASON)
    # Then the home no longer asks for it
    assert dashboard_for(user).timesheets == []


def test_someone_who_is_not_a_member_sees_an_empty_home(member_client):
    # Given a person with no membership and no history; when they open the home
    response = member_client.get(reverse("portal:home"))
    # Then it says nothing needs them, and no voting weight
    assert response.status_code == 200
    assert "Nothing needs you right now." in response.content.decode()
    assert "no voting weight" in response.content.decode()


def test_home_runs_the_same_queries_whatever_the_history(world):
    # Given one owner with a short history and one with a long one
    newcomer, veteran = gf.owner(), gf.owner(shares=5)
    history_build(world, newcomer, 1)
    history_build(world, veteran, 6)
    payslips_post(world, [newcomer, veteran], 3)
    # When each opens the home page (once first, so per-process caches such as content types are warm)
    _home(newcomer)
    newcomer_page, newcomer_queries = _home(newcomer)
    veteran_page, veteran_queries = _home(veteran)
    # Then the query count is the same
    assert f"Motion awaiting {veteran.pk}-5" in veteran_page
    assert f"Motion awaiting {newcomer.pk}-0" in newcomer_page
    assert veteran_queries == newcomer_queries, (veteran_queries, newcomer_queries)


def test_startup_sequence_and_policy_numbers_have_their_own_page(member_client):
    response = member_client.get(reverse("portal:cooperative"))
    assert response.status_code == 200
    assert "Where the cooperative stands" in response.content.decode()
    assert "The rules in force" in response.content.decode()
