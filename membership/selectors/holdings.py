"""Share holdings and capital accounts, derived from the ledger by database aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from coop.money import MONEY as MONEY_COLUMN
from coop.selectors import policy_value

from ..models import Member, ShareRequest, ShareTransaction

MONEY = DecimalField(**MONEY_COLUMN)


def ledger_shares():
    """Return the expression of a member's shares according to the ledger, for `annotate()`."""
    ledger_sum = (
        ShareTransaction.objects.filter(member=OuterRef("pk"))
        .order_by()
        .values("member")
        .annotate(total=Sum("change"))
        .values("total")
    )
    return Coalesce(Subquery(ledger_sum, output_field=IntegerField()), Value(0))


def share_holdings() -> QuerySet[Member]:
    """Return members annotated with `shares` (the ledger's sum) and `capital` (shares at par)."""
    par = policy_value("share_par_value")
    return (
        Member.objects.select_related("user")
        .annotate(shares=ledger_shares())
        .annotate(capital=ExpressionWrapper(F("shares") * Value(par, output_field=MONEY), output_field=MONEY))
    )


def shares_held(member: Member) -> int:
    """Return how many shares `member` holds according to the ledger."""
    total = ShareTransaction.objects.filter(member=member).aggregate(total=Sum("change"))["total"]
    return total or 0


def shares_outstanding() -> int:
    """Return how many shares the cooperative has issued and not redeemed."""
    return ShareTransaction.objects.aggregate(total=Sum("change"))["total"] or 0


@dataclass(frozen=True)
class CapitalAccount:
    """A member's equity. Finance adds retained allocations; today it is shares at par."""

    shares: int
    par_value: Decimal
    share_capital: Decimal
    retained: Decimal = Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.share_capital + self.retained


def capital_account(member: Member) -> CapitalAccount:
    """Return `member`'s capital account: their shares valued at today's par value."""
    return capital_account_from(shares=shares_held(member), par=policy_value("share_par_value"))


def capital_account_from(*, shares: int, par: Decimal) -> CapitalAccount:
    """Return the capital account of `shares` already read, valued at `par` already read."""
    return CapitalAccount(shares=shares, par_value=par, share_capital=(par * shares).quantize(Decimal("0.01")))


def share_ledger(*, member: Member | None = None) -> QuerySet[ShareTransaction]:
    """Return the share ledger's transactions, of `member` only when given."""
    queryset = ShareTransaction.objects.select_related("member__user", "recorded_by", "request")
    return queryset.filter(member=member) if member is not None else queryset


def share_requests(*, member: Member | None = None) -> QuerySet[ShareRequest]:
    """Return the requests to buy or sell shares, of `member` only when given."""
    queryset = ShareRequest.objects.select_related("member__user", "decided_by")
    return queryset.filter(member=member) if member is not None else queryset


def share_requests_waiting() -> QuerySet[ShareRequest]:
    """Return the share requests waiting for the Board's decision, oldest first."""
    return ShareRequest.objects.filter(status=ShareRequest.Status.PENDING).order_by("submitted_at", "pk")


def ledger_mismatches() -> QuerySet[Member]:
    """Return members whose stored balance differs from their ledger: always empty when the services hold."""
    return share_holdings().exclude(shares=F("share_balance"))
