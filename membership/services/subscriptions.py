"""Shares bought by instalments: the Board subscribes them for a member, payments come in cash or
from the payroll, and the paid-up subscription issues its shares to the register.

Every write locks the register (the cooperative's row) first, then the subscription, so two
payments at once are taken one after the other and the second sees what the first left owing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.ledger_feed import ledger_record_ready
from coop.money import MONEY
from coop.roles import Role
from coop.selectors import cooperative_current, policy_value
from coop.services_common import exact_decimal, require_role

from ..models import Member, ShareSubscription, ShareTransaction, SubscriptionPayment
from ..selectors import shares_subscribed_unpaid
from .shares import _append, _check_cap, _check_may_hold, _check_quantity, _lock_register

ZERO = Decimal("0.00")


def _money(value, *, field: str, positive: bool) -> Decimal:
    number = exact_decimal(value, field=field, positive=positive, **MONEY)
    if number < 0:
        raise ValidationError({field: _("Must be zero or more.")})
    return number


def _shown(amount: Decimal) -> str:
    cooperative = cooperative_current()
    return cooperative.format_amount(amount) if cooperative is not None else str(amount)


@transaction.atomic
def share_subscribe(
    *,
    member: Member,
    quantity: int,
    down_payment,
    instalment,
    frequency: str,
    actor,
    reason: str,
    started_on: date | None = None,
) -> ShareSubscription:
    """Subscribe `quantity` shares for `member` at today's par value, paid by `down_payment` now and
    `instalment` on the `frequency` schedule from `started_on` (today by default). The Board only.

    The shares count against the member's cap from now on; they are issued once the price is paid."""
    require_role(actor, Role.BOARD, action=_("subscribe shares by instalments"))
    quantity = _check_quantity(quantity)
    down_payment = _money(down_payment, field="down_payment", positive=False)
    instalment = _money(instalment, field="instalment", positive=True)
    if frequency not in ShareSubscription.Frequency.values:
        raise ValidationError(
            {
                "frequency": _("Choose one of: %(allowed)s.")
                % {"allowed": ", ".join(str(label) for label in ShareSubscription.Frequency.labels)}
            }
        )
    with acting(actor, reason):
        _lock_register()
        member = Member.objects.select_for_update().get(pk=member.pk)
        _check_may_hold(member)
        _check_cap(member, quantity + shares_subscribed_unpaid(member))
        par = policy_value("share_par_value")
        price = par * quantity
        if down_payment >= price:
            raise ValidationError(
                {
                    "down_payment": _(
                        "The down payment of %(down)s pays the whole price of %(price)s: issue the shares "
                        "instead of subscribing them by instalments."
                    )
                    % {"down": _shown(down_payment), "price": _shown(price)}
                }
            )
        if instalment > price - down_payment:
            raise ValidationError(
                {
                    "instalment": _(
                        "The instalment of %(instalment)s is more than the %(rest)s left to pay after the down "
                        "payment; an instalment never exceeds what is owed."
                    )
                    % {"instalment": _shown(instalment), "rest": _shown(price - down_payment)}
                }
            )
        subscription = ShareSubscription(
            member=member,
            quantity=quantity,
            par_value=par,
            price=price,
            down_payment=down_payment,
            instalment=instalment,
            frequency=frequency,
            started_on=started_on or timezone.localdate(),
            subscribed_by=person(actor),
            note=reason,
        )
        subscription.full_clean()
        subscription.save()
        if down_payment:
            _record(
                subscription,
                down_payment,
                SubscriptionPayment.Source.DOWN_PAYMENT,
                paid_on=subscription.started_on,
                actor=actor,
                reason=reason,
            )
    return subscription


@transaction.atomic
def subscription_pay(
    *, subscription: ShareSubscription, amount, actor, reason: str, paid_on: date | None = None
) -> SubscriptionPayment:
    """Record an instalment the member paid in cash on `paid_on` (today by default). The Board only.

    Refuse an amount larger than what the subscription still owes, writing nothing; the payment
    that completes the price issues the shares."""
    require_role(actor, Role.BOARD, action=_("record instalments"))
    amount = _money(amount, field="amount", positive=True)
    with acting(actor, reason):
        _lock_register()
        subscription = _locked_active(subscription)
        if amount > subscription.owed:
            raise ValidationError(
                {
                    "amount": _(
                        "%(amount)s is more than the %(owed)s this subscription still owes: a payment never "
                        "exceeds what remains of the price."
                    )
                    % {"amount": _shown(amount), "owed": _shown(subscription.owed)}
                }
            )
        return _record(
            subscription,
            amount,
            SubscriptionPayment.Source.CASH,
            paid_on=paid_on or timezone.localdate(),
            actor=actor,
            reason=reason,
        )


