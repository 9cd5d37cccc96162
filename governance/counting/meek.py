"""Meek's method (Hill, Wichmann & Woodall, "Algorithm 123", Computer Journal 1987).

Every ballot is passed down its preferences: each candidate keeps its keep factor's share of
what reaches it (1 while hopeful, 0 once excluded, below 1 once elected) and passes on the
rest. The quota is the exact Droop quota of the votes still held, (votes - exhausted) / (S + 1).
Keep factors of the elected are scaled by quota / votes until the total surplus is at most
omega = 1/10^10, or stops falling.

Variant: the reference Meek rule of the Droop counter (J. Lundell), in rational arithmetic with
omega 10^-10 ("meek-o10-rational"), keep factors rounded up to 10^-20: a hopeful candidate over
the quota is elected; with no election, the largest batch of "sure losers" (whose votes together with the
whole surplus stay below the next candidate's) is excluded at once, else the candidate with
fewest votes; candidates within the surplus of the lowest are tied, and a tie is drawn by lot.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

from . import lot
from .base import FEWEST, QUOTA, REMAINING, SURE_LOSERS, Count, Group, Round, fraction

OMEGA = Fraction(1, 10**10)
# Keep factors are rounded up to 10^-20 at each update, as Algorithm 123 rounds them up in fixed
# point: exact fractions would gain digits at every iteration and slow each one down without end,
# while a change below 10^-20 moves no total at the twelve places the reference count prints.
KEEP_PLACES = 10**20


class _Meek:
    def __init__(self, groups: Iterable[Group], choices: Sequence[int], seats: int):
        self.groups = [(marks, fraction(weight)) for marks, weight in groups]
        self.seats = seats
        self.hopeful = list(choices)
        self.elected: list[int] = []
        self.keep = {c: Fraction(1) for c in choices}
        self.total = sum((w for _m, w in self.groups), Fraction(0))
        self.votes: dict[int, Fraction] = {}
        self.quota = self.total / (seats + 1)
        self.surplus = Fraction(0)

    def distribute(self) -> None:
        """Pass every ballot down its preferences, each candidate keeping its share."""
        self.votes = {c: Fraction(0) for c in self.hopeful + self.elected}
        for marks, weight in self.groups:
            left = Fraction(1)
            for choice in marks:
                factor = self.keep.get(choice, Fraction(0))
                if factor:
                    self.votes[choice] += left * factor * weight
                    left -= left * factor
                    if left <= 0:
                        break
        self.quota = sum(self.votes.values(), Fraction(0)) / (self.seats + 1)

    def exhausted(self) -> Fraction:
        return self.total - sum(self.votes.values(), Fraction(0))

    def iterate(self) -> tuple[str, list[int]]:
        """Converge the keep factors; return why it stopped and who it elected or can exclude."""
        last = self.total
        while True:
            self.distribute()
            newly = [c for c in self.hopeful if self.votes[c] > self.quota]
            for choice in newly:
                self.hopeful.remove(choice)
                self.elected.append(choice)
            self.surplus = sum((self.votes[c] - self.quota for c in self.elected), Fraction(0))
            if newly:
                return "elected", newly
            if self.surplus <= OMEGA or self.surplus >= last:
                return "converged", []
            batch = self.sure_losers()
            if batch:
                return "batch", batch
            last = self.surplus
            for choice in self.elected:
                self.keep[choice] = _rounded_up(self.keep[choice] * self.quota / self.votes[choice])

    def sure_losers(self) -> list[int]:
        """Return the largest set of lowest candidates whose votes, with the whole surplus, stay
        below the next candidate's: no further iteration could save any of them."""
        groups: list[list[int]] = []
        floor = None
        for choice in sorted(self.hopeful, key=lambda c: self.votes[c]):
            if floor is not None and floor + self.surplus >= self.votes[choice]:
                groups[-1].append(choice)  # within the surplus of the group's lowest: tied
            else:
                groups.append([choice])
                floor = self.votes[choice]
        most = len(self.hopeful) - (self.seats - len(self.elected))
        batch: list[int] = []
        taken, held = [], Fraction(0)
        for index, group in enumerate(groups[:-1]):
            taken = taken + group
            if len(taken) > most:
                break
            held += sum((self.votes[c] for c in group), Fraction(0))
            if held + self.surplus < self.votes[groups[index + 1][0]]:
                batch = list(taken)
        return batch


def _rounded_up(keep: Fraction) -> Fraction:
    return Fraction(math.ceil(keep * KEEP_PLACES), KEEP_PLACES)


def meek_stv(groups: Iterable[Group], choices: Sequence[int], seats: int, *, seed: str = "") -> Count:
    """Elect `seats` choices by Meek's method, round by round."""
    count = _Meek(groups, choices, seats)
    count.distribute()
    first = dict(count.votes)
    rounds: list[Round] = []
    while len(count.hopeful) > seats - len(count.elected) and len(count.elected) < seats:
        number = len(rounds) + 1
        status, chosen = count.iterate()
        tallies, quota, exhausted = dict(count.votes), count.quota, count.exhausted()
        if status == "elected":
            chosen.sort(key=lambda c: -tallies[c])
            rounds.append(Round(number, tallies, exhausted, "elect", chosen, quota, QUOTA))
            continue
        tie = None
        if status == "batch":
            reason = SURE_LOSERS
        else:
            low = min(tallies[c] for c in count.hopeful)
            # Candidates within the surplus of the lowest could still change places: a tie.
            tied = [c for c in count.hopeful if tallies[c] <= low + count.surplus]
            reason, chosen = FEWEST, [tied[0]]
            if len(tied) > 1:
                draw = lot.draw(seed, tied, f"{number}:exclude")
                chosen = [draw[0]]
                tie = {"tied": sorted(tied), "broken_by": "lot", "seed": seed, "draw": draw}
        for choice in chosen:
            count.hopeful.remove(choice)
            count.keep[choice] = Fraction(0)
        rounds.append(Round(number, tallies, exhausted, "exclude", chosen, quota, reason, tie))
    if count.hopeful and len(count.elected) < seats:
        count.distribute()
        remaining = sorted(count.hopeful, key=lambda c: -count.votes[c])
        count.elected += remaining
        tallies, exhausted = dict(count.votes), count.exhausted()
        rounds.append(Round(len(rounds) + 1, tallies, exhausted, "elect remaining", remaining, count.quota, REMAINING))
    return Count("stv", first, count.elected, [], rounds, rule="meek", seed=seed)
