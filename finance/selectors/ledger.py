"""Reads of the ledger: accounts, entries, balances, computed in the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from coop.money import MONEY as MONEY_COLUMN

from ..models import Account, JournalEntry, JournalLine

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
MONEY = DecimalField(**MONEY_COLUMN)
# The chart's account of income not from the members' work (finance.services.ledger.CHART).
NON_PATRONAGE_INCOME = "4900"


def accounts() -> QuerySet[Account]:
    """Return the chart of accounts, each with the member whose capital it holds, if any."""
    return Account.objects.select_related("member")


def accounts_with_balances(*, until: date | None = None) -> QuerySet[Account]:
    """Every account with `debits`, `credits` and `balance` (in its normal direction) annotated."""
    posted = Q(lines__entry__posted=True)
    if until is not None:
        posted &= Q(lines__entry__date__lte=until)
    qs = accounts().annotate(
        debits=Coalesce(Sum("lines__debit", filter=posted), Value(ZERO), output_field=MONEY),
        credits=Coalesce(Sum("lines__credit", filter=posted), Value(ZERO), output_field=MONEY),
    )
    return qs


def balance_of(account: Account) -> Decimal:
    """Return the account's balance on its normal side, to the cent, from the annotated totals."""
    value = account.debits - account.credits if account.debit_normal else account.credits - account.debits
    return Decimal(value).quantize(CENT)


def journal_entries() -> QuerySet[JournalEntry]:
    """Return the journal entries with their lines, reversals and authors."""
    lines = JournalLine.objects.select_related("account")
    return JournalEntry.objects.select_related("reversal_of", "created_by").prefetch_related(
        Prefetch("lines", queryset=lines)
    )


def totals_by_type(*, period_start: date | None = None, period_end: date | None = None) -> dict[str, Decimal]:
    """Return, per account type, the balance in its normal direction over the period."""
    lines = JournalLine.objects.filter(entry__posted=True)
    if period_start:
        lines = lines.filter(entry__date__gte=period_start)
    if period_end:
        lines = lines.filter(entry__date__lte=period_end)
    rows = lines.values("account__type").annotate(d=Sum("debit"), c=Sum("credit")).order_by()
    result = {t: ZERO for t in Account.Type.values}
    for row in rows:
        t = row["account__type"]
        value = row["d"] - row["c"] if t in Account.DEBIT_NORMAL else row["c"] - row["d"]
        result[t] = Decimal(value).quantize(CENT)
    return result


def surplus_figures(*, period_start: date, period_end: date) -> tuple[Decimal, Decimal]:
    """Return (revenue, expenses) of the period."""
    totals = totals_by_type(period_start=period_start, period_end=period_end)
    return totals[Account.Type.INCOME], totals[Account.Type.EXPENSE]


def non_patronage_income(*, period_start: date, period_end: date) -> Decimal:
    """Return the period's net non-patronage income (interest, rent, gains on account 4900), never
    below zero: the part of the surplus kept apart from the patronage dividends, in one query."""
    totals = JournalLine.objects.filter(
        entry__posted=True,
        entry__date__gte=period_start,
        entry__date__lte=period_end,
        account__code=NON_PATRONAGE_INCOME,
    ).aggregate(d=Sum("debit"), c=Sum("credit"))
    return max(Decimal((totals["c"] or ZERO) - (totals["d"] or ZERO)).quantize(CENT), ZERO)


def income_expense_by_month() -> list[dict]:
    """Income and expenses per month, summed in the database."""
    rows = (
        JournalLine.objects.filter(entry__posted=True, account__type__in=["income", "expense"])
        .annotate(month=TruncMonth("entry__date"))
        .values("month", "account__type")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by("month")
    )
    months: dict = {}
    for row in rows:
        slot = months.setdefault(row["month"], {"month": row["month"], "income": ZERO, "expense": ZERO})
        if row["account__type"] == "income":
            slot["income"] += row["c"] - row["d"]
        else:
            slot["expense"] += row["d"] - row["c"]
    return list(months.values())


def account_over_time(code_or_account) -> list[dict]:
    """An equity account's balance at the end of each month with movement, with the running total."""
    account_filter = (
        {"account": code_or_account} if isinstance(code_or_account, Account) else {"account__code": code_or_account}
    )
    rows = (
        JournalLine.objects.filter(entry__posted=True, **account_filter)
        .annotate(month=TruncMonth("entry__date"))
        .values("month")
        .annotate(change=Sum(F("credit") - F("debit")))
        .order_by("month")
    )
    running = ZERO
    result = []
    for row in rows:
        running += row["change"]
        result.append({"month": row["month"], "change": row["change"], "balance": running})
    return result


def member_equity(*, until: date) -> Decimal:
    """Share capital, what members paid toward shares not yet issued, and every member capital
    account at the end of `until`."""
    agg = (
        JournalLine.objects.filter(entry__posted=True, entry__date__lte=until)
        .filter(Q(account__code__in=["3000", "3050"]) | Q(account__member__isnull=False))
        .aggregate(d=Sum("debit"), c=Sum("credit"))
    )
    return Decimal((agg["c"] or ZERO) - (agg["d"] or ZERO)).quantize(CENT)


def capital_accounts() -> QuerySet[Account]:
    """Members' capital accounts with their balance annotated."""
    return accounts_with_balances().filter(member__isnull=False).order_by("member__email")


def capital_balance(user) -> Decimal:
    """Return `user`'s capital: credits minus debits on their posted capital lines, to the cent."""
    agg = JournalLine.objects.filter(entry__posted=True, account__member=user).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    return Decimal((agg["c"] or ZERO) - (agg["d"] or ZERO)).quantize(CENT)


def capital_balance_of_user() -> Coalesce:
    """Return `capital_balance` (credits minus debits, before rounding to the cent) as an expression
    over a queryset of users (the member is `OuterRef("pk")`), so that a page gathering several
    apps' figures reads them in one query."""
    balance = (
        JournalLine.objects.filter(entry__posted=True, account__member=OuterRef("pk"))
        .order_by()
        .values("account__member")
        .annotate(b=Sum("credit") - Sum("debit"))
        .values("b")
    )
    return Coalesce(Subquery(balance, output_field=MONEY), Value(ZERO), output_field=MONEY)


def capital_lines(user) -> QuerySet[JournalLine]:
    """Return the posted ledger lines of `user`'s capital, newest first."""
    return (
        JournalLine.objects.filter(entry__posted=True, account__member=user)
        .select_related("entry")
        .order_by("-entry__date", "-pk")
    )
