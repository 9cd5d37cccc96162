"""Hypothesis property of the capital statement: for any movements of members' capital accounts over
several years (allocations credited, redemptions debited, some entries reversed) and any shares
held, each member's statement runs without a gap from year to year, its allocations and
redemptions are exactly what the ledger posted, and its closing balance is the ledger's capital
balance plus the shares at the price paid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest
from django.db.models import Case, F, Sum, When
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finance import selectors, services
from finance.services import Line
from membership.models import Member, ShareTransaction
from tests.audit.examples import rolled_back
from tests.factories.coop import role_officer
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db

MEMBERS = 3
THIS_YEAR = timezone.localdate().year
CASH = "1000"

movement = st.tuples(
    st.integers(0, MEMBERS - 1),
    st.dates(min_value=date(THIS_YEAR - 4, 1, 1), max_value=date(THIS_YEAR - 1, 12, 31)),
    st.sampled_from(["allocation", "redemption"]),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("25000"), places=2),
    st.booleans(),  # reversed afterwards
)


@pytest.fixture
def members(cooperative) -> list[Member]:
    """Three owners holding shares, built once for all the examples: each rolls back its changes."""
    services.accounts_ensure(actor=None, reason="test setup")
    return [member_create(shares=shares) for shares in (0, 1, 3)]


def _shares_value(member: Member) -> Decimal:
    signed = Case(When(change__lt=0, then=-F("amount")), default=F("amount"))
    total = ShareTransaction.objects.filter(member=member).aggregate(total=Sum(signed))["total"]
    return Decimal(total or 0).quantize(Decimal("0.01"))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(movements=st.lists(movement, min_size=1, max_size=12))
def test_each_statement_equals_the_ledger(members, movements):
    board = role_officer()
    with rolled_back():
        accounts = services.capital_accounts_open(members=[m.user for m in members], actor=board, reason="Open")
        credited = {m.user_id: Decimal(0) for m in members}
        debited = {m.user_id: Decimal(0) for m in members}
        for index, day, kind, amount, reverse in movements:
            user_id = members[index].user_id
            capital = accounts[user_id]
            if kind == "allocation":
                lines = [Line(CASH, debit=amount), Line(capital, credit=amount)]
            else:
                lines = [Line(capital, debit=amount), Line(CASH, credit=amount)]
            entry = services.journal_entry_record(date=day, memo=kind, lines=lines, actor=board, reason="Property")
            if reverse:
                services.journal_entry_reverse(entry=entry, actor=board, reason="Reversed", on=day)
                credited[user_id] += amount
                debited[user_id] += amount
            elif kind == "allocation":
                credited[user_id] += amount
            else:
                debited[user_id] += amount
        for member in members:
            statement = selectors.capital_statement(member.user)
            if not statement:
                # no movement and no share: nothing to state, and nothing in the ledger either
                assert selectors.capital_balance(member.user) == _shares_value(member) == 0
                continue
            # the years run without a gap, up to this year, each opening at the last one's close
            assert [row.year for row in statement] == list(range(statement[0].year, THIS_YEAR + 1))
            assert statement[0].opening == 0
            for before, after in pairwise(statement):
                assert after.opening == before.closing
            # allocations and redemptions are what the ledger posted, to the cent
            assert sum(row.allocations for row in statement) == credited[member.user_id]
            assert sum(row.redemptions for row in statement) == debited[member.user_id]
            # and the closing balance is the capital account's balance plus the shares held
            assert statement[-1].closing == selectors.capital_balance(member.user) + _shares_value(member)
