"""Reads of club-phase dues: charges, payments and arrears, from database aggregates."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from coop.money import MONEY as MONEY_COLUMN

from ..models import DuesCharge, DuesPayment, DuesSchedule, Member

MONEY = DecimalField(**MONEY_COLUMN)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def dues_schedule_active() -> DuesSchedule | None:
    """Return the dues schedule in force, or None when no schedule is active."""
    return DuesSchedule.objects.filter(active=True).first()


def _sum_by_member(model) -> Subquery:
    return Subquery(
        model.objects.filter(member=OuterRef("pk")).order_by().values("member").annotate(t=Sum("amount")).values("t"),
        output_field=MONEY,
    )


def dues_balances() -> QuerySet[Member]:
    """Return members annotated with `dues_charged`, `dues_paid` and `arrears` (charged minus paid)."""
    return (
        Member.objects.select_related("user")
        .annotate(
            dues_charged=Coalesce(_sum_by_member(DuesCharge), ZERO),
            dues_paid=Coalesce(_sum_by_member(DuesPayment), ZERO),
        )
        .annotate(arrears=F("dues_charged") - F("dues_paid"))
    )


def members_in_arrears() -> QuerySet[Member]:
    """Return the members who owe dues: charged more than they paid."""
    return dues_balances().filter(arrears__gt=0)


def dues_arrears(member: Member) -> Decimal:
    """Return what `member` owes in dues: charged minus paid."""
    return dues_balances().get(pk=member.pk).arrears


def dues_charges(*, member: Member | None = None) -> QuerySet[DuesCharge]:
    """Return the dues charges, of `member` only when given."""
    queryset = DuesCharge.objects.select_related("member__user", "schedule")
    return queryset.filter(member=member) if member is not None else queryset


def dues_payments(*, member: Member | None = None) -> QuerySet[DuesPayment]:
    """Return the dues payments recorded, of `member` only when given."""
    queryset = DuesPayment.objects.select_related("member__user", "recorded_by")
    return queryset.filter(member=member) if member is not None else queryset
