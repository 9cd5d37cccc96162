"""One function gives each member's weight and the rule behind it, under every voting mode."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coop.policy import VotingMode
from membership import selectors, services
from membership.models import Member
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set


@pytest.mark.parametrize(
    ("mode", "status", "weight", "rule"),
    [
        (VotingMode.PERSON, Member.Status.PROVISIONAL, "1", "person"),
        (VotingMode.PERSON, Member.Status.OWNER, "1", "person"),
        (VotingMode.SHARE, Member.Status.PROVISIONAL, "4", "share"),
        (VotingMode.SHARE, Member.Status.OWNER, "4", "share"),
        (VotingMode.GRADUAL, Member.Status.PROVISIONAL, "4", "gradual-provisional-shares"),
        (VotingMode.GRADUAL, Member.Status.OWNER, "1", "gradual-owner-person"),
        (VotingMode.GRADUAL, Member.Status.SUSPENDED, "0", "no-rights-suspended"),
        (VotingMode.SHARE, Member.Status.APPLICANT, "0", "no-rights-applicant"),
        (VotingMode.PERSON, Member.Status.DEPARTED, "0", "no-rights-departed"),
    ],
)
def test_weight_and_rule_follow_the_voting_mode_and_status(cooperative, mode, status, weight, rule):
    policy_set("voting_mode", mode)
    member = member_create(status=status, shares=0 if status == Member.Status.APPLICANT else 4)
    result = selectors.voting_weight(member=member)
    assert (result.weight, result.rule) == (Decimal(weight), rule)
    assert result.explanation.startswith(f"Weight {weight}")


def test_the_explanation_names_the_policy_and_the_numbers(cooperative):
    policy_set("voting_mode", VotingMode.GRADUAL)
    policy_set("provisional_period_days", 90)
    member = member_create(status=Member.Status.PROVISIONAL, shares=3)
    explanation = selectors.voting_weight(member=member).explanation
    assert "Gradual" in explanation and "90 days" in explanation and "3 shares" in explanation


def test_weight_at_a_past_moment_ignores_later_purchases_and_promotions(cooperative):
    # Given a provisional owner with 2 shares under gradual rights, at a moment we remember
    policy_set("voting_mode", VotingMode.GRADUAL)
    member = member_create(status=Member.Status.PROVISIONAL, shares=2)
    moment = timezone.now()
    # When they buy more and are later promoted
    services.share_purchase(member=member, quantity=3, actor=role_officer(), reason="more")
    services.member_promote(member=member, actor=role_officer(), reason="period over")
    # Then their weight at that moment is still 2 by shares, and now 1 by person
    past = selectors.voting_weight(member=member, at=moment)
    assert (past.weight, past.rule) == (Decimal("2"), "gradual-provisional-shares")
    assert selectors.voting_weight(member=member).rule == "gradual-owner-person"


def test_the_roll_lists_everyone_with_weight_in_one_query(cooperative):
    policy_set("voting_mode", VotingMode.SHARE)
    member_create(status=Member.Status.OWNER, shares=3)
    member_create(status=Member.Status.PROVISIONAL, shares=1)
    member_create(status=Member.Status.OWNER)  # no shares: weight 0 in share mode
    member_create(status=Member.Status.APPLICANT)
    roll = selectors.voting_roll(at=timezone.now())
    with CaptureQueriesContext(connection) as ctx:
        rows = sorted((r.weight, r.weight_rule) for r in roll)
    assert len(ctx.captured_queries) == 1
    assert rows == [(Decimal("1"), "share"), (Decimal("3"), "share")]


def test_the_roll_and_the_single_answer_agree(cooperative):
    for status in (Member.Status.PROVISIONAL, Member.Status.OWNER, Member.Status.SUSPENDED):
        member_create(status=status, shares=2)
    for row in selectors.voting_roll():
        single = selectors.voting_weight(member=row)
        assert (single.weight, single.rule) == (row.weight, row.weight_rule)
