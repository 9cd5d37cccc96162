"""Races for tests that need PostgreSQL: callables released at the same moment, each in its own
thread and database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; a race needs PostgreSQL"
)


@dataclass(frozen=True)
class Outcome:
    """What one racer got: the value its callable returned, or the error it raised."""

    value: object = None
    error: Exception | None = None

    @property
    def verdict(self) -> str:
        """Return "ok", "refused" (a rule said no) or "failed: <error>" for anything else."""
        if self.error is None:
            return "ok"
        if isinstance(self.error, ValidationError):
            return "refused"
        return f"failed: {self.error!r}"


def race(*callables: Callable[[], object], timeout: float = 30) -> list[Outcome]:
    """Run `callables` at the same moment, each in its own thread and database connection, and
    return their outcomes in the order given."""
    barrier = threading.Barrier(len(callables))
    outcomes: list[Outcome] = [Outcome()] * len(callables)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = Outcome(value=call())
        except Exception as error:  # handed back to the test, which asserts on it
            outcomes[index] = Outcome(error=error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(callables)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def verdicts(outcomes: list[Outcome]) -> list[str]:
    """Return the sorted verdicts of `outcomes`, for comparing races whose winner is not known."""
    return sorted(outcome.verdict for outcome in outcomes)
