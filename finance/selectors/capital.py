"""A member's capital statement and patronage dividends, and every member's patronage figures of
a tax period for the accountant, summed in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, DecimalField, F, OuterRef, QuerySet, Subquery, Sum, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from coop.models import User
from coop.money import MONEY as MONEY_COLUMN
from coop.selectors import policy_value
from membership.models import Member, ShareTransaction

from ..models import JournalLine, PatronageDividend, SurplusAllocation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MONEY = DecimalField(**MONEY_COLUMN)


@dataclass(frozen=True)
class CapitalYear:
    """One year of a member's capital: shares at the price paid, and the internal capital account
    (retained allocations credited, redemptions debited), from the opening to the closing balance."""

    year: int
    opening: Decimal
    shares: Decimal
    allocations: Decimal
    redemptions: Decimal

    @property
    def closing(self) -> Decimal:
        return self.opening + self.shares + self.allocations - self.redemptions


def capital_statement(user) -> list[CapitalYear]:
    """Return `user`'s capital statement, one row per year from their first movement to this year,
    oldest first: two grouped queries, whatever the number of movements."""
    signed = Case(When(change__lt=0, then=-F("amount")), default=F("amount"), output_field=MONEY)
    shares = dict(
        ShareTransaction.objects.filter(member__user=user)
        .annotate(year=ExtractYear("occurred_at"))
        .values("year")
        .annotate(total=Sum(signed))
        .order_by()
        .values_list("year", "total")
    )
    account = {
        row["year"]: (row["credits"] or ZERO, row["debits"] or ZERO)
        for row in JournalLine.objects.filter(entry__posted=True, account__member=user)
        .annotate(year=ExtractYear("entry__date"))
        .values("year")
        .annotate(credits=Sum("credit"), debits=Sum("debit"))
        .order_by()
    }
    years = set(shares) | set(account)
    if not years:
        return []
    statement, balance = [], ZERO
    for year in range(min(years), max(max(years), timezone.localdate().year) + 1):
        credits, debits = account.get(year, (ZERO, ZERO))
        row = CapitalYear(
            year=year,
            opening=balance,
            shares=Decimal(shares.get(year) or ZERO).quantize(CENT),
            allocations=Decimal(credits).quantize(CENT),
            redemptions=Decimal(debits).quantize(CENT),
        )
        statement.append(row)
        balance = row.closing
    return statement


def my_dividends(user) -> QuerySet[PatronageDividend]:
    """Return `user`'s patronage dividends of adopted allocations, newest first, with how each was
    split between cash and retained and when the cash part was paid."""
    return (
        PatronageDividend.objects.filter(member=user, allocation__status=SurplusAllocation.Status.ADOPTED)
        .select_related("allocation__cash_payment")
        .order_by("-allocation__period_end", "-pk")
    )


@dataclass(frozen=True)
class PatronageTaxRow:
    """One member's patronage figures of a tax period, for the accountant's 1099-PATR: the cash
    part paid, the retained allocations whose notice was issued (qualified once consented), and
    what was paid out of the capital account."""

    member: User
    cash_paid: Decimal
    retained_qualified: Decimal
    retained_nonqualified: Decimal
    redemptions: Decimal

    @property
    def patronage_dividends(self) -> Decimal:
        """Box 1: patronage dividends paid in cash plus qualified written notices of allocation."""
        return self.cash_paid + self.retained_qualified


def patronage_tax_figures(*, period_start: date, period_end: date) -> list[PatronageTaxRow]:
    """Each member's patronage figures of the period, summed in the database: four grouped queries
    and one for the members, whatever their number."""
    dividends = PatronageDividend.objects.order_by().values("member")
    cash = dict(
        dividends.filter(
            allocation__cash_payment__date__gte=period_start, allocation__cash_payment__date__lte=period_end
        )
        .annotate(total=Sum("cash"))
        .values_list("member", "total")
    )
    issued = dividends.filter(
        notice_issued_at__date__gte=period_start, notice_issued_at__date__lte=period_end, retained__gt=0
    )
    qualified = dict(
        issued.filter(consented_at__isnull=False).annotate(total=Sum("retained")).values_list("member", "total")
    )
    nonqualified = dict(
        issued.filter(consented_at__isnull=True).annotate(total=Sum("retained")).values_list("member", "total")
    )
    redeemed = dict(
        JournalLine.objects.filter(
            entry__posted=True,
            entry__date__gte=period_start,
            entry__date__lte=period_end,
            account__member__isnull=False,
            debit__gt=0,
        )
        .order_by()
        .values("account__member")
        .annotate(total=Sum("debit"))
        .values_list("account__member", "total")
    )
    ids = set(cash) | set(qualified) | set(nonqualified) | set(redeemed)
    members = User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "email")

    def figure(totals: dict, member_id: int) -> Decimal:
        return Decimal(totals.get(member_id) or ZERO).quantize(CENT)

    return [
        PatronageTaxRow(
            member=member,
            cash_paid=figure(cash, member.pk),
            retained_qualified=figure(qualified, member.pk),
            retained_nonqualified=figure(nonqualified, member.pk),
            redemptions=figure(redeemed, member.pk),
        )
        for member in members
    ]


def departed_capital_owed() -> QuerySet[Member]:
    """Return the departed members whose retained allocations are not paid out yet, annotated with
    `owed` (the total, summed in the database) and ordered by departure: one query."""
    owed = (
        PatronageDividend.objects.filter(
            member=OuterRef("user_id"),
            allocation__status=SurplusAllocation.Status.ADOPTED,
            retained__gt=0,
            redemption__isnull=True,
        )
        .order_by()
        .values("member")
        .annotate(total=Sum("retained"))
        .values("total")
    )
    return (
        Member.objects.filter(status=Member.Status.DEPARTED)
        .annotate(owed=Subquery(owed, output_field=MONEY))
        .filter(owed__gt=0)
        .select_related("user")
        .order_by("departed_on", "pk")
    )


def departure_redemption_due(member: Member) -> date | None:
    """Return the day by which a departed member's retained allocations are paid out: the departure
    plus the days the bylaws set (`capital_departure_days`); None for a member who has not departed."""
    if member.departed_on is None:
        return None
    return member.departed_on + timedelta(days=policy_value("capital_departure_days"))
