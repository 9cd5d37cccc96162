"""The critical path: topological order, earliest and latest starts, zero slack."""

from datetime import date, timedelta

import pytest

from projects import selectors
from projects.scheduling import CycleError, PlannedTask, critical_path, topological_order
from tests.factories.projects import START, depend, task_create

D0 = date(2026, 1, 5)


def _task(task_id, offset, days):
    return PlannedTask(id=task_id, start=D0 + timedelta(days=offset), end=D0 + timedelta(days=offset + days - 1))


def test_longest_chain_is_critical_and_the_short_branch_has_slack():
    # given A(3) → B(5) → D(2) and A → C(2) → D
    tasks = [_task(1, 0, 3), _task(2, 3, 5), _task(3, 3, 2), _task(4, 8, 2)]
    edges = [(1, 2), (2, 4), (1, 3), (3, 4)]
    # when the schedule is computed
    schedule = critical_path(tasks, edges)
    # then A, B, D are critical and C can slip three days
    assert schedule.critical == [1, 2, 4]
    assert schedule.slack(3) == 3
    assert schedule.finish == 10


def test_a_successor_planned_too_early_is_pushed_after_its_predecessor():
    schedule = critical_path([_task(1, 0, 4), _task(2, 0, 2)], [(1, 2)])
    assert schedule.earliest_start[2] == 4
    assert schedule.critical == [1, 2]


def test_topological_order_refuses_a_cycle():
    with pytest.raises(CycleError) as error:
        topological_order([1, 2, 3], [(1, 2), (2, 3), (3, 2)])
    assert error.value.task_ids == [2, 3]


def test_project_critical_path_skips_summary_tasks(project):
    # given a phase holding two chained tasks, and a loose task with slack
    phase = task_create(project, "Phase", days=10)
    first = task_create(project, "Dig", parent=phase, days=4)
    second = task_create(project, "Pour", parent=phase, start=START + timedelta(days=4), days=6)
    task_create(project, "Order signs", days=2)
    depend(first, second)
    # when the Gantt data is read
    data = selectors.gantt_data(project)
    # then the chain is critical, the phase is left out and the loose task is not
    assert [t["name"] for t in data.critical_tasks()] == ["Dig", "Pour"]
    rows = {row["name"]: row for row in data.rows()}
    assert rows["Pour"]["dependencies"] == f"t{first.pk}"
    assert rows["Dig"]["custom_class"] == "critical" and rows["Order signs"]["custom_class"] == ""
