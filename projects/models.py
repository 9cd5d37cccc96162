"""Projects: their team, work breakdown, dependencies, time on tasks and staffing plan.

Who manages a project is a django-guardian object permission (`manage_project`); the
`ManagerAppointment` rows keep the record of who was appointed, by whom and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin

HOURS = {"max_digits": 8, "decimal_places": 2}


class ProjectQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Project.CLOSED_STATUSES)


class Project(TransitionsMixin, models.Model):
    """A piece of work the cooperative undertakes for itself or a client.

    Hook: labor_contracts will add an optional link to a client or a labor contract; until it
    lands, `client_name` names the client in words.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")  # being planned; nobody logs time yet
        ACTIVE = "active", _("Active")  # work under way; the team logs time
        ON_HOLD = "on_hold", _("On hold")  # paused; the plan may change, no time is logged
        COMPLETED = "completed", _("Completed")  # delivered; the record is closed
        CANCELLED = "cancelled", _("Cancelled")  # abandoned; the record is closed

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.PROPOSED: frozenset({Status.ACTIVE, Status.CANCELLED}),
        Status.ACTIVE: frozenset({Status.ON_HOLD, Status.COMPLETED, Status.CANCELLED}),
        Status.ON_HOLD: frozenset({Status.ACTIVE, Status.CANCELLED}),
        Status.COMPLETED: frozenset(),
        Status.CANCELLED: frozenset(),
    }
    CLOSED_STATUSES = frozenset({Status.COMPLETED, Status.CANCELLED})

    name = models.CharField(_("name"), max_length=200, unique=True)
    goal = models.TextField(_("goal"), blank=True)
    client_name = models.CharField(_("client"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PROPOSED)
    start_date = models.DateField(_("planned start"))
    end_date = models.DateField(_("planned end"))
    budget_hours = models.DecimalField(_("budget in hours"), default=0, **HOURS)
    budget_amount = models.DecimalField(
        _("budget"), default=0, help_text=_("In the cooperative's unit (money or points)."), **MONEY
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ProjectTeamMember",
        related_name="projects",
        blank=True,
        verbose_name=_("team"),
    )

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [("manage_project", _("Manage this project: plan its tasks and dependencies"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="project_end_not_before_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget_hours__gte=0) & Q(budget_amount__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES


class ProjectTeamMember(models.Model):
    """A person on a project's team: they follow its plan and log hours on its tasks."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="team_members", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_memberships", verbose_name=_("user")
    )
    role_name = models.CharField(_("role on the team"), max_length=100, blank=True)
    joined_on = models.DateField(_("joined on"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "user"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="project_team_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.project}"


class ManagerAppointment(models.Model):
    """The record of a manager's appointment; the power itself is the guardian grant."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="manager_appointments", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="manager_appointments", verbose_name=_("user")
    )
    appointed_at = models.DateTimeField(_("appointed at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "-appointed_at"]
        verbose_name = _("manager appointment")
        verbose_name_plural = _("manager appointments")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(ended_at__isnull=True),
                name="manager_appointment_one_open",
                violation_error_message=_("This person already manages this project."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.project}"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=200)
    due_date = models.DateField(_("due on"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "due_date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="milestone_name_unique")]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """One item of the work breakdown. A task with children is a summary of them."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("project"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks", verbose_name=_("milestone")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order in the work breakdown."))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    estimate_hours = models.DecimalField(_("estimate in hours"), default=0, **HOURS)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TaskAssignment",
        related_name="assigned_tasks",
        blank=True,
        verbose_name=_("assignees"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="task_end_not_before_start",
                violation_error_message=_("A task cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="task_progress_0_to_100",
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(estimate_hours__gte=0),
                name="task_estimate_not_negative",
                violation_error_message=_("An estimate cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class TaskAssignment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("task"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="task_assignments", verbose_name=_("user")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        constraints = [models.UniqueConstraint(fields=["task", "user"], name="task_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.task}"


class TaskDependency(models.Model):
    """`successor` may not start before `predecessor` finishes."""

    class Kind(models.TextChoices):
        FINISH_TO_START = "fs", _("Finish to start")  # the successor starts once the predecessor is done

    predecessor = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="successor_links", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="predecessor_links", verbose_name=_("successor")
    )
    kind = models.CharField(_("kind"), max_length=2, choices=Kind, default=Kind.FINISH_TO_START)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task dependency")
        verbose_name_plural = _("task dependencies")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="task_dependency_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="task_dependency_not_on_itself",
                violation_error_message=_("A task cannot depend on itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class TimeEntry(models.Model):
    """Internal hours a team member worked on a task; finance's payroll reads them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="time_entries", verbose_name=_("user")
    )
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="time_entries", verbose_name=_("task"))
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="time_entry_hours_in_a_day",
                violation_error_message=_("Hours must be more than 0 and at most 24."),
            ),
        ]
        indexes = [models.Index(fields=["user", "date"], name="time_entry_user_date")]

    def __str__(self) -> str:
        return f"{self.user} · {self.task} · {self.date}: {self.hours}"


class StaffingNeed(models.Model):
    """How many people a project needs in one role over one period.

    `role_name` is free text for now; finance will add pay-band roles, and this field will
    then point at one of them.
    """

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="staffing_needs", verbose_name=_("project")
    )
    role_name = models.CharField(_("role"), max_length=100)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    headcount = models.PositiveSmallIntegerField(_("people needed"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "period_start", "role_name"]
        verbose_name = _("staffing need")
        verbose_name_plural = _("staffing needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="staffing_need_end_not_before_start",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(headcount__gte=1),
                name="staffing_need_headcount_positive",
                violation_error_message=_("At least one person must be needed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_name} · {self.period_start}–{self.period_end}"


class StaffingAssignment(models.Model):
    need = models.ForeignKey(StaffingNeed, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("need"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staffing_assignments", verbose_name=_("user")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staffing assignment")
        verbose_name_plural = _("staffing assignments")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="staffing_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.need}"
