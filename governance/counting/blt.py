"""Reading the `.blt` ballot file format that public STV counters share (OpenSTV, Droop...).

    <candidates> <seats>
    [-<withdrawn candidate> ...]          optional line of withdrawn candidates
    <weight> <candidate> <candidate> ... 0  one line per (group of identical) ballot(s)
    0                                      end of ballots
    "<name of candidate 1>"                one line per candidate, numbered from 1
    "<title>"

Droop's `[tie ...]` and `[droop ...]` option lines are skipped. Candidates are numbered as in
the file (1, 2, ...), so the groups feed any counting function directly.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Election:
    """A `.blt` file read: candidate names by number, seats, ballot groups and the title."""

    seats: int
    names: dict[int, str]
    groups: list[tuple[tuple[int, ...], Decimal]]
    title: str = ""
    withdrawn: list[int] = field(default_factory=list)

    @property
    def choices(self) -> list[int]:
        """Return the standing candidates' numbers in file order."""
        return [c for c in self.names if c not in self.withdrawn]


def read_blt(text: str) -> Election:
    """Read a `.blt` election from its text."""
    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("[")]
    candidates, seats = (int(n) for n in lines[0].split()[:2])
    position = 1
    withdrawn: list[int] = []
    if lines[position].startswith("-"):
        withdrawn = [-int(n) for n in lines[position].split()]
        position += 1
    groups: list[tuple[tuple[int, ...], Decimal]] = []
    while lines[position] != "0":
        numbers = lines[position].split()
        marks = tuple(int(n) for n in numbers[1:] if n != "0" and n != "-")
        groups.append((tuple(m for m in marks if m not in withdrawn), Decimal(numbers[0])))
        position += 1
    # Runs of spaces inside a name are typing slips ("Ellen   Hurcombe"): one space, as counters print it.
    strings = [" ".join(shlex.split(line)[0].split()) for line in lines[position + 1 :]]
    names = {number: strings[number - 1] for number in range(1, candidates + 1)}
    title = strings[candidates] if len(strings) > candidates else ""
    return Election(seats, names, [(m, w) for m, w in groups if m], title, withdrawn)
