"""The opposing bonuses, computed with their inputs shown; the suspension comes from labor contracts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from coop.selectors import policy_value
from labor_contracts.selectors import bonus_suspension

from .ledger import member_equity, surplus_figures
from .payroll import payroll_total
from .people import office_holder

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass
class BonusComputation:
    kind: str
    holder: object | None
    period_start: date
    period_end: date
    amount: Decimal
    inputs: dict[str, str] = field(default_factory=dict)
    suspended: bool = False
    suspending_contracts: list[str] = field(default_factory=list)

    @property
    def payable(self) -> Decimal:
        return Decimal("0.00") if self.suspended else self.amount


def _suspension() -> tuple[bool, list[str]]:
    state = bonus_suspension()
    return state.suspended, [str(c) for c in state.contracts]


def president_bonus(*, period_start: date, period_end: date) -> BonusComputation:
    """payroll x payroll % + growth of member equity over the period x equity % (growth below zero counts 0)."""
    payroll = payroll_total(period_start=period_start, period_end=period_end)
    equity_before = member_equity(until=period_start - timedelta(days=1))
    equity_after = member_equity(until=period_end)
    growth = max(equity_after - equity_before, Decimal("0.00"))
    payroll_pct = policy_value("president_bonus_payroll_percent")
    equity_pct = policy_value("president_bonus_equity_percent")
    value = (payroll * payroll_pct / HUNDRED + growth * equity_pct / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    suspended, contracts = _suspension()
    return BonusComputation(
        kind="president",
        holder=office_holder("president"),
        period_start=period_start,
        period_end=period_end,
        amount=value,
        suspended=suspended,
        suspending_contracts=contracts,
        inputs={
            "payroll": str(payroll),
            "president_bonus_payroll_percent": str(payroll_pct),
            "member_equity_before": str(equity_before),
            "member_equity_after": str(equity_after),
            "member_equity_growth": str(growth),
            "president_bonus_equity_percent": str(equity_pct),
        },
    )


def ceo_bonus(*, period_start: date, period_end: date) -> BonusComputation:
    """business surplus (revenue - expenses, below zero counts 0) x surplus %."""
    revenue, expenses = surplus_figures(period_start=period_start, period_end=period_end)
    surplus = max(revenue - expenses, Decimal("0.00"))
    pct = policy_value("ceo_bonus_surplus_percent")
    suspended, contracts = _suspension()
    return BonusComputation(
        kind="ceo",
        holder=office_holder("ceo"),
        period_start=period_start,
        period_end=period_end,
        amount=(surplus * pct / HUNDRED).quantize(CENT, ROUND_HALF_UP),
        suspended=suspended,
        suspending_contracts=contracts,
        inputs={
            "revenue": str(revenue),
            "expenses": str(expenses),
            "surplus": str(surplus),
            "ceo_bonus_surplus_percent": str(pct),
        },
    )


def bonus_computation(*, kind: str, period_start: date, period_end: date) -> BonusComputation:
    """Compute the President's bonus (`kind` "president") or the CEO's for the period."""
    compute = president_bonus if kind == "president" else ceo_bonus
    return compute(period_start=period_start, period_end=period_end)
