"""Hypothesis property of voting weight: under every voting mode, the roll frozen when a vote
opens gives each voter the weight the mode's rule gives them at that instant (one per person, or
exactly the shares held), never a negative one; share changes after the freeze move nothing;
and the count's weight is the sum of the roll's weights of those who voted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop.policy import VotingMode
from governance import services
from governance.models import BallotTotal, Office, RollEntry
from membership import selectors
from membership import services as membership_services
from membership.models import Member
from tests.audit.examples import rolled_back
from tests.factories import governance as gf
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db

STATUSES = [Member.Status.OWNER, Member.Status.PROVISIONAL, Member.Status.SUSPENDED, Member.Status.APPLICANT]
MARKS = [gf.yes, gf.no, gf.abstain]

# Five owners with shares, so every mode has enough voters for a secret vote, then anyone.
people = st.tuples(
    st.lists(st.tuples(st.just(Member.Status.OWNER), st.integers(1, 7)), min_size=5, max_size=5),
    st.lists(st.tuples(st.sampled_from(STATUSES), st.integers(0, 7)), max_size=4),
).map(lambda lists: lists[0] + lists[1])
# After the freeze: a signed change of each member's holding, and whether and how they vote.
afterwards = st.lists(st.tuples(st.integers(-3, 3), st.sampled_from([None, 0, 1, 2])), min_size=9, max_size=9)


def _rule_weight(mode: str, status: str, shares: int) -> Decimal:
    """Return the weight the bylaws give a member, stated from the voting modes' definitions."""
    if status not in {Member.Status.OWNER, Member.Status.PROVISIONAL}:
        return Decimal(0)
    if mode == VotingMode.PERSON or (mode == VotingMode.GRADUAL and status == Member.Status.OWNER):
        return Decimal(1)
    return Decimal(shares)


def _change_holding(member: Member, change: int) -> None:
    member.refresh_from_db()
    if change > 0 and member.has_rights:
        membership_services.share_purchase(member=member, quantity=change, actor=role_officer(), reason="Property")
    elif change < 0 and member.share_balance:
        quantity = min(-change, member.share_balance)
        membership_services.share_redeem(member=member, quantity=quantity, actor=role_officer(), reason="Property")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    mode=st.sampled_from([VotingMode.PERSON, VotingMode.SHARE, VotingMode.GRADUAL]),
    secret=st.booleans(),
    members=people,
    later=afterwards,
)
def test_the_frozen_roll_weighs_each_voter_by_the_rule_and_the_count_adds_up(cooperative, mode, secret, members, later):
    with rolled_back():
        # given members of every status holding shares, under a voting mode, with no share cap
        policy_set("voting_mode", mode)
        policy_set("share_cap_count", 0)
        policy_set("share_cap_percent", 0)
        roster = [member_create(status=status, shares=shares) for status, shares in members]
        board = gf.officer(Office.Kind.PRESIDENT, user=roster[0].user)
        # when a General Conference vote opens
        motion = gf.open_motion(gf.motion(proposer=board, secret=secret), board=board)
        roll = {entry.voter_id: entry for entry in RollEntry.objects.filter(motion=motion)}
        # then the roll holds each member with a weight above zero, at exactly the rule's weight
        expected = {m.user_id: _rule_weight(mode, m.status, m.share_balance) for m in roster}
        assert {voter: entry.weight for voter, entry in roll.items()} == {
            voter: weight for voter, weight in expected.items() if weight
        }
        assert all(weight >= 0 for weight in expected.values())
        # and each roll entry names the rule that gave it, as the member's own page does
        for member in roster:
            if member.user_id in roll:
                assert roll[member.user_id].rule == selectors.voting_weight(member=member).rule
        # when holdings change after the freeze and some of the roll vote
        voted, voters = Decimal(0), 0
        for member, (change, mark) in zip(roster, later, strict=False):
            _change_holding(member, change)
            if mark is not None and member.user_id in roll:
                services.ballot_cast(motion=motion, cast_by=member.user, marks=MARKS[mark](motion))
                voted, voters = voted + roll[member.user_id].weight, voters + 1
        # then the roll has not moved, and the weight at the freeze is still the roll's weight
        assert {e.voter_id: e.weight for e in RollEntry.objects.filter(motion=motion)} == {
            voter: entry.weight for voter, entry in roll.items()
        }
        for member in roster:
            at_freeze = selectors.voting_weight(member=member, at=motion.opened_at).weight
            assert at_freeze == expected[member.user_id]
        # and the count's weight is the sum of the roll's weights of those who voted
        result = services.motion_close(motion=motion, actor=board, reason="Property")
        assert result.eligible_weight == sum(entry.weight for entry in roll.values())
        assert (result.participants, result.cast_weight) == (voters, voted)
        assert sum(BallotTotal.objects.filter(motion=motion).values_list("weight", flat=True), Decimal(0)) == voted
        assert sum((Decimal(total) for total in result.totals.values()), Decimal(0)) == voted
