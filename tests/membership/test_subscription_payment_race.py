"""Two payments toward the same subscription at once never pay it more than its price."""

from decimal import Decimal

import pytest

from membership import services
from membership.models import ShareSubscription, ShareTransaction, SubscriptionPayment
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories.coop import cooperative_create, role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = [pytest.mark.postgres, needs_postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_payments_of_what_is_owed_pay_it_once_and_issue_the_share_once():
    # Given one share of 100 subscribed with 10 down: 90 owed
    cooperative_create()
    policy_set("share_par_value", "100.00")
    subscription = services.share_subscribe(
        member=member_create(),
        quantity=1,
        down_payment=Decimal("10.00"),
        instalment=Decimal("10.00"),
        frequency="weekly",
        actor=role_officer(),
        reason="race",
    )
    # When four connections each pay the 90 owed at the same moment
    outcomes = verdicts(
        race(
            *[
                lambda: services.subscription_pay(
                    subscription=subscription, amount=Decimal("90.00"), actor=role_officer(), reason="race"
                )
                for _i in range(4)
            ]
        )
    )
    # Then one payment is taken, the others are refused, and the share is issued once
    assert outcomes == ["ok"] + ["refused"] * 3
    subscription.refresh_from_db()
    assert (subscription.paid, subscription.status) == (Decimal("100.00"), ShareSubscription.Status.PAID_UP)
    assert SubscriptionPayment.objects.filter(source="cash").count() == 1
    assert ShareTransaction.objects.filter(subscription=subscription).count() == 1