@transaction.atomic
def subscription_payroll_deduct(
    *, subscription: ShareSubscription, available, reference: str, paid_on: date, actor, reason: str
) -> SubscriptionPayment | None:
    """Charge `subscription` one payslip's instalment, deducted from the `available` net pay of the
    payslip `reference`: the instalment, never more than is owed nor than the pay. Return the payment,
    or None when the pay left nothing to deduct (the instalment then shows in arrears).

    Called by the payroll as it posts a run; Operations or the Board, who post runs."""
    require_role(actor, Role.OPERATIONS, Role.BOARD, action=_("deduct instalments from pay"))
    available = _money(available, field="available", positive=False)
    with acting(actor, reason):
        _lock_register()
        subscription = _locked_active(subscription)
        if subscription.frequency != ShareSubscription.Frequency.PAYSLIP:
            raise ValidationError({"subscription": _("This subscription is not paid from the payslips.")})
        subscription.payslips_charged += 1
        subscription.full_clean()
        subscription.save()
        amount = min(subscription.instalment, subscription.owed, available)
        if amount <= 0:
            return None
        return _record(
            subscription,
            amount,
            SubscriptionPayment.Source.PAYROLL,
            paid_on=paid_on,
            actor=actor,
            reason=reason,
            reference=reference,
        )


@transaction.atomic
def subscription_cancel(*, subscription: ShareSubscription, actor, reason: str) -> ShareSubscription:
    """End a subscription before it is paid up; what was paid is returned to the member and no
    shares are issued. The Board only."""
    require_role(actor, Role.BOARD, action=_("cancel share subscriptions"))
    with acting(actor, reason):
        _lock_register()
        subscription = ShareSubscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.transition_to(ShareSubscription.Status.CANCELLED)
        subscription.refunded = subscription.paid
        subscription.closed_at = timezone.now()
        subscription.full_clean()
        subscription.save()
        if subscription.refunded:
            ledger_record_ready(prefix="share-subscription-refund", pk=subscription.pk)
    return subscription


def _locked_active(subscription: ShareSubscription) -> ShareSubscription:
    subscription = ShareSubscription.objects.select_for_update().select_related("member").get(pk=subscription.pk)
    if subscription.status != ShareSubscription.Status.ACTIVE:
        raise ValidationError(
            {
                "subscription": _("This subscription is %(status)s; it takes no more payments.")
                % {"status": subscription.get_status_display().lower()}
            }
        )
    return subscription


def _record(
    subscription: ShareSubscription, amount: Decimal, source: str, *, paid_on: date, actor, reason: str, reference=""
) -> SubscriptionPayment:
    payment = SubscriptionPayment(
        subscription=subscription,
        amount=amount,
        paid_on=paid_on,
        source=source,
        reference=reference,
        recorded_by=person(actor),
        note=reason,
    )
    payment.full_clean()
    payment.save()
    subscription.paid += amount
    if subscription.paid == subscription.price:
        _issue(subscription, actor=actor, reason=reason)
    subscription.full_clean()
    subscription.save()
    # A payroll deduction is posted with its run's entry; money received otherwise is posted on its own.
    if source != SubscriptionPayment.Source.PAYROLL:
        ledger_record_ready(prefix="share-instalment", pk=payment.pk)
    return payment


def _issue(subscription: ShareSubscription, *, actor, reason: str) -> ShareTransaction:
    """Issue the paid-up subscription's shares, within the cap as any issue."""
    member = Member.objects.select_for_update().get(pk=subscription.member_id)
    _check_may_hold(member)
    _check_cap(member, subscription.quantity)
    subscription.transition_to(ShareSubscription.Status.PAID_UP)
    subscription.closed_at = timezone.now()
    subscription.member = member
    return _append(
        member,
        ShareTransaction.Kind.ISSUE,
        subscription.quantity,
        actor=actor,
        reason=reason,
        subscription=subscription,
        par=subscription.par_value,
    )
