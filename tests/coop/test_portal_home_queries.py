"""The portal home reads each thing once: a fixed, small number of queries for a member and for an
officer, whatever they hold."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Office
from labor_contracts import services as labor_services
from tests.factories import governance as gf
from tests.factories import labor_contracts as lf
from tests.factories.portal import REASON, history_build, payslips_post, world_create

pytestmark = pytest.mark.django_db

# Counted by the test client, so they include the session and the account (read with its roles);
# the home reads outside a transaction, so no savepoints. An officer's desk reads each of its
# items in one count (the annual General Conference due, the departed members' capital still
# owed, ...): a new desk item adds one query, whatever the rows.
MEMBER_QUERIES = 12
OFFICER_QUERIES = 25


@pytest.fixture
def world(cooperative, board_user, operations_user):
    return world_create(cooperative, board=board_user, operations=operations_user)


def _home_queries(user) -> tuple[str, list[str]]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def _second_contract_hours(world, user, days: int) -> None:
    """Assign `user` to another active contract and log `days` more draft entries on it."""
    contract = lf.contract_active(world.operations, world.board)
    lf.assign(contract, user, world.operations)
    for n in range(days):
        labor_services.timesheet_log(
            owner=user,
            contract=contract,
            day=timezone.localdate() - timedelta(days=n),
            hours=Decimal("2"),
            actor=user,
            reason=REASON,
        )


def test_home_of_a_member_runs_a_fixed_small_number_of_queries(world):
    # Given a newcomer with one of everything, and a member who holds more of everything:
    # shares, ballots, reviews, timesheets on two contracts, tasks, dues and payslips
    newcomer, veteran = gf.owner(shares=1), gf.owner(shares=7)
    history_build(world, newcomer, 1)
    history_build(world, veteran, 6)
    _second_contract_hours(world, veteran, 5)
    payslips_post(world, [newcomer, veteran], 3)
    _home_queries(newcomer)  # warm the per-process caches (content types, templates)
    # When each opens the home page
    newcomer_page, newcomer_queries = _home_queries(newcomer)
    veteran_page, veteran_queries = _home_queries(veteran)
    # Then each thing is read once, in the same number of queries for both
    assert len(newcomer_queries) <= MEMBER_QUERIES, "\n".join(newcomer_queries)
    assert len(veteran_queries) == len(newcomer_queries), "\n".join(veteran_queries)
    # And the page still shows what each holds
    assert "7 shares, worth" in veteran_page and "1 share, worth" in newcomer_page
    assert "All 11 entries to submit" in veteran_page


def test_home_reads_the_cooperative_the_member_and_the_voting_mode_once(world):
    # Given an owner with a history
    user = gf.owner(shares=3)
    history_build(world, user, 2)
    _home_queries(user)
    # When they open the home page
    _page, queries = _home_queries(user)

    # Then the cooperative, the member and the timesheets are each read once; the figures of every
    # app (hours, entries waiting, capital, unread notices, the policy numbers) come in one query
    # of subqueries, and the account comes with its roles
    def reads(table: str) -> int:
        # A table read as the query's own, not as a subquery (Django names a subquery's tables U0, U1...)
        return sum(1 for sql in queries if sql.startswith("SELECT") and re.search(f'FROM "{table}"(?! U\\d)', sql))

    assert reads("coop_cooperative") == 1
    assert reads("membership_member") == 1
    assert reads("coop_policynumber") == 0 and reads("coop_notice") == 0
    assert reads("auth_group") == 0 and reads("coop_user") == 2  # the account, then the figures
    assert reads("labor_contracts_timesheetentry") == 1  # the entries to list
    assert reads("projects_timeentry") == 0 and reads("finance_journalline") == 0
    assert reads("coop_governingdocument") == 1
    assert reads("coop_documentversion") == 0  # each document's version in force is a subquery


def test_home_of_an_officer_runs_a_fixed_number_of_queries(world):
    # Given a Secretary, and the President, an owner with a history
    gf.officer(Office.Kind.SECRETARY)  # the President certifies only what the Secretary may not
    president = gf.officer(Office.Kind.PRESIDENT)
    history_build(world, president, 1)
    _home_queries(president)
    _page, quiet = _home_queries(president)
    # When more decisions wait for the Board (votes to close, results to certify)
    for n in range(3):
        gf.motion(proposer=world.board, title=f"Draft {n}")
        history_build(world, gf.owner(), 1)
    # Then the President's home runs the same number of queries, no more than before
    page, busy = _home_queries(president)
    assert len(busy) == len(quiet) <= OFFICER_QUERIES, "\n".join(busy)
    assert "Decisions for your office" in page
