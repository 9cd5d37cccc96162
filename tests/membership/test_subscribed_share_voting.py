"""The policy number "Voting rights of subscribed shares": paid-up shares only, or subscribed ones too."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coop.policy import ShareVotingOn, VotingMode
from membership import selectors, services
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(cooperative):
    """An owner holding 2 paid-up shares and 3 subscribed but not paid up, one share one vote."""
    policy_set("voting_mode", VotingMode.SHARE)
    policy_set("share_par_value", "100.00")
    member = member_create(shares=2)
    services.share_subscribe(
        member=member,
        quantity=3,
        down_payment=Decimal("30.00"),
        instalment=Decimal("10.00"),
        frequency="monthly",
        started_on=date(2026, 1, 5),
        actor=role_officer(),
        reason="test setup",
    )
    return member


def test_by_default_only_paid_up_shares_vote(holder):
    weight = selectors.voting_weight(member=holder)
    assert weight.weight == Decimal("2.00")
    assert "subscribed" not in weight.explanation
    assert selectors.voting_roll().get(pk=holder.pk).weight == Decimal("2")


def test_when_the_policy_counts_subscribed_shares_they_vote_and_the_explanation_says_so(holder):
    policy_set("share_voting_on", ShareVotingOn.SUBSCRIBED)
    weight = selectors.voting_weight(member=holder)
    assert weight.weight == Decimal("5.00")
    assert "3 of these shares are subscribed and not yet paid up" in weight.explanation
    assert selectors.voting_roll().get(pk=holder.pk).weight == Decimal("5")
    assert selectors.member_standing(holder.user).voting_weight.weight == Decimal("5.00")


def test_a_weight_in_the_past_counts_the_subscriptions_open_then(holder):
    policy_set("share_voting_on", ShareVotingOn.SUBSCRIBED)
    before = timezone.now() - timedelta(days=1)
    assert selectors.voting_weight(member=holder, at=before).weight == Decimal("0.00")
    # Once cancelled, the subscribed shares stop voting, now; earlier they still did
    subscription = holder.share_subscriptions.get()
    open_then = timezone.now()
    services.subscription_cancel(subscription=subscription, actor=role_officer(), reason="left")
    assert selectors.voting_weight(member=holder).weight == Decimal("2.00")
    assert selectors.voting_weight(member=holder, at=open_then).weight == Decimal("5.00")


def test_paid_up_shares_vote_once_whatever_the_policy(holder):
    policy_set("share_voting_on", ShareVotingOn.SUBSCRIBED)
    subscription = holder.share_subscriptions.get()
    services.subscription_pay(subscription=subscription, amount=Decimal("270.00"), actor=role_officer(), reason="cash")
    assert selectors.voting_weight(member=holder).weight == Decimal("5.00")
    policy_set("share_voting_on", ShareVotingOn.PAID_UP)
    assert selectors.voting_weight(member=holder).weight == Decimal("5.00")
