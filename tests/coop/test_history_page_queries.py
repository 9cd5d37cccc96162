"""A record's admin history page runs the same number of queries however many versions it has,
and still shows the Auditor what changed in every version."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from membership import services
from membership.admin import MemberAdmin
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
def test_history_page_runs_as_many_queries_for_50_versions_as_for_5(auditor_client, board_user, operations_user):
    # given two members, one with 5 versions and one with 50, changed by different officers
    few = _member_with_versions(5, [board_user, operations_user])
    many = _member_with_versions(50, [board_user, operations_user])
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
