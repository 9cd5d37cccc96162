"""Club-phase dues: a schedule, a charge per member and period, payments and reminders."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY

from .members import Member


class DuesSchedule(models.Model):
    """How much each member pays per period, from a start date, while it is active."""

    name = models.CharField(_("name"), max_length=200)
    amount = models.DecimalField(_("amount per period"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    period_days = models.PositiveIntegerField(_("period (days)"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("first period starts on"))
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("dues schedule")
        verbose_name_plural = _("dues schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="dues_schedule_amount_positive",
                violation_error_message=_("The dues amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(period_days__gte=1),
                name="dues_schedule_period_positive",
                violation_error_message=_("The period must last at least one day."),
            ),
            models.UniqueConstraint(
                fields=["active"],
                condition=Q(active=True),
                name="dues_one_active_schedule",
                violation_error_message=_("Only one dues schedule may be active."),
            ),
        ]

    def __str__(self) -> str:
        return ngettext(
            "%(name)s: %(amount)s every %(days)s day", "%(name)s: %(amount)s every %(days)s days", self.period_days
        ) % {"name": self.name, "amount": formats.localize(self.amount), "days": self.period_days}


class DuesCharge(models.Model):
    """What one member owes for one period of a schedule."""

    schedule = models.ForeignKey(
        DuesSchedule, on_delete=models.PROTECT, related_name="charges", verbose_name=_("schedule")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_charges", verbose_name=_("member"))
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    amount = models.DecimalField(_("amount"), **MONEY)
    charged_at = models.DateTimeField(_("charged at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "member_id"]
        verbose_name = _("dues charge")
        verbose_name_plural = _("dues charges")
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "member", "period_start"],
                name="dues_charge_once_per_period",
                violation_error_message=_("This member is already charged for this period."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="dues_charge_amount_positive",
                violation_error_message=_("A dues charge must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="dues_charge_period_ordered",
                violation_error_message=_("The period must end on or after the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(member)s: %(amount)s for the period from %(start)s") % {
            "member": self.member_id,
            "amount": formats.localize(self.amount),
            "start": formats.date_format(self.period_start),
        }


class DuesPayment(models.Model):
    """Money (or points) a member paid towards their dues."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_payments", verbose_name=_("member"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="dues_payment_amount_positive",
                violation_error_message=_("A payment must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(member)s: %(amount)s paid on %(day)s") % {
            "member": self.member_id,
            "amount": formats.localize(self.amount),
            "day": formats.date_format(self.paid_on),
        }


class DuesReminder(models.Model):
    """A reminder email sent to a member in arrears; it keeps reminders at most one per period."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="dues_reminders", verbose_name=_("member")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    arrears = models.DecimalField(_("arrears when sent"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("dues reminder")
        verbose_name_plural = _("dues reminders")
        constraints = [
            models.CheckConstraint(
                condition=Q(arrears__gt=0),
                name="dues_reminder_only_for_arrears",
                violation_error_message=_("A reminder is sent only to a member who owes dues."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(member)s: reminded of %(arrears)s on %(day)s") % {
            "member": self.member_id,
            "arrears": formats.localize(self.arrears),
            "day": formats.date_format(timezone.localtime(self.sent_at)),
        }
