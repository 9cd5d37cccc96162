"""Share subscriptions paid by instalments: what each still owes, what its schedule makes due, arrears."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from ..models import Member, ShareSubscription, SubscriptionPayment

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class SubscriptionStanding:
    """Where a subscription stands on a day: instalments due by its schedule, paid, owed, in arrears."""

    subscription: ShareSubscription
    instalments_due: int
    due: Decimal  # the down payment and the instalments due to date, never more than the price
    paid: Decimal
    owed: Decimal  # what remains of the price
    arrears: Decimal  # due to date and not paid

    @property
    def in_arrears(self) -> bool:
        return self.arrears > 0


def instalments_due(subscription: ShareSubscription, *, on: date) -> int:
    """Return how many instalments `subscription`'s schedule has made due by `on`.

    The first falls due a whole period after the start (a week, or the same day of the next month);
    a per-payslip subscription is due once for every payslip the payroll charged it."""
    if subscription.frequency == ShareSubscription.Frequency.PAYSLIP:
        return subscription.payslips_charged
    start = subscription.started_on
    if subscription.frequency == ShareSubscription.Frequency.WEEKLY:
        return max((on - start).days // 7, 0)
    months = (on.year - start.year) * 12 + on.month - start.month - (1 if on.day < start.day else 0)
    return max(months, 0)


def subscription_standing(subscription: ShareSubscription, *, on: date | None = None) -> SubscriptionStanding:
    """Return where `subscription` stands on `on` (today by default). Reads nothing more from the database.

    Once paid up or cancelled nothing more is due, so nothing is in arrears."""
    on = on or timezone.localdate()
    count = instalments_due(subscription, on=on)
    if subscription.status == ShareSubscription.Status.ACTIVE:
        due = min(subscription.down_payment + subscription.instalment * count, subscription.price)
    else:
        due = subscription.paid
    return SubscriptionStanding(
        subscription=subscription,
        instalments_due=count,
        due=due,
        paid=subscription.paid,
        owed=subscription.price - subscription.paid if subscription.status == ShareSubscription.Status.ACTIVE else ZERO,
        arrears=max(due - subscription.paid, ZERO),
    )


def share_subscriptions(*, member: Member | None = None) -> QuerySet[ShareSubscription]:
    """Return the share subscriptions, newest first, of `member` only when given."""
    queryset = ShareSubscription.objects.select_related("member__user", "subscribed_by")
    return queryset.filter(member=member) if member is not None else queryset


def subscription_standings(
    subscriptions: QuerySet[ShareSubscription], *, on: date | None = None
) -> list[SubscriptionStanding]:
    """Return the standing of each of `subscriptions` on `on`, in one query whatever their number."""
    on = on or timezone.localdate()
    return [subscription_standing(subscription, on=on) for subscription in subscriptions]


def subscription_payments(
    *, subscription: ShareSubscription | None = None, member: Member | None = None
) -> QuerySet[SubscriptionPayment]:
    """Return the payments toward subscriptions, newest first, of one subscription or one member when given."""
    queryset = SubscriptionPayment.objects.select_related("subscription__member", "recorded_by")
    if subscription is not None:
        queryset = queryset.filter(subscription=subscription)
    if member is not None:
        queryset = queryset.filter(subscription__member=member)
    return queryset


def subscriptions_deducted_from_pay() -> QuerySet[ShareSubscription]:
    """Return the active subscriptions the payroll deducts from each payslip, oldest first."""
    return ShareSubscription.objects.filter(
        status=ShareSubscription.Status.ACTIVE, frequency=ShareSubscription.Frequency.PAYSLIP
    ).order_by("subscribed_at", "pk")


def shares_subscribed_unpaid(member: Member) -> int:
    """Return how many shares `member` has subscribed and not yet paid up."""
    total = ShareSubscription.objects.filter(member=member, status=ShareSubscription.Status.ACTIVE).aggregate(
        total=Sum("quantity")
    )["total"]
    return total or 0
