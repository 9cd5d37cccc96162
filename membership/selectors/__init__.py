"""Reads of the membership app, re-exported so other apps import from one place."""

from .dues import (
    dues_arrears,
    dues_balances,
    dues_charges,
    dues_payments,
    dues_schedule_active,
    members_in_arrears,
)
from .holdings import (
    CapitalAccount,
    capital_account,
    capital_account_from,
    ledger_mismatches,
    ledger_shares,
    share_holdings,
    share_ledger,
    share_requests,
    share_requests_waiting,
    shares_held,
    shares_outstanding,
)
from .members import may_see_personal_data, member_for_user, member_history, members
from .standing import MemberStanding, member_standing
from .voting import VotingWeight, rule_label, voting_roll, voting_weight, voting_weight_from, with_voting_weight

__all__ = [
    "CapitalAccount",
    "MemberStanding",
    "VotingWeight",
    "capital_account",
    "capital_account_from",
    "dues_arrears",
    "dues_balances",
    "dues_charges",
    "dues_payments",
    "dues_schedule_active",
    "ledger_mismatches",
    "ledger_shares",
    "may_see_personal_data",
    "member_for_user",
    "member_history",
    "member_standing",
    "members",
    "members_in_arrears",
    "rule_label",
    "share_holdings",
    "share_ledger",
    "share_requests",
    "share_requests_waiting",
    "shares_held",
    "shares_outstanding",
    "voting_roll",
    "voting_weight",
    "voting_weight_from",
    "with_voting_weight",
]
