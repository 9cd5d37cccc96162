"""The counting rules, as pure functions over (marks, weight) pairs.

Nothing here touches the database: the tally groups the ballots there (one row per distinct
set of marks, with its summed weight) and hands the groups to one of these functions. All
arithmetic is exact (`Fraction`), so a count never depends on rounding.

Published rules
---------------
* Yes / no / abstain: abstentions count towards the quorum, not towards the threshold. The
  motion is adopted when yes / (yes + no) reaches the threshold (strictly exceeds it for a
  simple majority of 50 %).
* Plurality: the `seats` choices with the most weight win.
* Approval: each ballot approves any number of choices; the `seats` most approved win.
* Instant runoff (one seat): a choice with more than half of the continuing weight wins; else
  the weakest is excluded and its ballots move to their next continuing preference.
* Single transferable vote (several seats): Droop quota in its exact form, q = V / (S + 1);
  a choice whose weight exceeds q is elected and its surplus moves on by the Weighted
  Inclusive Gregory Method: every ballot in its pile continues at value * surplus / total.
  When nobody exceeds q, the weakest choice is excluded and its ballots move on at their
  current value. When the continuing choices just fill the remaining seats, they are elected.
* Ties (a last seat, an exclusion) are broken by the most recent earlier round in which the
  tied choices differed; failing that, the choice listed later on the ballot loses. A
  plurality or approval tie for the last seat is reported and not broken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

Group = tuple[tuple[int, ...], Decimal]  # (marks in order, summed weight of those ballots)


@dataclass
class Round:
    number: int
    tallies: dict[int, Fraction]
    exhausted: Fraction
    action: str  # "elect", "exclude" or "elect remaining"
    choices: list[int]
    quota: Fraction | None = None

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "tallies": {str(k): _dec(v) for k, v in self.tallies.items()},
            "exhausted": _dec(self.exhausted),
            "action": self.action,
            "choices": self.choices,
            "quota": _dec(self.quota) if self.quota is not None else None,
        }


@dataclass
class Count:
    method: str
    totals: dict[int, Fraction]  # first-round weight per choice
    winners: list[int]
    tied: list[int] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)


def _dec(value: Fraction) -> str:
    """Return `value` as a decimal string with six places, for display and storage only."""
    return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.000001")))


def _fraction(weight) -> Fraction:
    return Fraction(Decimal(weight))


def single_choice(groups: Iterable[Group], choices: Sequence[int], seats: int = 1) -> Count:
    """Count ballots with one mark each (yes/no/abstain or plurality): the top `seats` win."""
    totals = {c: Fraction(0) for c in choices}
    for marks, weight in groups:
        for choice in marks:
            totals[choice] += _fraction(weight)
    winners, tied = _top(totals, choices, seats)
    return Count("plurality", totals, winners, tied)


def approval(groups: Iterable[Group], choices: Sequence[int], seats: int = 1) -> Count:
    """Count approval ballots: every approved choice gets the ballot's full weight."""
    count = single_choice(groups, choices, seats)
    count.method = "approval"
    return count


def _top(totals: dict[int, Fraction], choices: Sequence[int], seats: int) -> tuple[list[int], list[int]]:
    ranked = sorted(choices, key=lambda c: -totals[c])
    if len(ranked) <= seats:
        return [c for c in ranked if totals[c] > 0], []
    cutoff = totals[ranked[seats - 1]]
    if totals[ranked[seats]] == cutoff:
        return [c for c in ranked if totals[c] > cutoff], [c for c in ranked if totals[c] == cutoff]
    return [c for c in ranked[:seats] if totals[c] > 0], []


def _loser(candidates: list[int], tallies: dict[int, Fraction], rounds: list[Round], order: Sequence[int]) -> int:
    """Return the candidate to exclude: lowest now, then lowest in the latest differing round,
    then the one listed later."""
    low = min(tallies[c] for c in candidates)
    tied = [c for c in candidates if tallies[c] == low]
    for earlier in reversed(rounds):
        if len(tied) == 1:
            break
        low = min(earlier.tallies.get(c, Fraction(0)) for c in tied)
        tied = [c for c in tied if earlier.tallies.get(c, Fraction(0)) == low]
    return max(tied, key=order.index)


