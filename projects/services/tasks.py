"""The work breakdown: tasks, their assignees and their dependencies."""

from __future__ import annotations

from collections import deque
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coop.audit import acting

from ..models import Milestone, Project, ProjectTeamMember, Task, TaskAssignment, TaskDependency
from .projects import _locked, check_period, refuse_if_closed, require_manager

TASK_EDITABLE_FIELDS = frozenset(
    {"name", "parent", "milestone", "position", "start_date", "end_date", "progress", "estimate_hours"}
)


def _check_values(task: Task) -> None:
    """Name the field and the rule for the mistakes a drag or a form makes most."""
    check_period(task.start_date, task.end_date, what=_("Task “%(name)s”") % {"name": task.name})
    if task.progress is not None and not 0 <= task.progress <= 100:
        raise ValidationError(
            {"progress": _("Progress is a percentage from 0 to 100, not %(value)s.") % {"value": task.progress}}
        )


def _check_links(task: Task) -> None:
    """Refuse a parent or milestone from another project, and a parent chain that loops."""
    if (
        task.milestone_id
        and Milestone.objects.filter(pk=task.milestone_id).values_list("project_id", flat=True).first()
        != task.project_id
    ):
        raise ValidationError({"milestone": _("The milestone belongs to another project.")})
    if task.parent_id is None:
        return
    parent = Task.objects.filter(pk=task.parent_id).values("project_id").first()
    if parent is None or parent["project_id"] != task.project_id:
        raise ValidationError({"parent": _("The parent task belongs to another project.")})
    seen = {task.pk}
    ancestor_id = task.parent_id
    while ancestor_id is not None:
        if ancestor_id in seen:
            raise ValidationError(
                {"parent": _("“%(name)s” cannot sit under one of its own subtasks.") % {"name": task.name}}
            )
        seen.add(ancestor_id)
        ancestor_id = Task.objects.filter(pk=ancestor_id).values_list("parent_id", flat=True).first()


@transaction.atomic
def task_create(
    *,
    project: Project,
    name: str,
    start_date: date,
    end_date: date,
    parent: Task | None = None,
    milestone: Milestone | None = None,
    position: int = 0,
    progress: int = 0,
    estimate_hours: Decimal = Decimal("0"),
    actor,
    reason: str,
) -> Task:
    """Add a task to the project's breakdown. Operations or the project's manager."""
    with acting(actor, reason):
        project = _locked(project)
        require_manager(actor, project, action=_("change its plan"))
        refuse_if_closed(project)
        task = Task(
            project=project,
            name=name,
            start_date=start_date,
            end_date=end_date,
            parent=parent,
            milestone=milestone,
            position=position,
            progress=progress,
            estimate_hours=estimate_hours,
        )
        _check_values(task)
        task.full_clean()
        _check_links(task)
        task.save()
    return task


@transaction.atomic
def task_update(*, task: Task, actor, reason: str, **changes) -> Task:
    """Change a task's dates, progress, estimate or place in the breakdown (the Gantt drag lands here)."""
    unknown = set(changes) - TASK_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in sorted(unknown)})
    with acting(actor, reason):
        project = _locked(task.project)
        require_manager(actor, project, action=_("change its plan"))
        refuse_if_closed(project)
        task = Task.objects.select_for_update().get(pk=task.pk)
        for name, value in changes.items():
            setattr(task, name, value)
        _check_values(task)
        task.full_clean()
        _check_links(task)
        if {"start_date", "end_date"} & set(changes):
            _check_sequence(task)
        task.save()
    return task


def _check_sequence(task: Task) -> None:
    """Refuse new dates that start `task` before a predecessor ends, or end it after a successor
    starts: each dependency is finish to start, and a drag must not quietly break one."""
    before = (
        TaskDependency.objects.filter(successor=task, predecessor__end_date__gte=task.start_date)
        .select_related("predecessor")
        .order_by("-predecessor__end_date")
        .first()
    )
    if before is not None:
        raise ValidationError(
            {
                "start_date": _("“%(task)s” waits for “%(before)s”, which ends on %(end)s; it can start on %(next)s.")
                % {
                    "task": task.name,
                    "before": before.predecessor.name,
                    "end": date_format(before.predecessor.end_date),
                    "next": date_format(before.predecessor.end_date + timedelta(days=1)),
                }
            }
        )
    after = (
        TaskDependency.objects.filter(predecessor=task, successor__start_date__lte=task.end_date)
        .select_related("successor")
        .order_by("successor__start_date")
        .first()
    )
    if after is not None:
        raise ValidationError(
            {
                "end_date": _("“%(after)s” waits for “%(task)s” and starts on %(start)s; “%(task)s” must end before.")
                % {"task": task.name, "after": after.successor.name, "start": date_format(after.successor.start_date)}
            }
        )


