"""Scottish STV: The Scottish Local Government Elections Order 2007, Schedule 1, rules 45-52.

* Quota (rule 46): the valid votes divided by seats + 1, decimals ignored, plus one.
* Election (rule 47): every candidate whose votes equal or exceed the quota at the end of a
  stage is elected, all at once.
* Surplus (rules 48-49): the largest surplus moves first; each ballot in the pile moves on at
  transfer value = surplus * its value / the candidate's votes, to five decimal places with the
  remainder ignored, and the votes it carries are truncated the same way. Equal surpluses: the
  candidate with more votes at the latest earlier stage where they differed goes first, else lot.
* Exclusion (rules 50-51): with no surplus left to move, the candidate with fewest votes is
  excluded and every ballot moves on at the value it arrived with. Ties: fewest votes at the
  latest earlier stage where they differed, else lot.
* Last vacancies (rule 52): when the continuing candidates just fill the seats left, they are
  elected and nothing more is transferred.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from .base import FEWEST, QUOTA, REMAINING, SURPLUS, Count, Group, Round, break_tie, fraction

PLACES = 10**5  # five decimal places, rule 48(3)


def _truncate(value: Fraction) -> Fraction:
    """Keep five decimal places and ignore the remainder, as rule 48(3) says."""
    return Fraction(value.numerator * PLACES // value.denominator, PLACES)


class _Stage:
    """Piles of (marks, ballots, value) per candidate and the votes credited to each."""

    def __init__(self, groups: Iterable[Group], choices: Sequence[int]):
        self.hopeful = list(choices)
        self.piles: dict[int, list[tuple[tuple[int, ...], Fraction, Fraction]]] = {c: [] for c in choices}
        self.votes = {c: Fraction(0) for c in choices}
        self.exhausted = Fraction(0)
        self.ballots = Fraction(0)
        for marks, weight in groups:
            self.ballots += fraction(weight)
            self.place(marks, fraction(weight), Fraction(1))

    def place(self, marks: tuple[int, ...], ballots: Fraction, value: Fraction) -> None:
        carried = _truncate(ballots * value)
        for choice in marks:
            if choice in self.hopeful:
                self.piles[choice].append((marks, ballots, value))
                self.votes[choice] += carried
                return
        self.exhausted += carried

    def transfer(self, choice: int, surplus: Fraction | None = None) -> None:
        """Move `choice`'s pile on: at the truncated transfer value for a surplus, else as is."""
        pile, self.piles[choice] = self.piles[choice], []
        total = self.votes[choice]
        for marks, ballots, value in pile:
            self.place(marks, ballots, value if surplus is None else _truncate(surplus * value / total))


def scottish_stv(groups: Iterable[Group], choices: Sequence[int], seats: int, *, seed: str = "") -> Count:
    """Elect `seats` choices by the Scottish STV rules of 2007, stage by stage."""
    stage = _Stage(groups, choices)
    quota = Fraction(int(stage.ballots) // (seats + 1) + 1)  # rule 46: integer quota
    first = dict(stage.votes)
    rounds: list[Round] = []
    elected: list[int] = []
    pending: list[int] = []  # elected, surplus not yet transferred
    while True:
        number = len(rounds) + 1
        tallies = {c: stage.votes[c] for c in stage.hopeful + pending}
        newly = sorted((c for c in stage.hopeful if stage.votes[c] >= quota), key=lambda c: -stage.votes[c])
        for choice in newly:  # rule 47: all at once
            stage.hopeful.remove(choice)
        elected += newly
        pending += newly
        if len(elected) >= seats or len(stage.hopeful) <= seats - len(elected):
            if newly:
                rounds.append(Round(number, tallies, stage.exhausted, "elect", newly, quota, QUOTA))
            if len(elected) < seats and stage.hopeful:  # rule 52
                remaining = sorted(stage.hopeful, key=lambda c: -stage.votes[c])
                elected += remaining
                rounds.append(
                    Round(len(rounds) + 1, tallies, stage.exhausted, "elect remaining", remaining, quota, REMAINING)
                )
            break
        if pending:  # rule 49: the largest surplus first
            high = max(stage.votes[c] for c in pending)
            top = [c for c in pending if stage.votes[c] == high]
            chosen, tie = break_tie(top, rounds, lowest=False, seed=seed, context=f"{number}:surplus")
            action, reason = ("elect", QUOTA) if newly else ("surplus", SURPLUS)
            rounds.append(
                Round(number, tallies, stage.exhausted, action, newly or [chosen], quota, reason, tie, [chosen])
            )
            stage.transfer(chosen, stage.votes[chosen] - quota)
            stage.votes[chosen] = quota
            pending.remove(chosen)
            continue
        low = min(stage.votes[c] for c in stage.hopeful)  # rule 50
        lowest = [c for c in stage.hopeful if stage.votes[c] == low]
        loser, tie = break_tie(lowest, rounds, lowest=True, seed=seed, context=f"{number}:exclude")
        rounds.append(Round(number, tallies, stage.exhausted, "exclude", [loser], quota, FEWEST, tie))
        stage.hopeful.remove(loser)
        stage.transfer(loser)
        stage.votes[loser] = Fraction(0)
    return Count("stv", first, elected, [], rounds, rule="scottish_stv_2007", seed=seed)
