"""What every count shares: the round record, the count, the ballot piles and the tie-breaks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from . import lot

Group = tuple[tuple[int, ...], Decimal]  # (marks in order, summed weight of those ballots)

# Why a round elected or excluded someone: machine-readable codes the results page words.
QUOTA = "quota"  # reached the quota
MAJORITY = "majority"  # more than half of the continuing votes (instant runoff)
FEWEST = "fewest_votes"  # fewest votes, so excluded
SURE_LOSERS = "sure_losers"  # Meek: together below the next candidate even with all the surplus
REMAINING = "remaining"  # as many continuing candidates as seats left
SURPLUS = "surplus"  # a surplus moved on, nobody new elected
LAST_STANDING = "last_standing"  # instant runoff: the only continuing choice

EARLIER_ROUND = "earlier_round"
BY_LOT = "lot"


@dataclass
class Round:
    """One round of a count: the votes at its start, what happened and why."""

    number: int
    tallies: dict[int, Fraction]
    exhausted: Fraction
    action: str  # "elect", "exclude", "surplus" or "elect remaining"
    choices: list[int]
    quota: Fraction | None = None
    reason: str = ""
    tie: dict | None = None  # {"tied", "broken_by", "round" or "seed" and "draw"}
    surplus_of: list[int] = field(default_factory=list)  # whose surplus moves on after this round

    def as_dict(self) -> dict:
        """Return the round as stored with the result: figures as decimal strings."""
        return {
            "number": self.number,
            "tallies": {str(k): _dec(v) for k, v in self.tallies.items()},
            "exhausted": _dec(self.exhausted),
            "action": self.action,
            "choices": self.choices,
            "quota": _dec(self.quota) if self.quota is not None else None,
            "reason": self.reason,
            "tie": self.tie,
            "surplus_of": self.surplus_of,
            "figures": self.figures(),
        }

    def figures(self) -> dict:
        """Return the numbers behind the reason: the votes of those elected or excluded, and
        the surplus of those whose surplus moves on."""
        votes = {str(c): _dec(self.tallies[c]) for c in self.choices if c in self.tallies}
        surplus = {
            str(c): _dec(self.tallies[c] - self.quota)
            for c in self.surplus_of
            if self.quota is not None and c in self.tallies
        }
        return {"votes": votes, "surplus": surplus}


@dataclass
class Count:
    """The outcome of a count: first-round totals, winners, an unbroken tie and the rounds."""

    method: str
    totals: dict[int, Fraction]  # first-round weight per choice
    winners: list[int]
    tied: list[int] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    rule: str = ""
    seed: str = ""


def _dec(value: Fraction) -> str:
    """Return `value` as a decimal string with six places, for display and storage only."""
    return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.000001")))


def fraction(weight) -> Fraction:
    """Return a ballot weight (Decimal, int or str) as an exact fraction."""
    return Fraction(Decimal(weight))


def break_tie(tied: list[int], rounds: list, *, lowest: bool, seed: str, context: str) -> tuple[int, dict | None]:
    """Pick one of `tied` (lowest to exclude, or highest to go first) and say how.

    The rule the Scottish Order (rules 49 and 51) and the WIGM count share: look back to the most
    recent earlier round in which the tied choices had unequal votes; if they were equal in every
    round, draw by lot from the published `seed`.
    """
    if len(tied) == 1:
        return tied[0], None
    for earlier in reversed(rounds):
        votes = {c: earlier.tallies.get(c, Fraction(0)) for c in tied}
        if len(set(votes.values())) > 1:
            best = (min if lowest else max)(votes.values())
            narrowed = [c for c in tied if votes[c] == best]
            if len(narrowed) == 1:
                return narrowed[0], {"tied": sorted(tied), "broken_by": EARLIER_ROUND, "round": earlier.number}
            tied = narrowed  # still tied among these: look further back
    draw = lot.draw(seed, tied, context)
    return draw[0], {"tied": sorted(tied), "broken_by": BY_LOT, "seed": seed, "draw": draw}


class Piles:
    """Ballots sorted into piles by their first continuing preference."""

    def __init__(self, groups: Iterable[Group], choices: Sequence[int]):
        self.hopeful = list(choices)
        self.piles: dict[int, list[tuple[tuple[int, ...], Fraction]]] = {c: [] for c in choices}
        self.exhausted = Fraction(0)
        self.total = Fraction(0)
        for marks, weight in groups:
            value = fraction(weight)
            self.total += value
            self.place(marks, value)

    def place(self, marks: tuple[int, ...], value: Fraction) -> None:
        """Put a ballot on the pile of its first continuing preference, or set it aside."""
        for choice in marks:
            if choice in self.hopeful:
                self.piles[choice].append((marks, value))
                return
        self.exhausted += value

    def tallies(self) -> dict[int, Fraction]:
        """Return each continuing choice's votes."""
        return {c: sum((v for _m, v in self.piles[c]), Fraction(0)) for c in self.hopeful}

    def remove(self, choice: int, ratio: Fraction = Fraction(1)) -> None:
        """Take `choice` out of the running and pass its pile on at `ratio` of its value."""
        self.hopeful.remove(choice)
        pile, self.piles[choice] = self.piles[choice], []
        for marks, value in pile:
            self.place(marks, value * ratio)
