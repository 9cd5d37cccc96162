"""Shares bought by instalments: a subscription with a down payment and a schedule, and its payments.

The shares are issued to the register only once the subscription is paid up, at the par value
fixed when it was subscribed; until then the money paid is held apart from share capital.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin

from .members import Member


class ShareSubscription(TransitionsMixin, models.Model):
    """A member's promise to buy `quantity` shares at `price`, paid by a down payment and instalments."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")  # one instalment due per whole week since the start
        MONTHLY = "monthly", _("Every month")  # one instalment due per whole month since the start
        PAYSLIP = "payslip", _("Deducted from each payslip")  # the payroll deducts one per posted payslip

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being paid")  # instalments are due
        PAID_UP = "paid_up", _("Paid up")  # fully paid; the shares are issued
        CANCELLED = "cancelled", _("Cancelled")  # ended before paid up; what was paid is returned

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.ACTIVE: frozenset({Status.PAID_UP, Status.CANCELLED}),
        Status.PAID_UP: frozenset(),
        Status.CANCELLED: frozenset(),
    }

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="share_subscriptions", verbose_name=_("member")
    )
    quantity = models.PositiveIntegerField(_("shares subscribed"))
    par_value = models.DecimalField(_("par value at subscription"), **MONEY)
    price = models.DecimalField(_("price"), **MONEY)
    down_payment = models.DecimalField(_("down payment"), **MONEY)
    instalment = models.DecimalField(_("instalment"), **MONEY)
    frequency = models.CharField(_("schedule"), max_length=16, choices=Frequency)
    started_on = models.DateField(_("started on"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.ACTIVE)
    # The running total of the payments, kept under the subscription's row lock so that two
    # payments at once can never take it past the price (the database checks it too).
    paid = models.DecimalField(_("paid"), **MONEY, default=0)
    # Payslips that owed an instalment, deducted in full or not: the schedule of a per-payslip subscription.
    payslips_charged = models.PositiveIntegerField(_("payslips charged"), default=0)
    refunded = models.DecimalField(_("returned on cancellation"), **MONEY, default=0)
    subscribed_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    subscribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subscribed by"),
    )
    # When it was paid up or cancelled: from then on its shares count as issued, or not at all.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.CharField(_("reason"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-subscribed_at", "-pk"]
        verbose_name = _("share subscription")
        verbose_name_plural = _("share subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="share_sub_quantity_positive",
                violation_error_message=_("The quantity must be at least one share."),
            ),
            models.CheckConstraint(
                condition=Q(par_value__gt=0) & Q(price=F("quantity") * F("par_value")),
                name="share_sub_price_at_par",
                violation_error_message=_("The price must be the number of shares times their par value."),
            ),
            models.CheckConstraint(
                condition=Q(down_payment__gte=0) & Q(down_payment__lte=F("price")),
                name="share_sub_down_payment_within_price",
                violation_error_message=_("The down payment must be between zero and the price."),
            ),
            models.CheckConstraint(
                condition=Q(instalment__gt=0) & Q(instalment__lte=F("price")),
                name="share_sub_instalment_within_price",
                violation_error_message=_("The instalment must be more than zero and no more than the price."),
            ),
            models.CheckConstraint(
                condition=Q(paid__gte=0) & Q(paid__lte=F("price")),
                name="share_sub_paid_within_price",
                violation_error_message=_("A subscription is never paid more than its price."),
            ),
            models.CheckConstraint(
                condition=~Q(status="paid_up") | Q(paid=F("price")),
                name="share_sub_paid_up_is_paid",
                violation_error_message=_("A paid-up subscription has been paid its whole price."),
            ),
            models.CheckConstraint(
                condition=Q(refunded=0) | (Q(status="cancelled") & Q(refunded=F("paid"))),
                name="share_sub_refund_on_cancel",
                violation_error_message=_("Only a cancelled subscription returns what was paid, and all of it."),
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=["weekly", "monthly", "payslip"]),
                name="share_sub_frequency_known",
                violation_error_message=_("Choose a schedule from the list."),
            ),
            models.CheckConstraint(
                condition=Q(status="active", closed_at__isnull=True)
                | (~Q(status="active") & Q(closed_at__isnull=False)),
                name="share_sub_closed_when_ended",
                violation_error_message=_("A subscription records when it was paid up or cancelled, and only then."),
            ),
        ]
        indexes = [models.Index(fields=["status", "frequency"])]

    def __str__(self) -> str:
        member = self.member.legal_name if self.member_id else "?"
        return f"{member} · {self.quantity} · {self.get_status_display()}"

    @property
    def owed(self):
        """What remains to pay of the price."""
        return self.price - self.paid


class SubscriptionPayment(models.Model):
    """Money received toward a subscription: the down payment, cash, or a payroll deduction."""

    class Source(models.TextChoices):
        DOWN_PAYMENT = "down_payment", _("Down payment")
        CASH = "cash", _("Paid in cash")
        PAYROLL = "payroll", _("Deducted from a payslip")

    subscription = models.ForeignKey(
        ShareSubscription, on_delete=models.PROTECT, related_name="payments", verbose_name=_("subscription")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    source = models.CharField(_("paid by"), max_length=16, choices=Source)
    # What the money came with, e.g. "payslip:12": a plain text, as the payslip is finance's record.
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.CharField(_("reason"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("subscription payment")
        verbose_name_plural = _("subscription payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="sub_payment_amount_positive",
                violation_error_message=_("A payment must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(source__in=["down_payment", "cash", "payroll"]),
                name="sub_payment_source_known",
                violation_error_message=_("Choose how the payment was made from the list."),
            ),
            # One deduction per payslip and subscription, however often a posting is retried.
            models.UniqueConstraint(
                fields=["subscription", "reference"],
                condition=Q(source="payroll"),
                name="sub_payment_once_per_payslip",
                violation_error_message=_("This payslip already paid this subscription's instalment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscription} · {self.amount} ({self.get_source_display()})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Payments are never edited: record a new one instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Payments are never deleted."))
