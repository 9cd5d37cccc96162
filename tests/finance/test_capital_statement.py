"""A member's capital statement per year, balancing to the cent against the ledger, and their
patronage dividends shown in the portal with the cash and retained parts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from finance import selectors, services
from finance.services import Line
from tests.factories.finance import PERIOD
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db


def _allocate_and_pay(board_user):
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        reserves_percent="20",
        cash_percent="40",
        actor=board_user,
        reason="Year end",
    )
    services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")
    return services.patronage_cash_pay(allocation=allocation, on=date(2026, 4, 30), actor=board_user, reason="Paid")


def test_statement_walks_the_years_and_closes_on_the_ledger(march_books, board_user):
    worker = march_books[1]
    # Given a capital account opened in 2025 with 100.00 carried in, and shares bought this year
    capital = services.capital_accounts_open(members=[worker], actor=None, reason="Setup")[worker.pk]
    services.journal_entry_post(
        date=date(2025, 12, 31),
        memo="Capital carried in",
        lines=[Line("1000", debit="100.00"), Line(capital, credit="100.00")],
        actor=None,
        reason="Opening",
    )
    member = member_create(user=worker, shares=3)
    # And a 2026 allocation with its retained part, and a redemption of 25.00
    allocation = _allocate_and_pay(board_user)
    services.journal_entry_post(
        date=date(2026, 5, 2),
        memo="Redemption",
        lines=[Line(capital, debit="25.00"), Line("1000", credit="25.00")],
        actor=None,
        reason="Redeemed",
    )
    retained = allocation.patronage.get(member=worker).retained
    # When the statement is read
    with CaptureQueriesContext(connection) as queries:
        statement = selectors.capital_statement(worker)
    # Then it runs two grouped queries and walks 2025 to this year, each year opening on the last close
    assert len(queries) == 2
    assert [row.year for row in statement] == list(range(2025, timezone.localdate().year + 1))
    first, second = statement[0], statement[1]
    assert (first.opening, first.allocations, first.closing) == (Decimal("0.00"), Decimal("100.00"), Decimal("100.00"))
    assert second.opening == first.closing
    shares_paid = sum(t.amount for t in member.share_transactions.all())
    assert second.shares == shares_paid > 0
    assert (second.allocations, second.redemptions) == (retained, Decimal("25.00"))
    # And the closing balance is the ledger's capital account plus the shares paid, to the cent
    assert statement[-1].closing == selectors.capital_balance(worker) + shares_paid


def test_member_sees_their_dividends_split_and_paid_in_the_portal(march_books, board_user, client):
    worker = march_books[0]
    member_create(user=worker)
    allocation = _allocate_and_pay(board_user)
    dividend = allocation.patronage.get(member=worker)
    client.force_login(worker)
    page = client.get(reverse("finance_portal:overview")).content.decode()
    assert "My patronage dividends" in page and "My capital statement by year" in page
    assert str(dividend.cash) in page and str(dividend.retained) in page
    assert "paid on" in page


def test_a_member_with_no_capital_has_an_empty_statement(cooperative):
    assert selectors.capital_statement(member_create().user) == []
