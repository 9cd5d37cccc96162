"""Counts with one round: yes / no / abstain, plurality and approval."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from .base import Count, Group, fraction


def single_choice(groups: Iterable[Group], choices: Sequence[int], seats: int = 1) -> Count:
    """Count ballots with one mark each (yes/no/abstain or plurality): the top `seats` win."""
    totals = {c: Fraction(0) for c in choices}
    for marks, weight in groups:
        for choice in marks:
            totals[choice] += fraction(weight)
    winners, tied = _top(totals, choices, seats)
    return Count("plurality", totals, winners, tied)


def approval(groups: Iterable[Group], choices: Sequence[int], seats: int = 1) -> Count:
    """Count approval ballots: every approved choice gets the ballot's full weight."""
    count = single_choice(groups, choices, seats)
    count.method = "approval"
    return count


def _top(totals: dict[int, Fraction], choices: Sequence[int], seats: int) -> tuple[list[int], list[int]]:
    # A tie for the last seat is reported, not broken: these ballots give no earlier round to
    # look back to, and the Bylaws leave such a tie to a new vote.
    ranked = sorted(choices, key=lambda c: -totals[c])
    if len(ranked) <= seats:
        return [c for c in ranked if totals[c] > 0], []
    cutoff = totals[ranked[seats - 1]]
    if totals[ranked[seats]] == cutoff:
        return [c for c in ranked if totals[c] > cutoff], [c for c in ranked if totals[c] == cutoff]
    return [c for c in ranked[:seats] if totals[c] > 0], []
