"""The critical path method on plain data, so it runs on rows already fetched and is easy to test.

Durations are whole days, ends inclusive. A task may not start before its planned start nor
before every predecessor has finished (finish to start). Slack is how many days a task can
slip without moving the project's end; the critical path is the tasks with no slack.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class PlannedTask:
    id: int
    start: date
    end: date

    @property
    def duration(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Schedule:
    """Earliest and latest start of each task (day offsets from the project's first day)."""

    origin: date | None
    order: list[int]
    earliest_start: dict[int, int]
    latest_start: dict[int, int]
    finish: int

    def slack(self, task_id: int) -> int:
        return self.latest_start[task_id] - self.earliest_start[task_id]

    @property
    def critical(self) -> list[int]:
        """Return the tasks with zero slack, in topological order."""
        return [task_id for task_id in self.order if self.slack(task_id) == 0]

    def day(self, offset: int) -> date:
        assert self.origin is not None
        return self.origin + timedelta(days=offset)


class CycleError(ValueError):
    def __init__(self, task_ids: list[int]):
        super().__init__(f"dependency cycle among tasks {task_ids}")
        self.task_ids = task_ids


def topological_order(task_ids: Iterable[int], edges: Iterable[tuple[int, int]]) -> list[int]:
    """Return `task_ids` so that every predecessor comes before its successors (Kahn's algorithm)."""
    ids = list(task_ids)
    successors: dict[int, list[int]] = {task_id: [] for task_id in ids}
    incoming = dict.fromkeys(ids, 0)
    for before, after in edges:
        if before in successors and after in incoming:
            successors[before].append(after)
            incoming[after] += 1
    ready = deque(task_id for task_id in ids if incoming[task_id] == 0)
    order = []
    while ready:
        task_id = ready.popleft()
        order.append(task_id)
        for after in successors[task_id]:
            incoming[after] -= 1
            if incoming[after] == 0:
                ready.append(after)
    if len(order) != len(ids):
        raise CycleError(sorted(task_id for task_id in ids if incoming[task_id] > 0))
    return order


def critical_path(tasks: Iterable[PlannedTask], edges: Iterable[tuple[int, int]]) -> Schedule:
    """Compute earliest and latest starts by a forward and a backward pass over the dependencies."""
    by_id = {task.id: task for task in tasks}
    edges = [(before, after) for before, after in edges if before in by_id and after in by_id]
    if not by_id:
        return Schedule(origin=None, order=[], earliest_start={}, latest_start={}, finish=0)
    origin = min(task.start for task in by_id.values())
    order = topological_order(by_id, edges)
    predecessors: dict[int, list[int]] = {task_id: [] for task_id in by_id}
    successors: dict[int, list[int]] = {task_id: [] for task_id in by_id}
    for before, after in edges:
        predecessors[after].append(before)
        successors[before].append(after)

    earliest: dict[int, int] = {}
    for task_id in order:
        task = by_id[task_id]
        planned = (task.start - origin).days
        earliest[task_id] = max([planned] + [earliest[p] + by_id[p].duration for p in predecessors[task_id]])
    finish = max(earliest[t] + by_id[t].duration for t in order)

    latest: dict[int, int] = {}
    for task_id in reversed(order):
        latest_finish = min([finish] + [latest[s] for s in successors[task_id]])
        latest[task_id] = latest_finish - by_id[task_id].duration
    return Schedule(origin=origin, order=order, earliest_start=earliest, latest_start=latest, finish=finish)
