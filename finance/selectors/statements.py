"""The yearly statements the accountant signs: the balance sheet at the year's end, the income
statement of the year, and the movement of the members' equity, all from one trial balance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import Account
from .exports import TrialBalanceRow, trial_balance
from .ledger import ZERO

T = Account.Type


@dataclass(frozen=True)
class StatementLine:
    """One line of a statement: an account (or the members' capital accounts together) and its
    figures in the account's normal direction."""

    label: str
    opening: Decimal
    closing: Decimal

    @property
    def movement(self) -> Decimal:
        return self.closing - self.opening


@dataclass(frozen=True)
class YearlyStatements:
    year: int
    assets: list[StatementLine] = field(default_factory=list)
    liabilities: list[StatementLine] = field(default_factory=list)
    equity: list[StatementLine] = field(default_factory=list)
    income: list[StatementLine] = field(default_factory=list)
    expenses: list[StatementLine] = field(default_factory=list)

    @staticmethod
    def total(lines: list[StatementLine]) -> Decimal:
        return sum((line.closing for line in lines), start=ZERO)

    @property
    def total_income(self) -> Decimal:
        return sum((line.movement for line in self.income), start=ZERO)

    @property
    def total_expenses(self) -> Decimal:
        return sum((line.movement for line in self.expenses), start=ZERO)

    @property
    def surplus(self) -> Decimal:
        """The year's surplus: income less expenses of the year."""
        return self.total_income - self.total_expenses

    @property
    def total_assets(self) -> Decimal:
        return self.total(self.assets)

    @property
    def total_liabilities_and_equity(self) -> Decimal:
        return self.total(self.liabilities) + self.total(self.equity)

    @property
    def balances(self) -> bool:
        return self.total_assets == self.total_liabilities_and_equity


def _normal(row: TrialBalanceRow, value: Decimal) -> Decimal:
    """A signed (debit minus credit) figure in the account's normal direction."""
    return value if row.account.debit_normal else -value


def yearly_statements(year: int) -> YearlyStatements:
    """The statements of calendar `year`, summed in the database in one query. Income and expenses
    not yet closed into equity stand in the balance sheet as one line of undistributed results, so
    that it balances before and after the surplus is allocated."""
    rows = trial_balance(period_start=date(year, 1, 1), period_end=date(year, 12, 31))
    statements = YearlyStatements(year=year)
    members_opening = members_closing = results_opening = results_closing = ZERO
    for row in rows:
        opening, closing = _normal(row, row.opening), _normal(row, row.closing)
        account = row.account
        if account.member_id is not None:
            members_opening += opening
            members_closing += closing
            continue
        line = StatementLine(f"{account.code} {account.name}", opening, closing)
        if account.type == T.ASSET:
            statements.assets.append(line)
        elif account.type == T.LIABILITY:
            statements.liabilities.append(line)
        elif account.type == T.EQUITY:
            statements.equity.append(line)
        else:
            sign = 1 if account.type == T.INCOME else -1
            results_opening += sign * opening
            results_closing += sign * closing
            # The income statement shows the year alone: each line opens at nothing.
            (statements.income if account.type == T.INCOME else statements.expenses).append(
                StatementLine(line.label, ZERO, line.movement)
            )
    if members_opening or members_closing:
        statements.equity.append(StatementLine(_("Members' capital accounts"), members_opening, members_closing))
    if results_opening or results_closing:
        statements.equity.append(
            StatementLine(_("Results not yet closed (income less expenses)"), results_opening, results_closing)
        )
    return statements
