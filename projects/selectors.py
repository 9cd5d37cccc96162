"""Reads of the projects app: who sees which project, the Gantt rows, the critical path,
hours for payroll and the staffing plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from guardian.models import UserObjectPermission

from coop.roles import Role, has_role

from .models import (
    HOURS,
    ManagerAppointment,
    Project,
    ProjectTeamMember,
    StaffingAssignment,
    StaffingNeed,
    Task,
    TaskDependency,
    TimeEntry,
)
from .scheduling import PlannedTask, Schedule, critical_path

MANAGE_PERMISSION = "manage_project"
HOURS_FIELD = DecimalField(**HOURS)


def sees_every_project(user) -> bool:
    """Return whether `user` sees every project (Operations, Board, auditors) or only their own."""
    return user.is_superuser or any(has_role(user, r) for r in (Role.OPERATIONS, Role.BOARD, Role.AUDITOR))


def _manager_grants(user=None) -> QuerySet[UserObjectPermission]:
    grants = UserObjectPermission.objects.filter(
        permission__codename=MANAGE_PERMISSION,
        content_type=ContentType.objects.get_for_model(Project),
        object_pk=Cast(OuterRef("pk"), CharField()),
    )
    return grants.filter(user=user) if user is not None else grants


def projects_for_user(user) -> QuerySet[Project]:
    """Return the projects `user` may see, each marked with whether they manage it."""
    projects = Project.objects.annotate(
        is_managed=Exists(_manager_grants(user)), team_size=Count("team_members", distinct=True)
    )
    if not sees_every_project(user):
        projects = projects.filter(Exists(ProjectTeamMember.objects.filter(project=OuterRef("pk"), user=user)))
    return projects.order_by("name")


def my_projects(user) -> QuerySet[Project]:
    """Return the projects `user` works on: those whose team they are on or which they manage."""
    on_team = Exists(ProjectTeamMember.objects.filter(project=OuterRef("pk"), user=user))
    return projects_for_user(user).filter(on_team | Q(is_managed=True))


def tasks_due(user, *, today: date, within_days: int = 14) -> QuerySet[Task]:
    """Unfinished tasks assigned to `user` on active projects, ending by `today + within_days`
    (overdue ones included), soonest first."""
    return (
        Task.objects.filter(
            assignees=user,
            progress__lt=100,
            project__status=Project.Status.ACTIVE,
            end_date__lte=today + timedelta(days=within_days),
        )
        .select_related("project")
        .order_by("end_date", "pk")
    )


def hours_logged_of_user(*, start: date, end: date) -> Coalesce:
    """Return the internal hours a user logged on project tasks from `start` to `end` inclusive, as
    an expression over a queryset of users (the user is `OuterRef("pk")`), so that a page gathering
    several apps' figures reads them in one query."""
    total = (
        TimeEntry.objects.filter(user=OuterRef("pk"), date__gte=start, date__lte=end)
        .order_by()
        .values("user")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=HOURS_FIELD), Value(Decimal("0")), output_field=HOURS_FIELD)


def project_access(user, project_id: int) -> Project:
    """Return the project if `user` may see it; 404 otherwise, so its existence does not leak."""
    project = projects_for_user(user).filter(pk=project_id).first()
    if project is None:
        raise Http404
    return project


def may_manage(user, project: Project) -> bool:
    """Return whether `user` may change the project's plan: its manager, or Operations."""
    if has_role(user, Role.OPERATIONS) or user.is_superuser:
        return True
    managed = getattr(project, "is_managed", None)
    if managed is not None:
        return bool(managed)
    return user.has_perm(f"projects.{MANAGE_PERMISSION}", project)


def is_team_member(user, project: Project) -> bool:
    """Return whether `user` is on the project's team."""
    return ProjectTeamMember.objects.filter(project=project, user=user).exists()


def project_managers(project: Project) -> QuerySet:
    """Return the people who currently hold the project's manager grant."""
    user_ids = UserObjectPermission.objects.filter(
        permission__codename=MANAGE_PERMISSION,
        content_type=ContentType.objects.get_for_model(Project),
        object_pk=str(project.pk),
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids)


def team_members(project: Project) -> QuerySet[ProjectTeamMember]:
    """Return the project's team, ordered by email."""
    return ProjectTeamMember.objects.filter(project=project).select_related("user").order_by("user__email")


def manager_appointments() -> QuerySet[ManagerAppointment]:
    """Return every manager appointment, past and current, with its project and person."""
    return ManagerAppointment.objects.select_related("project", "user")


