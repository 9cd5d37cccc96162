"""The register's and the ledger's changelists take PostgreSQL's row estimate instead of counting
a large unfiltered table on every page; anything filtered, small or on SQLite is counted exactly."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from coop.pagination import EstimatedCountPaginator
from membership.models import Member
from tests.factories.membership import members_create

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_class.reltuples is PostgreSQL's planner estimate"
)


def _analyse_members() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE membership_member")


@pytest.mark.django_db
def test_a_table_below_the_threshold_is_counted_exactly():
    # given three members
    members_create(3)
    # when a changelist paginator counts them
    # then the count is exact
    assert EstimatedCountPaginator(Member.objects.all(), 100).count == 3


@postgresql_only
@pytest.mark.django_db
def test_a_large_unfiltered_table_takes_the_planner_estimate(monkeypatch):
    # given a register the planner has analysed, and a threshold it is above
    members_create(3)
    _analyse_members()
    monkeypatch.setattr(EstimatedCountPaginator, "ESTIMATE_FROM", 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = 'membership_member'::regclass")
        estimate = cursor.fetchone()[0]
    # when the paginator counts the whole register, then a filtered part of it
    unfiltered = EstimatedCountPaginator(Member.objects.all(), 100).count
    filtered = EstimatedCountPaginator(Member.objects.filter(status=Member.Status.OWNER), 100).count
    # then the whole register is the estimate, the filtered part an exact count
    assert unfiltered == estimate
    assert filtered == Member.objects.filter(status=Member.Status.OWNER).count()


@pytest.mark.django_db
def test_the_register_and_ledger_changelists_page_with_it(board_client, monkeypatch):
    # given members with shares, and every table counted as large
    members_create(3, shares=2)
    monkeypatch.setattr(EstimatedCountPaginator, "ESTIMATE_FROM", 1)
    # when the Board opens the register and the ledger
    for name in ("member", "sharetransaction"):
        response = board_client.get(reverse(f"admin:membership_{name}_changelist"))
        # then each answers with its rows, paged by the estimating paginator
        assert response.status_code == 200
        assert isinstance(response.context["cl"].paginator, EstimatedCountPaginator)
        assert len(response.context["cl"].result_list) >= 3


@postgresql_only
@pytest.mark.django_db
def test_the_api_lists_page_with_it_too(board_client, monkeypatch):
    # given a register analysed before two more members joined, every table counted as large
    members_create(3, shares=2)
    _analyse_members()
    members_create(2, shares=1)
    monkeypatch.setattr(EstimatedCountPaginator, "ESTIMATE_FROM", 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = 'membership_member'::regclass")
        estimate = cursor.fetchone()[0]
    assert estimate != Member.objects.count()
    # when the Board lists the members through the API, whole and filtered
    whole = board_client.get(reverse("member-list")).json()
    filtered = board_client.get(reverse("member-list"), {"status": Member.Status.OWNER}).json()
    # then the whole list's count is the estimate and the filtered one is exact
    assert whole["count"] == estimate
    assert filtered["count"] == Member.objects.filter(status=Member.Status.OWNER).count()
