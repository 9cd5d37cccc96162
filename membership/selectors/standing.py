"""A member's standing as the portal home shows it: dues owed, capital account and voting weight."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coop.selectors import policy_values_of

from ..models import Member
from .dues import dues_balances
from .holdings import CapitalAccount, capital_account_from, ledger_shares
from .voting import WEIGHT_POLICIES, VotingWeight, voting_weight_from, with_voting_weight


@dataclass(frozen=True)
class MemberStanding:
    member: Member
    dues_owed: Decimal
    capital: CapitalAccount
    voting_weight: VotingWeight


# The policy numbers a member's standing depends on.
STANDING_POLICIES = ("share_par_value", *WEIGHT_POLICIES)


def member_standing(user, *, policies: dict | None = None) -> MemberStanding | None:
    """Return `user`'s membership with what they owe in dues, their capital account and their voting
    weight now, or None when they hold none.

    The same figures as `dues_arrears`, `capital_account` and `voting_weight`, read in two queries
    whatever the member holds: the policy numbers they depend on (`STANDING_POLICIES`; a page that
    has read them already passes them as `policies`), then the member with every figure annotated.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    policies = policies or policy_values_of(*STANDING_POLICIES)
    member = (
        with_voting_weight(
            dues_balances().filter(user=user), mode=policies["voting_mode"], voting_on=policies["share_voting_on"]
        )
        .annotate(ledger_shares=ledger_shares())
        .first()
    )
    if member is None:
        return None
    return MemberStanding(
        member=member,
        dues_owed=member.arrears,
        capital=capital_account_from(shares=member.ledger_shares, par=policies["share_par_value"]),
        voting_weight=voting_weight_from(member, policies=policies),
    )