def tasks_for_user(user) -> QuerySet[Task]:
    """Return the tasks of every project `user` may see."""
    return Task.objects.filter(project__in=projects_for_user(user).values("pk")).select_related("project", "parent")


def dependencies_for_user(user) -> QuerySet[TaskDependency]:
    """Return the task dependencies within the projects `user` may see."""
    visible = projects_for_user(user).values("pk")
    return TaskDependency.objects.filter(successor__project__in=visible).select_related("predecessor", "successor")


def loggable_tasks(user) -> QuerySet[Task]:
    """Return the tasks of active projects `user` is on where they may log hours: work items, not
    the summary tasks that only add up their subtasks."""
    return (
        Task.objects.filter(project__team_members__user=user, project__status=Project.Status.ACTIVE)
        .filter(~Exists(Task.objects.filter(parent=OuterRef("pk"))))
        .select_related("project")
        .order_by("project__name", "position", "id")
    )


def time_entries_for_user(user) -> QuerySet[TimeEntry]:
    """Return the time entries `user` may read: their own, or every one for Operations and the Auditor."""
    entries = TimeEntry.objects.select_related("task__project", "user")
    if user.is_superuser or has_role(user, Role.OPERATIONS) or has_role(user, Role.AUDITOR):
        return entries
    return entries.filter(user=user)


def hours_by_user(*, start: date, end: date) -> QuerySet:
    """Return the internal hours each person logged from `start` to `end` inclusive.

    Finance's payroll reads this: rows of {"user": id, "hours": Decimal}, summed in the database.
    """
    return (
        TimeEntry.objects.filter(date__gte=start, date__lte=end)
        .values("user")
        .annotate(hours=Sum("hours"))
        .order_by("user")
    )


def hours_on_day(*, user, day: date) -> Decimal:
    """Return the hours `user` logged on projects on `day`, zero when none."""
    total = TimeEntry.objects.filter(user=user, date=day).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


@dataclass(frozen=True)
class GanttData:
    tasks: list[dict]
    dependencies: list[tuple[int, int]]
    schedule: Schedule

    def rows(self) -> list[dict]:
        """Return the rows Frappe Gantt draws, critical tasks marked."""
        critical = set(self.schedule.critical)
        predecessors: dict[int, list[str]] = {}
        for before, after in self.dependencies:
            predecessors.setdefault(after, []).append(f"t{before}")
        return [
            {
                "id": f"t{task['id']}",
                "pk": task["id"],
                "name": task["name"],
                "start": task["start_date"].isoformat(),
                "end": task["end_date"].isoformat(),
                "progress": task["progress"],
                "dependencies": ", ".join(predecessors.get(task["id"], [])),
                "custom_class": "critical" if task["id"] in critical else "",
            }
            for task in self.tasks
        ]

    def critical_tasks(self) -> list[dict]:
        by_id = {task["id"]: task for task in self.tasks}
        return [
            {**by_id[task_id], "earliest_start": self.schedule.day(self.schedule.earliest_start[task_id])}
            for task_id in self.schedule.critical
        ]


def gantt_data(project: Project) -> GanttData:
    """Fetch a project's tasks and dependencies in two queries and compute its critical path.

    Summary tasks (those with children) are drawn but left out of the critical path: their
    dates follow from their children.
    """
    tasks = list(
        Task.objects.filter(project=project)
        .order_by("position", "id")
        .values("id", "name", "parent_id", "start_date", "end_date", "progress", "estimate_hours")
    )
    edges = list(
        TaskDependency.objects.filter(successor__project=project).values_list("predecessor_id", "successor_id")
    )
    parents = {task["parent_id"] for task in tasks if task["parent_id"]}
    leaves = [
        PlannedTask(id=task["id"], start=task["start_date"], end=task["end_date"])
        for task in tasks
        if task["id"] not in parents
    ]
    return GanttData(tasks=tasks, dependencies=edges, schedule=critical_path(leaves, edges))


@dataclass(frozen=True)
class StaffingRow:
    need: StaffingNeed
    assigned: list
    gap: int


def staffing_plan(project: Project) -> list[StaffingRow]:
    """Return each staffing need with the people assigned and how many are still missing."""
    needs = StaffingNeed.objects.filter(project=project).prefetch_related(
        Prefetch("assignments", queryset=StaffingAssignment.objects.select_related("user").order_by("user__email"))
    )
    rows = []
    for need in needs:
        assigned = [assignment.user for assignment in need.assignments.all()]
        rows.append(StaffingRow(need=need, assigned=assigned, gap=max(need.headcount - len(assigned), 0)))
    return rows