def _winner(candidates: list[int], tallies: dict[int, Fraction], rounds: list[Round], order: Sequence[int]) -> int:
    high = max(tallies[c] for c in candidates)
    tied = [c for c in candidates if tallies[c] == high]
    for earlier in reversed(rounds):
        if len(tied) == 1:
            break
        high = max(earlier.tallies.get(c, Fraction(0)) for c in tied)
        tied = [c for c in tied if earlier.tallies.get(c, Fraction(0)) == high]
    return min(tied, key=order.index)


class _Piles:
    """Ballots sorted into piles by their first continuing preference."""

    def __init__(self, groups: Iterable[Group], choices: Sequence[int]):
        self.hopeful = list(choices)
        self.piles: dict[int, list[tuple[tuple[int, ...], Fraction]]] = {c: [] for c in choices}
        self.exhausted = Fraction(0)
        self.total = Fraction(0)
        for marks, weight in groups:
            value = _fraction(weight)
            self.total += value
            self.place(marks, value)

    def place(self, marks: tuple[int, ...], value: Fraction) -> None:
        for choice in marks:
            if choice in self.hopeful:
                self.piles[choice].append((marks, value))
                return
        self.exhausted += value

    def tallies(self) -> dict[int, Fraction]:
        return {c: sum((v for _m, v in self.piles[c]), Fraction(0)) for c in self.hopeful}

    def remove(self, choice: int, ratio: Fraction = Fraction(1)) -> None:
        """Take `choice` out of the running and pass its pile on at `ratio` of its value."""
        self.hopeful.remove(choice)
        pile, self.piles[choice] = self.piles[choice], []
        for marks, value in pile:
            self.place(marks, value * ratio)


def instant_runoff(groups: Iterable[Group], choices: Sequence[int]) -> Count:
    """Elect one choice by instant runoff, round by round."""
    piles = _Piles(groups, choices)
    rounds: list[Round] = []
    first: dict[int, Fraction] = {}
    while piles.hopeful:
        tallies = piles.tallies()
        first = first or dict(tallies)
        continuing = sum(tallies.values(), Fraction(0))
        leader = _winner(piles.hopeful, tallies, rounds, choices)
        if tallies[leader] * 2 > continuing or len(piles.hopeful) == 1:
            rounds.append(Round(len(rounds) + 1, tallies, piles.exhausted, "elect", [leader]))
            winners = [leader] if tallies[leader] > 0 else []
            return Count("instant_runoff", first, winners, [], rounds)
        loser = _loser(piles.hopeful, tallies, rounds, choices)
        rounds.append(Round(len(rounds) + 1, tallies, piles.exhausted, "exclude", [loser]))
        piles.remove(loser)
    return Count("instant_runoff", first, [], [], rounds)


def single_transferable_vote(groups: Iterable[Group], choices: Sequence[int], seats: int) -> Count:
    """Elect `seats` choices by STV: exact Droop quota, WIGM surplus transfers."""
    piles = _Piles(groups, choices)
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
            rounds.append(Round(number, tallies, piles.exhausted, "elect remaining", remaining, quota))
            break
        over = [c for c in piles.hopeful if tallies[c] > quota]
        if over:
            chosen = _winner(over, tallies, rounds, choices)
            elected.append(chosen)
            rounds.append(Round(number, tallies, piles.exhausted, "elect", [chosen], quota))
            piles.remove(chosen, (tallies[chosen] - quota) / tallies[chosen])
        else:
            loser = _loser(piles.hopeful, tallies, rounds, choices)
            rounds.append(Round(number, tallies, piles.exhausted, "exclude", [loser], quota))
            piles.remove(loser)
    return Count("stv", first, elected, [], rounds)
