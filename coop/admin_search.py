"""Admin search that each table's own indexes can answer, for registers too large to scan."""

from __future__ import annotations

from collections import defaultdict
from functools import reduce
from operator import or_

from django.contrib.admin.utils import get_fields_from_path
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal


def search_terms(search_term: str) -> list[str]:
    """Split a search box's text as the admin does: words, or phrases kept whole in quotes."""
    terms = []
    for bit in smart_split(search_term):
        if bit[:1] in ('"', "'") and bit[-1:] == bit[:1] and len(bit) > 1:
            bit = unescape_string_literal(bit)
        if bit:
            terms.append(bit)
    return terms


def _fields_by_table(model, search_fields) -> dict[str, list[str]]:
    """Group `legal_name`, `user__email`, `user__last_name` as {"": [legal_name], "user": [email, last_name]}."""
    groups: dict[str, list[str]] = defaultdict(list)
    for field in search_fields:
        path, _sep, name = field.rpartition("__")
        groups[path].append(name)
    for path in groups:
        if path:
            get_fields_from_path(model, path)  # a misspelt path fails here, loudly, not as an empty result
    return groups


def _matching_pks(model, groups: dict[str, list[str]], term: str):
    """The primary keys of `model` rows with `term` in any search field: one query per table, united."""
    parts = []
    for path, names in groups.items():
        target = model if not path else get_fields_from_path(model, path)[-1].related_model
        contains = reduce(or_, (Q(**{f"{name}__icontains": term}) for name in names))
        rows = target._default_manager.filter(contains).order_by().values("pk")
        if path:
            rows = model._default_manager.filter(**{f"{path}__in": rows}).order_by().values("pk")
        parts.append(rows)
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


class TableSearchMixin:
    """An admin whose search asks each table for its own matches, then keeps the rows among them.

    Django's admin search ORs `UPPER(column) LIKE '%term%'` across the list's joined tables; no
    index can answer an OR that spans two tables, so PostgreSQL scans the whole register. Asked
    table by table, each question is answered by that table's trigram index (see the migrations
    that add them) and the union of the answers is a handful of keys. The meaning is the admin's:
    every word must match, each in any one of the search fields. Prefixes such as `^` or `=` are
    not supported here; an admin that needs them keeps Django's search.
    """

    def get_search_results(self, request, queryset, search_term):
        search_fields = self.get_search_fields(request)
        terms = search_terms(search_term)
        if not search_fields or not terms:
            return queryset, False
        groups = _fields_by_table(queryset.model, search_fields)
        for term in terms:
            queryset = queryset.filter(pk__in=_matching_pks(queryset.model, groups, term))
        return queryset, False
