"""Reads of bonus awards and surplus allocations."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from federation.models import Peer

from ..models import BonusAward, PatronageDividend, SolidarityCommitment, SurplusAllocation


def bonus_awards() -> QuerySet[BonusAward]:
    """Return the bonuses awarded, with their holder and journal entry."""
    return BonusAward.objects.select_related("holder", "journal_entry")


def surplus_allocations() -> QuerySet[SurplusAllocation]:
    """Return the surplus allocations with their patronage dividends per member."""
    dividends = PatronageDividend.objects.select_related("member")
    return SurplusAllocation.objects.select_related("proposed_by", "journal_entry").prefetch_related(
        Prefetch("patronage", queryset=dividends)
    )


def solidarity_commitment_for(period_start: date) -> SolidarityCommitment | None:
    """Return the alliance's solidarity commitment a fiscal period starting on `period_start` falls
    under: of those that apply from that day or before, the last received, since each message
    supersedes the earlier ones from its start date. A removed peer's commitments no longer bind
    the cooperative, which has left that alliance."""
    return (
        SolidarityCommitment.objects.filter(starts_on__lte=period_start)
        .exclude(peer__status=Peer.Status.REMOVED)
        .select_related("peer")
        .order_by("-received_at", "-pk")
        .first()
    )


def solidarity_commitments() -> QuerySet[SolidarityCommitment]:
    """Return every solidarity commitment received, newest first, with the peer that sent it."""
    return SolidarityCommitment.objects.select_related("peer")
