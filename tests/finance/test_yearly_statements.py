"""The yearly statements: a balance sheet that balances before and after the surplus is allocated,
an income statement of the year alone, and the members' equity from opening to closing."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from finance import selectors, services
from finance.services import Line
from tests.factories.finance import PERIOD, entry

pytestmark = pytest.mark.django_db


def _line(lines, code: str):
    return next(line for line in lines if line.label.startswith(code))


def test_the_income_statement_holds_the_year_alone_and_the_sheet_balances(march_books):
    # Given 400 of revenue the year before, and March's 1000 of revenue and 250 of payroll
    entry([Line("1000", debit="400.00"), Line("4100", credit="400.00")], memo="Earlier work", day=date(2025, 6, 1))
    statements = selectors.yearly_statements(2026)
    assert (statements.total_income, statements.total_expenses) == (Decimal("1000.00"), Decimal("250.00"))
    assert statements.surplus == Decimal("750.00")
    # The balance sheet balances, with last year's results in equity at their opening
    assert statements.balances
    results = statements.equity[-1]
    assert (results.opening, results.closing) == (Decimal("400.00"), Decimal("1150.00"))
    assert selectors.yearly_statements(2025).surplus == Decimal("400.00")


def test_after_the_allocation_members_equity_shows_the_retained_parts(march_books, board_user):
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")
    statements = selectors.yearly_statements(2026)
    assert statements.balances
    members = next(line for line in statements.equity if line.label == "Members' capital accounts")
    assert members.movement == sum(d.retained for d in allocation.patronage.all())
    assert _line(statements.equity, "3200").closing == Decimal("150.00")
    assert _line(statements.liabilities, "2300").closing == sum(d.cash for d in allocation.patronage.all())


def test_board_and_auditor_read_them_in_the_admin(march_books, role_clients):
    for role in ("Board", "Auditor"):
        response = role_clients[role].get(reverse("admin:finance_statements"), {"year": "2026"})
        assert response.status_code == 200
        assert "Balance sheet at 31 December 2026" in response.content.decode()
    assert role_clients["Member"].get(reverse("admin:finance_statements")).status_code in {302, 403}
    # A year that is not a number shows this year rather than failing
    assert role_clients["Board"].get(reverse("admin:finance_statements"), {"year": "soon"}).status_code == 200