@transaction.atomic
def task_assign(*, task: Task, user, actor, reason: str) -> TaskAssignment:
    """Put a team member on a task. Operations or the project's manager."""
    with acting(actor, reason):
        project = _locked(task.project)
        require_manager(actor, project, action=_("change its plan"))
        refuse_if_closed(project)
        if not ProjectTeamMember.objects.filter(project_id=task.project_id, user=user).exists():
            raise ValidationError({"user": _("%(user)s is not on this project's team.") % {"user": user}})
        if TaskAssignment.objects.filter(task=task, user=user).exists():
            raise ValidationError({"user": _("%(user)s is already assigned to this task.") % {"user": user}})
        assignment = TaskAssignment(task=task, user=user)
        assignment.full_clean()
        assignment.save()
    return assignment


def _path(start: Task, goal: Task) -> list[int] | None:
    """Return the task ids on a chain of dependencies from `start` to `goal`, or None."""
    edges: dict[int, list[int]] = {}
    for before, after in TaskDependency.objects.filter(successor__project_id=start.project_id).values_list(
        "predecessor_id", "successor_id"
    ):
        edges.setdefault(before, []).append(after)
    came_from: dict[int, int | None] = {start.pk: None}
    queue = deque([start.pk])
    while queue:
        current = queue.popleft()
        if current == goal.pk:
            path = []
            node: int | None = current
            while node is not None:
                path.append(node)
                node = came_from[node]
            return list(reversed(path))
        for after in edges.get(current, []):
            if after not in came_from:
                came_from[after] = current
                queue.append(after)
    return None


@transaction.atomic
def dependency_create(*, predecessor: Task, successor: Task, actor, reason: str) -> TaskDependency:
    """Make `successor` wait for `predecessor` to finish. A dependency that closes a cycle is refused."""
    with acting(actor, reason):
        if predecessor.project_id != successor.project_id:
            raise ValidationError({"successor": _("Both tasks must belong to the same project.")})
        # Locking the project serialises dependency changes, so two opposite links cannot both pass.
        project = _locked(predecessor.project)
        require_manager(actor, project, action=_("change its plan"))
        refuse_if_closed(project)
        if predecessor.pk == successor.pk:
            raise ValidationError({"successor": _("A task cannot depend on itself.")})
        if TaskDependency.objects.filter(predecessor=predecessor, successor=successor).exists():
            raise ValidationError(
                {
                    "successor": _("“%(after)s” already depends on “%(before)s”.")
                    % {"after": successor.name, "before": predecessor.name}
                }
            )
        loop = _path(successor, predecessor)
        if loop is not None:
            names = dict(Task.objects.filter(pk__in=loop).values_list("pk", "name"))
            chain = " → ".join(f"“{names[pk]}”" for pk in [*loop, successor.pk])
            raise ValidationError(
                {
                    "successor": _("“%(after)s” cannot depend on “%(before)s”: that would make a cycle %(chain)s.")
                    % {"after": successor.name, "before": predecessor.name, "chain": chain}
                }
            )
        dependency = TaskDependency(predecessor=predecessor, successor=successor)
        dependency.full_clean()
        dependency.save()
    return dependency


@transaction.atomic
def dependency_remove(*, dependency: TaskDependency, actor, reason: str) -> None:
    """Remove a dependency between two tasks. Operations or the project's manager."""
    with acting(actor, reason):
        project = _locked(dependency.successor.project)
        require_manager(actor, project, action=_("change its plan"))
        refuse_if_closed(project)
        TaskDependency.objects.get(pk=dependency.pk).delete()
