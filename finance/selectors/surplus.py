"""Reads of bonus awards and surplus allocations."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ..models import BonusAward, PatronageDividend, SurplusAllocation


def bonus_awards() -> QuerySet[BonusAward]:
    """Return the bonuses awarded, with their holder and journal entry."""
    return BonusAward.objects.select_related("holder", "journal_entry")


def surplus_allocations() -> QuerySet[SurplusAllocation]:
    """Return the surplus allocations with their patronage dividends per member."""
    dividends = PatronageDividend.objects.select_related("member")
    return SurplusAllocation.objects.select_related("proposed_by", "journal_entry").prefetch_related(
        Prefetch("patronage", queryset=dividends)
    )
