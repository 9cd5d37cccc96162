"""The reports: figures summed in the database by the selectors, laid out as SVG charts."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import selectors
from .charts import bar_chart


def _month(day) -> str:
    """A month as the reader names it ("Jan 2026", "Ene 2026"): a chart label is read, not parsed."""
    return date_format(day, "M Y")


def board_reports() -> dict:
    """Income and expenses, the balance by account type, the capitalization fund over time,
    payroll by band and each member's capital account."""
    months = selectors.income_expense_by_month()
    fund = selectors.account_over_time("3100")
    bands = list(selectors.payroll_by_band())
    accounts = list(selectors.accounts_with_balances().filter(member__isnull=True))
    capital = list(selectors.capital_accounts())
    totals = selectors.totals_by_type()
    return {
        "income_expense": bar_chart(
            _("Income and expenses by month"),
            [_month(m["month"]) for m in months],
            {_("Income"): [m["income"] for m in months], _("Expenses"): [m["expense"] for m in months]},
        ),
        "fund": bar_chart(
            _("Capitalization fund over time"),
            [_month(m["month"]) for m in fund],
            {_("Balance"): [m["balance"] for m in fund]},
        ),
        "bands": bar_chart(
            _("Payroll by pay band"),
            [b["band__role"] or _("No band") for b in bands],
            {_("Gross pay"): [b["total"] for b in bands]},
        ),
        "capital": bar_chart(
            _("Members' capital accounts"),
            [a.member.get_full_name() or a.member.email for a in capital],
            {_("Balance"): [selectors.balance_of(a) for a in capital]},
        ),
        "balance": [(a, selectors.balance_of(a)) for a in accounts],
        "capital_rows": [(a, selectors.balance_of(a)) for a in capital],
        "band_rows": bands,
        "totals": totals,
    }


def my_reports(user) -> dict:
    """A member's own pay, reviews and capital."""
    payslips = list(selectors.my_payslips(user))
    capital = selectors.capital_lines(user)
    return {
        "payslips": payslips,
        "pay_chart": bar_chart(
            _("My pay by period"),
            [_month(p.run.period_end) for p in payslips][::-1],
            {_("Gross pay"): [p.amount for p in payslips][::-1]},
        ),
        "feedback": list(selectors.feedback_for(user)),
        "means": list(selectors.mean_scores_for(user)),
        "capital_balance": selectors.capital_balance(user),
        "capital_statement": selectors.capital_statement(user)[::-1],
        "dividends": list(selectors.my_dividends(user)),
        "capital_lines": list(capital[:50]),
        "rate": selectors.member_rates().filter(member=user).first(),
    }
