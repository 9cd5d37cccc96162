"""What a subscription's schedule makes due to date, and its arrears: due minus paid."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from membership import selectors, services
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db


def _subscribe(frequency, *, down="50.00", instalment="3.65", started_on=date(2026, 1, 5)):
    return services.share_subscribe(
        member=member_create(),
        quantity=1,
        down_payment=Decimal(down),
        instalment=Decimal(instalment),
        frequency=frequency,
        started_on=started_on,
        actor=role_officer(),
        reason="test setup",
    )


def test_weekly_instalments_fall_due_each_whole_week_and_unpaid_ones_are_arrears(cooperative):
    # Given one 1,000 share at 50 down and 3.65 a week from Monday 5 January
    policy_set("share_par_value", "1000.00")
    subscription = _subscribe("weekly")
    # Then on day 6 nothing more is due; on 2 February four weeks are due
    assert selectors.subscription_standing(subscription, on=date(2026, 1, 11)).arrears == Decimal("0.00")
    standing = selectors.subscription_standing(subscription, on=date(2026, 2, 2))
    assert (standing.instalments_due, standing.due, standing.arrears) == (4, Decimal("64.60"), Decimal("14.60"))
    assert standing.in_arrears
    # When two instalments are paid, two remain in arrears
    services.subscription_pay(subscription=subscription, amount=Decimal("7.30"), actor=role_officer(), reason="cash")
    subscription.refresh_from_db()
    standing = selectors.subscription_standing(subscription, on=date(2026, 2, 2))
    assert (standing.paid, standing.owed, standing.arrears) == (Decimal("57.30"), Decimal("942.70"), Decimal("7.30"))


def test_monthly_instalments_fall_due_on_the_same_day_of_each_month_and_never_past_the_price(cooperative):
    policy_set("share_par_value", "100.00")
    subscription = _subscribe("monthly", down="10.00", instalment="40.00", started_on=date(2026, 1, 15))
    assert selectors.subscription_standing(subscription, on=date(2026, 2, 14)).instalments_due == 0
    assert selectors.subscription_standing(subscription, on=date(2026, 2, 15)).due == Decimal("50.00")
    # Long after the schedule ends, what is due stops at the price
    standing = selectors.subscription_standing(subscription, on=date(2027, 1, 1))
    assert (standing.due, standing.arrears) == (Decimal("100.00"), Decimal("90.00"))


def test_a_paid_up_or_cancelled_subscription_is_never_in_arrears(cooperative):
    policy_set("share_par_value", "100.00")
    subscription = _subscribe("weekly", down="10.00", instalment="10.00")
    subscription = services.subscription_cancel(subscription=subscription, actor=role_officer(), reason="left")
    assert selectors.subscription_standing(subscription, on=date(2027, 1, 1)).arrears == Decimal("0.00")


def test_the_standings_of_a_list_are_read_in_one_query(cooperative):
    policy_set("share_par_value", "100.00")
    for _i in range(2):
        _subscribe("weekly", down="10.00", instalment="10.00")
    with CaptureQueriesContext(connection) as few:
        selectors.subscription_standings(selectors.share_subscriptions(), on=date(2026, 3, 1))
    for _i in range(4):
        _subscribe("monthly", down="10.00", instalment="10.00")
    with CaptureQueriesContext(connection) as many:
        standings = selectors.subscription_standings(selectors.share_subscriptions(), on=date(2026, 3, 1))
    assert len(few) == len(many) == 1
    assert len(standings) == 6 and all(s.in_arrears for s in standings)
