"""Shares subscribed by instalments: a down payment, payments toward the price, the shares issued
once paid up, refusals that write nothing, and cancellation."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from membership import selectors, services
from membership.models import ShareSubscription, ShareTransaction, SubscriptionPayment
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db


def _subscribe(member, *, quantity=1, down="50.00", instalment="3.65", frequency="weekly", actor=None):
    return services.share_subscribe(
        member=member,
        quantity=quantity,
        down_payment=Decimal(down),
        instalment=Decimal(instalment),
        frequency=frequency,
        started_on=date(2026, 1, 5),
        actor=actor or role_officer(),
        reason="Subscribed at the General Conference",
    )


def test_a_subscription_takes_its_down_payment_and_fixes_the_price_at_par(cooperative, board_user):
    # Given a par value of 1,000, as Cooperative Home Care Associates sells its share
    policy_set("share_par_value", "1000.00")
    member = member_create()
    # When the Board subscribes one share for 50 down and 3.65 a week
    subscription = _subscribe(member, actor=board_user)
    # Then the price is fixed at par, the down payment is recorded and no share is issued yet
    assert (subscription.price, subscription.paid, subscription.owed) == (
        Decimal("1000.00"),
        Decimal("50.00"),
        Decimal("950.00"),
    )
    assert subscription.status == ShareSubscription.Status.ACTIVE
    assert list(subscription.payments.values_list("source", "amount")) == [("down_payment", Decimal("50.00"))]
    assert selectors.shares_held(member) == 0
    assert selectors.shares_subscribed_unpaid(member) == 1


def test_the_payment_that_completes_the_price_issues_the_shares_at_the_subscribed_par(cooperative, board_user):
    # Given two shares subscribed at 100 each, 50 down
    policy_set("share_par_value", "100.00")
    member = member_create()
    subscription = _subscribe(member, quantity=2, down="50.00", instalment="50.00", actor=board_user)
    # And the par value rises before it is paid up
    policy_set("share_par_value", "120.00")
    # When the member pays 100, then the last 50
    services.subscription_pay(subscription=subscription, amount=Decimal("100.00"), actor=board_user, reason="cash")
    services.subscription_pay(subscription=subscription, amount=Decimal("50.00"), actor=board_user, reason="cash")
    # Then the subscription is paid up and the register holds the two shares at the par it was sold at
    subscription.refresh_from_db()
    assert subscription.status == ShareSubscription.Status.PAID_UP
    assert subscription.closed_at is not None
    issue = ShareTransaction.objects.get(subscription=subscription)
    assert (issue.kind, issue.quantity, issue.par_value, issue.amount) == (
        "issue",
        2,
        Decimal("100.00"),
        Decimal("200.00"),
    )
    member.refresh_from_db()
    assert member.share_balance == selectors.shares_held(member) == 2
    assert selectors.shares_subscribed_unpaid(member) == 0
    # And a paid-up subscription takes no more payments
    with pytest.raises(ValidationError) as error:
        services.subscription_pay(subscription=subscription, amount=Decimal("1.00"), actor=board_user, reason="x")
    assert "subscription" in error.value.message_dict


def test_an_instalment_larger_than_what_is_owed_is_refused_and_nothing_is_written(cooperative, board_user):
    policy_set("share_par_value", "100.00")
    member = member_create()
    subscription = _subscribe(member, down="60.00", instalment="10.00", actor=board_user)
    # When 40.01 is paid toward the 40 still owed
    with pytest.raises(ValidationError) as error:
        services.subscription_pay(subscription=subscription, amount=Decimal("40.01"), actor=board_user, reason="x")
    # Then the refusal names the amount and the rule, and nothing is written
    message = error.value.message_dict["amount"][0]
    assert "40.01" in message and "40.00" in message and "never exceeds what remains" in message
    subscription.refresh_from_db()
    assert subscription.paid == Decimal("60.00")
    assert SubscriptionPayment.objects.filter(subscription=subscription).count() == 1
    assert not ShareTransaction.objects.exists()


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("down_payment", {"down": "100.00"}),
        ("instalment", {"down": "60.00", "instalment": "40.01"}),
        ("instalment", {"instalment": "0"}),
        ("down_payment", {"down": "-1"}),
        ("frequency", {"frequency": "yearly"}),
        ("quantity", {"quantity": 0}),
    ],
)
def test_bad_terms_are_refused_naming_the_field(cooperative, board_user, field, kwargs):
    policy_set("share_par_value", "100.00")
    member = member_create()
    with pytest.raises(ValidationError) as error:
        _subscribe(member, actor=board_user, **kwargs)
    assert field in error.value.message_dict
    assert not ShareSubscription.objects.exists() and not SubscriptionPayment.objects.exists()


def test_subscribed_shares_count_against_the_cap(cooperative, board_user):
    # Given a cap of 3 shares and an owner with 2 subscribed
    policy_set("share_cap_count", 3)
    member = member_create()
    _subscribe(member, quantity=2, down="10.00", instalment="10.00", actor=board_user)
    # When 2 more are subscribed, the cap refuses them
    with pytest.raises(ValidationError) as error:
        _subscribe(member, quantity=2, down="10.00", instalment="10.00", actor=board_user)
    assert "Share cap (count)" in error.value.message_dict["quantity"][0]
    assert ShareSubscription.objects.count() == 1


def test_cancelling_returns_what_was_paid_and_issues_nothing(cooperative, board_user):
    member = member_create()
    subscription = _subscribe(member, down="30.00", instalment="10.00", actor=board_user)
    services.subscription_pay(subscription=subscription, amount=Decimal("10.00"), actor=board_user, reason="cash")
    # When the Board cancels it
    subscription = services.subscription_cancel(subscription=subscription, actor=board_user, reason="Left the coop")
    # Then what was paid is marked returned, no share is issued, and no more payments are taken
    assert (subscription.status, subscription.refunded) == ("cancelled", Decimal("40.00"))
    assert not ShareTransaction.objects.exists()
    with pytest.raises(ValidationError):
        services.subscription_pay(subscription=subscription, amount=Decimal("1.00"), actor=board_user, reason="x")
    with pytest.raises(ValidationError):
        services.subscription_cancel(subscription=subscription, actor=board_user, reason="again")


def test_only_the_board_subscribes_records_and_cancels(cooperative, board_user, operations_user, member_user):
    member = member_create(user=member_user)
    for actor in (operations_user, member_user):
        with pytest.raises(PermissionDenied):
            _subscribe(member, actor=actor)
    subscription = _subscribe(member, actor=board_user)
    for actor in (operations_user, member_user):
        with pytest.raises(PermissionDenied):
            services.subscription_pay(subscription=subscription, amount=Decimal("1.00"), actor=actor, reason="x")
        with pytest.raises(PermissionDenied):
            services.subscription_cancel(subscription=subscription, actor=actor, reason="x")
    # The payroll's deduction is for those who post payroll runs, never a member
    with pytest.raises(PermissionDenied):
        services.subscription_payroll_deduct(
            subscription=subscription,
            available=Decimal("10.00"),
            reference="payslip:1",
            paid_on=date(2026, 3, 31),
            actor=member_user,
            reason="x",
        )
    subscription.refresh_from_db()
    assert subscription.paid == Decimal("50.00") and subscription.status == "active"
    assert SubscriptionPayment.objects.count() == 1
