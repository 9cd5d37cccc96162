"""A record's admin history page runs the same number of queries however many versions it has,
and still shows the Auditor what changed in every version."""

from __future__ import annotations

import pytest
from django.contrib.admin import site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from coop import services as coop_services
from coop.admin import UserAdmin
from coop.admin_mixins import HistoryAdmin
from coop.roles import Role
from governance import services as governance_services
from governance.models import Body
from membership import services
from membership.admin import MemberAdmin
from tests.factories import governance as gf
from tests.factories.coop import UserFactory, role_officer
from tests.factories.membership import member_create


def _member_with_versions(count: int, actors) -> int:
    member = member_create()
    for n in range(count - member.history.count()):
        member = services.member_update(
            member=member, actor=actors[n % len(actors)], reason="Corrected phone", phone=f"+1 555 {n:04d}"
        )
    assert member.history.count() == count
    return member.pk


def _history_queries(client, member_id: int) -> int:
    url = reverse("admin:membership_member_history", args=[member_id])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len([q for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]])


@pytest.mark.django_db
def test_history_page_runs_as_many_queries_for_50_versions_as_for_5(auditor_client, board_user):
    # given two members, one with 5 versions and one with 50, changed by different Board officers
    few = _member_with_versions(5, [board_user, role_officer()])
    many = _member_with_versions(50, [board_user, role_officer()])
    _history_queries(auditor_client, few)  # warms the per-process caches a first request fills
    # when the Auditor opens each history page
    # then both pages run the same number of queries
    assert _history_queries(auditor_client, many) == _history_queries(auditor_client, few)


@pytest.mark.django_db
def test_every_version_on_a_page_shows_its_field_changes(auditor_client, board_user, monkeypatch):
    # given a member with more versions than one history page holds
    monkeypatch.setattr(MemberAdmin, "history_list_per_page", 4)
    member_id = _member_with_versions(10, [board_user])
    # when the Auditor opens the first page
    response = auditor_client.get(reverse("admin:membership_member_history", args=[member_id]))
    # then every row, the page's oldest included, lists the fields it changed, old and new
    rows = list(response.context["page_obj"])
    assert len(rows) == 4
    assert [[str(change["field"]) for change in row.history_delta_changes] for row in rows] == [["Phone"]] * 4
    assert "+1 555 0006" in response.content.decode()
    # and the row's user is named
    assert board_user.email in response.content.decode()


@pytest.mark.django_db
def test_a_field_kept_out_of_forms_is_shown_when_it_changes(auditor_client, board_user):
    # given an owner who buys two shares: "shares held" is set only by the ledger, never in a form
    member = member_create()
    services.share_purchase(member=member, quantity=2, actor=board_user, reason="Bought two shares")
    # when the Auditor opens the owner's history
    response = auditor_client.get(reverse("admin:membership_member_history", args=[member.pk]))
    # then the purchase's version shows the shares held going from 0 to 2
    newest = response.context["page_obj"][0]
    assert [(str(c["field"]), str(c["old"]), str(c["new"])) for c in newest.history_delta_changes] == [
        ("Shares held", "0", "2")
    ]


def _user_with_group_changes(count: int, actor):
    user = UserFactory(roles=[Role.MEMBER])
    for n in range(count):
        change = coop_services.role_revoke if n % 2 else coop_services.role_grant
        change(user=user, role=Role.OPERATIONS, actor=actor, reason="Changed duties")
    return user


def _user_history_queries(client, user) -> int:
    url = reverse("admin:coop_user_history", args=[user.pk])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len([q for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]])


@pytest.mark.django_db
def test_many_to_many_history_page_runs_as_many_queries_for_50_group_changes_as_for_5(auditor_client, board_user):
    # given two accounts, one whose roles changed 5 times and one whose roles changed 50 times
    few = _user_with_group_changes(5, board_user)
    many = _user_with_group_changes(50, board_user)
    _user_history_queries(auditor_client, few)  # warms the per-process caches a first request fills
    # when the Auditor opens each history page
    # then both pages run the same number of queries
    assert _user_history_queries(auditor_client, many) == _user_history_queries(auditor_client, few)


@pytest.mark.django_db
def test_history_page_shows_each_group_change(auditor_client, board_user, monkeypatch):
    # given an account granted, then refused, then granted again the Operations role, its
    # history longer than a page
    monkeypatch.setattr(UserAdmin, "history_list_per_page", 3)
    user = _user_with_group_changes(3, board_user)
    # when the Auditor opens its history page
    response = auditor_client.get(reverse("admin:coop_user_history", args=[user.pk]))
    # then each of those versions, the page's oldest included, shows its groups before and after
    changes = [row.history_delta_changes for row in response.context["page_obj"]]
    assert [[str(change["field"]) for change in row] for row in changes] == [["Groups"]] * 3
    assert ["Operations" in row[0]["new"] for row in changes] == [True, False, True]
    assert ["Operations" in row[0]["old"] for row in changes] == [False, True, False]


def _changes_shown(admin_class, model_admin, request, records, foreign_keys_are_objs) -> list:
    admin_class.set_history_delta_changes(model_admin, request, records, foreign_keys_are_objs=foreign_keys_are_objs)
    return [getattr(record, "history_delta_changes", None) for record in records]


def _mediation_case_resolved():
    gf.bodies()
    board, mediator, *parties = (gf.owner() for _n in range(4))
    coop_services.role_grant(user=board, role=Role.BOARD, actor=None, reason="test setup")
    case = governance_services.mediation_open(
        title="Shift dispute",
        parties=parties,
        mediator=mediator,
        escalation_body=Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE),
        actor=board,
        reason="referred",
    )
    return governance_services.mediation_resolve(case=case, outcome="Shifts swapped", actor=mediator, reason="agreed")


@pytest.mark.django_db
@pytest.mark.parametrize("foreign_keys_are_objs", [True, False])
@pytest.mark.parametrize("make", ["account", "mediation case"])
def test_many_to_many_changes_are_shown_as_simple_history_shows_them(rf, board_user, make, foreign_keys_are_objs):
    # given an account whose groups changed, or a mediation case whose parties were set, then resolved
    record = _user_with_group_changes(4, board_user) if make == "account" else _mediation_case_resolved()
    model_admin = site._registry[type(record)]
    request = rf.get("/")
    # when its versions are diffed here and by simple-history itself
    ours = _changes_shown(HistoryAdmin, model_admin, request, list(record.history.all()), foreign_keys_are_objs)
    theirs = _changes_shown(SimpleHistoryAdmin, model_admin, request, list(record.history.all()), foreign_keys_are_objs)
    # then every version shows the same changes, the many-to-many ones included
    assert ours == theirs
    assert any(str(change["field"]) in {"Groups", "Parties"} for row in ours if row for change in row)
