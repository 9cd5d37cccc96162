"""Instant runoff and STV with the exact Droop quota and the Weighted Inclusive Gregory Method.

Published rule ("wigm_exact"): quota q = V / (S + 1), exact; a choice whose votes exceed q is
elected, and every ballot in its pile moves on at value * surplus / votes. When nobody exceeds
q, the choice with fewest votes is excluded and its ballots move on at their current value.
When the continuing choices just fill the seats left, they are elected. Ties look back to the
most recent earlier round in which the tied choices differed, then are drawn by lot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from .base import FEWEST, LAST_STANDING, MAJORITY, QUOTA, REMAINING, Count, Group, Piles, Round, break_tie


def instant_runoff(groups: Iterable[Group], choices: Sequence[int], *, seed: str = "") -> Count:
    """Elect one choice by instant runoff, round by round; ties by earlier round, then lot."""
    piles = Piles(groups, choices)
    rounds: list[Round] = []
    first: dict[int, Fraction] = {}
    while piles.hopeful:
        tallies = piles.tallies()
        first = first or dict(tallies)
        continuing = sum(tallies.values(), Fraction(0))
        number = len(rounds) + 1
        high = max(tallies.values())
        leaders = [c for c in piles.hopeful if tallies[c] == high]
        if high * 2 > continuing or len(piles.hopeful) == 1:
            leader, tie = break_tie(leaders, rounds, lowest=False, seed=seed, context=f"{number}:elect")
            reason = MAJORITY if high * 2 > continuing else LAST_STANDING
            rounds.append(Round(number, tallies, piles.exhausted, "elect", [leader], reason=reason, tie=tie))
            return Count("instant_runoff", first, [leader] if high > 0 else [], [], rounds, seed=seed)
        low = min(tallies.values())
        lowest = [c for c in piles.hopeful if tallies[c] == low]
        loser, tie = break_tie(lowest, rounds, lowest=True, seed=seed, context=f"{number}:exclude")
        rounds.append(Round(number, tallies, piles.exhausted, "exclude", [loser], reason=FEWEST, tie=tie))
        piles.remove(loser)
    return Count("instant_runoff", first, [], [], rounds, seed=seed)


def single_transferable_vote(groups: Iterable[Group], choices: Sequence[int], seats: int, *, seed: str = "") -> Count:
    """Elect `seats` choices by STV: exact Droop quota, WIGM surplus transfers, one at a time."""
    piles = Piles(groups, choices)
    quota = piles.total / (seats + 1)
    rounds: list[Round] = []
    elected: list[int] = []
    first: dict[int, Fraction] = {}
    while len(elected) < seats and piles.hopeful:
        tallies = piles.tallies()
        first = first or dict(tallies)
        number = len(rounds) + 1
        if len(piles.hopeful) + len(elected) <= seats:
            remaining = sorted(piles.hopeful, key=lambda c: (-tallies[c], choices.index(c)))
            elected += remaining
            rounds.append(
                Round(number, tallies, piles.exhausted, "elect remaining", remaining, quota, reason=REMAINING)
            )
            break
        over = [c for c in piles.hopeful if tallies[c] > quota]
        if over:
            high = max(tallies[c] for c in over)
            top = [c for c in over if tallies[c] == high]
            chosen, tie = break_tie(top, rounds, lowest=False, seed=seed, context=f"{number}:elect")
            elected.append(chosen)
            rounds.append(
                Round(number, tallies, piles.exhausted, "elect", [chosen], quota, QUOTA, tie, surplus_of=[chosen])
            )
            piles.remove(chosen, (tallies[chosen] - quota) / tallies[chosen])
        else:
            low = min(tallies.values())
            lowest = [c for c in piles.hopeful if tallies[c] == low]
            loser, tie = break_tie(lowest, rounds, lowest=True, seed=seed, context=f"{number}:exclude")
            rounds.append(Round(number, tallies, piles.exhausted, "exclude", [loser], quota, FEWEST, tie))
            piles.remove(loser)
    return Count("stv", first, elected, [], rounds, rule="wigm_exact", seed=seed)
