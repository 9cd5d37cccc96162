"""A member's capital statement and patronage dividends, summed in the database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DecimalField, F, QuerySet, Sum, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from coop.money import MONEY as MONEY_COLUMN
from membership.models import ShareTransaction

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
