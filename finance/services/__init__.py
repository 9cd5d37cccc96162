"""Finance writes. Each takes the acting user and a reason, runs in one transaction and leaves
its trail in the history."""

from .ledger import (
    CHART,
    Line,
    accounts_ensure,
    capital_accounts_open,
    journal_entry_post,
    journal_entry_record,
    journal_entry_reverse,
)
from .motions import (
    pay_band_motion_apply,
    pay_band_motion_check,
    pay_band_motion_record,
    surplus_motion_apply,
    surplus_motion_check,
    surplus_motion_record,
    surplus_motion_refuse,
)
from .patronage import (
    allocation_notice_consent,
    allocation_notices_issue,
    patronage_cash_pay,
)
from .pay import (
    member_rate_set,
    pay_band_adopt,
    rate_adjustment_approve,
    rate_adjustment_reject,
)
from .payroll import (
    payroll_run_approve,
    payroll_run_draft,
    payroll_run_post,
    payroll_run_return,
    payroll_run_review,
)
from .redemptions import departed_capital_redeem, retained_allocations_redeem
from .reviews import (
    review_criterion_create,
    review_cycle_close,
    review_cycle_open,
    review_dispute_raise,
    review_dispute_refer,
    review_submit,
)
from .solidarity import (
    SOLIDARITY_CONTRIBUTION,
    SOLIDARITY_PAID,
    solidarity_commitment_receive,
    solidarity_contribution_pay,
    solidarity_paid_payload,
)
from .sources import ledger_post_on_commit, ledger_post_source, ledger_sync
from .surplus import (
    bonus_award,
    patronage_shares,
    surplus_allocation_adopt,
    surplus_allocation_propose,
    surplus_allocation_refuse,
    surplus_allocation_withdraw,
)

__all__ = [
    "CHART",
    "SOLIDARITY_CONTRIBUTION",
    "SOLIDARITY_PAID",
    "Line",
    "accounts_ensure",
    "allocation_notice_consent",
    "allocation_notices_issue",
    "bonus_award",
    "capital_accounts_open",
    "departed_capital_redeem",
    "journal_entry_post",
    "journal_entry_record",
    "journal_entry_reverse",
    "ledger_post_on_commit",
    "ledger_post_source",
    "ledger_sync",
    "member_rate_set",
    "patronage_cash_pay",
    "patronage_shares",
    "pay_band_adopt",
    "pay_band_motion_apply",
    "pay_band_motion_check",
    "pay_band_motion_record",
    "payroll_run_approve",
    "payroll_run_draft",
    "payroll_run_post",
    "payroll_run_return",
    "payroll_run_review",
    "rate_adjustment_approve",
    "rate_adjustment_reject",
    "retained_allocations_redeem",
    "review_criterion_create",
    "review_cycle_close",
    "review_cycle_open",
    "review_dispute_raise",
    "review_dispute_refer",
    "review_submit",
    "solidarity_commitment_receive",
    "solidarity_contribution_pay",
    "solidarity_paid_payload",
    "surplus_allocation_adopt",
    "surplus_allocation_propose",
    "surplus_allocation_refuse",
    "surplus_allocation_withdraw",
    "surplus_motion_apply",
    "surplus_motion_check",
    "surplus_motion_record",
    "surplus_motion_refuse",
]
