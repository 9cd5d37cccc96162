"""Finance reads, reused by the admin, the portal and the API."""

from .bonuses import BonusComputation, bonus_computation, ceo_bonus, president_bonus
from .ledger import (
    account_over_time,
    accounts,
    accounts_with_balances,
    balance_of,
    capital_accounts,
    capital_balance,
    capital_lines,
    income_expense_by_month,
    journal_entries,
    member_equity,
    surplus_figures,
    totals_by_type,
)
from .payroll import (
    PayrollInputs,
    hours_credited,
    my_payslips,
    payroll_by_band,
    payroll_inputs,
    payroll_runs,
    payroll_total,
    payslips,
    payslips_visible_to,
    posted_runs_overlapping,
)
from .people import (
    disputes,
    feedback_for,
    mean_scores_for,
    member_rates,
    office_holder,
    pay_band_role_of,
    pay_bands,
    rate_proposals,
    review_cycles,
    reviews,
    reviews_to_write,
    reviews_visible_to,
    teammates_to_review,
)
from .surplus import bonus_awards, surplus_allocations

__all__ = [
    "BonusComputation", "PayrollInputs", "account_over_time", "accounts", "accounts_with_balances", "balance_of",
    "bonus_awards", "bonus_computation", "capital_accounts", "capital_balance", "capital_lines", "ceo_bonus",
    "disputes", "feedback_for", "hours_credited", "income_expense_by_month", "journal_entries", "mean_scores_for",
    "member_equity", "member_rates", "my_payslips", "office_holder", "pay_band_role_of", "pay_bands", "payroll_by_band",
    "payroll_inputs", "payroll_runs", "payroll_total", "payslips", "payslips_visible_to", "posted_runs_overlapping",
    "president_bonus", "rate_proposals", "review_cycles", "reviews", "reviews_to_write", "reviews_visible_to",
    "surplus_allocations", "surplus_figures", "teammates_to_review", "totals_by_type",
]
