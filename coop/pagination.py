"""Paging large lists, in the admin and the API, without counting a whole large table per page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination


class EstimatedCountPaginator(Paginator):
    """A paginator that does not count a whole large table on every page.

    On PostgreSQL, for a list with no filter or search, it takes the row count the planner
    keeps (`pg_class.reltuples`, refreshed by autovacuum's ANALYZE) when that is at least
    `ESTIMATE_FROM` rows: one catalogue lookup instead of a COUNT(*) over a million ledger rows.
    The total and the last page number are then approximate; a filtered or searched list, a
    smaller table and SQLite are counted exactly.
    """

    ESTIMATE_FROM = 100_000

    @cached_property
    def count(self) -> int:
        estimate = _planner_row_estimate(self.object_list)
        if estimate is not None and estimate >= self.ESTIMATE_FROM:
            return estimate
        return super().count


def _planner_row_estimate(queryset) -> int | None:
    connection = connections[queryset.db]
    query = queryset.query
    if connection.vendor != "postgresql" or query.where or query.distinct or query.group_by or query.combinator:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    return row[0] if row and row[0] >= 0 else None  # -1: never analysed


class EstimatedCountPagination(PageNumberPagination):
    """The API's page-number pagination; `count` is the planner's estimate on a large unfiltered list."""

    django_paginator_class = EstimatedCountPaginator
