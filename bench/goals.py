"""The performance goals each benchmark measures, and the closing table that marks each pass or miss.

A goal is a figure measured in the run (a ratio to a baseline of the same run, a count of queries,
a lock time) and the limit the project holds it to. The runner prints them together at the end,
with the load average, so one run says which goals hold on this machine at this moment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

COUNTED = ("queries", "notices", "emails")  # units printed as whole numbers


@dataclass(frozen=True)
class Goal:
    """One measured figure against its limit: `measured <= limit` passes (or `>=` when `at_least`)."""

    label: str
    measured: float
    limit: float
    unit: str  # "x" for a ratio, "queries", "notices", "emails", "ms", "s"
    at_least: bool = False

    @property
    def passed(self) -> bool:
        if self.measured != self.measured:  # NaN: nothing was measured, which is a miss
            return False
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit

    def line(self) -> str:
        sign = ">=" if self.at_least else "<="
        figure = f"{self.measured:.0f}" if self.unit in COUNTED else f"{self.measured:.2f}"
        mark = "pass" if self.passed else "MISS"
        return f"{mark:<5} {self.label:<62} {figure:>9} {self.unit:<7} (goal {sign} {self.limit:g} {self.unit})"


def load_average() -> str:
    """The machine's 1, 5 and 15-minute load averages, printed with the results they skew."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unavailable"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def report(goals: list[Goal]) -> str:
    """The closing table: one line per goal with its pass or miss mark, then the totals and the load."""
    lines = [goal.line() for goal in goals]
    missed = sum(not goal.passed for goal in goals)
    lines.append(f"{len(goals) - missed} of {len(goals)} goals pass; {load_average()}")
    return "\n".join(lines)
