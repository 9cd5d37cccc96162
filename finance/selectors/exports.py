"""Reads of the ledger for the cooperative's accountant: the general journal and the trial balance
of a period, summed in the database, and the check that the period is ready to hand over."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Account, JournalEntry, JournalLine
from .ledger import CENT, MONEY, ZERO


@dataclass(frozen=True)
class TrialBalanceRow:
    """One account's movement over the period: its balance before, what moved, its balance after.
    Balances are signed debit minus credit, so the rows of a balanced ledger sum to zero."""

    account: Account
    opening: Decimal
    debits: Decimal
    credits: Decimal

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debits - self.credits


def export_period_check(*, period_start: date | None, period_end: date | None) -> None:
    """Refuse a period the accountant cannot be handed: one that ends before it starts, or one
    holding journal entries not posted yet (their figures could still change)."""
    if period_start is None or period_end is None:
        missing = "period_start" if period_start is None else "period_end"
        raise ValidationError({missing: _("Give the first and the last day of the period.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    unposted = JournalEntry.objects.filter(posted=False, date__range=(period_start, period_end)).count()
    if unposted:
        raise ValidationError(
            {
                "period_end": ngettext(
                    "%(count)s journal entry dated in this period is not posted yet; post it before the "
                    "period is exported, or export a period that ends before %(day)s.",
                    "%(count)s journal entries dated in this period are not posted yet; post them before the "
                    "period is exported, or export a period that ends before %(day)s.",
                    unposted,
                )
                % {"count": unposted, "day": date_format(_first_unposted(period_start, period_end))}
            }
        )


def _first_unposted(period_start: date, period_end: date) -> date:
    return (
        JournalEntry.objects.filter(posted=False, date__range=(period_start, period_end))
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


def trial_balance(*, period_start: date, period_end: date) -> list[TrialBalanceRow]:
    """Every account with a balance or a movement: the posted figures before the period, and the
    debits and credits within it, summed in one query."""
    before = Q(lines__entry__posted=True, lines__entry__date__lt=period_start)
    within = Q(lines__entry__posted=True, lines__entry__date__range=(period_start, period_end))
    rows = Account.objects.annotate(
        opening_debits=Coalesce(Sum("lines__debit", filter=before), Value(ZERO), output_field=MONEY),
        opening_credits=Coalesce(Sum("lines__credit", filter=before), Value(ZERO), output_field=MONEY),
        debits=Coalesce(Sum("lines__debit", filter=within), Value(ZERO), output_field=MONEY),
        credits=Coalesce(Sum("lines__credit", filter=within), Value(ZERO), output_field=MONEY),
    ).order_by("code")
    result = []
    for account in rows:
        row = TrialBalanceRow(
            account=account,
            opening=Decimal(account.opening_debits - account.opening_credits).quantize(CENT),
            debits=Decimal(account.debits).quantize(CENT),
            credits=Decimal(account.credits).quantize(CENT),
        )
        if row.opening or row.debits or row.credits:
            result.append(row)
    return result


def journal_lines(*, period_start: date, period_end: date) -> Iterator[dict]:
    """The posted journal of the period, line by line in date order, as plain values: read in one
    query and streamed, so a year of entries never sits in memory as objects."""
    return (
        JournalLine.objects.filter(entry__posted=True, entry__date__range=(period_start, period_end))
        .order_by("entry__date", "entry_id", "pk")
        .values(
            "entry_id",
            "entry__date",
            "entry__memo",
            "entry__source",
            "account__code",
            "account__name",
            "account__type",
            "debit",
            "credit",
            "memo",
        )
        .iterator(chunk_size=2000)
    )
