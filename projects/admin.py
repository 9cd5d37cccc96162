"""Operations runs projects here; the Board and the Auditor read. Every write goes through a service."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_mixins import AuditedModelAdmin, ReadOnlyAdmin, ReasonForm

from . import selectors, services
from .models import (
    ManagerAppointment,
    Milestone,
    Project,
    ProjectTeamMember,
    StaffingAssignment,
    StaffingNeed,
    Task,
    TaskAssignment,
    TaskDependency,
    TimeEntry,
)


def _adopt(obj, created) -> None:
    """Point the admin's unsaved instance at the row the service created, for the redirect."""
    obj.pk = created.pk


class AddOnlyAdmin(AuditedModelAdmin):
    """Records made once by a service and never edited in place."""

    def has_change_permission(self, request, obj=None) -> bool:
        return False if obj is not None else super().has_change_permission(request, obj)


@admin.register(Project)
class ProjectAdmin(AuditedModelAdmin):
    list_display = ["name", "status", "start_date", "end_date", "budget_hours", "budget_amount"]
    list_filter = ["status"]
    search_fields = ["name", "client_name"]
    fields = ["name", "goal", "client_name", "status", "start_date", "end_date", "budget_hours", "budget_amount"]

    def get_readonly_fields(self, request, obj=None):
        return ["status"] if obj is None else []

    def save_via_service(self, request, obj, form, change, reason):
        if not change:
            values = {name: form.cleaned_data[name] for name in services.projects.PROJECT_EDITABLE_FIELDS}
            _adopt(obj, services.project_create(actor=request.user, reason=reason, **values))
            return
        original = Project.objects.get(pk=obj.pk)
        edits = {n: form.cleaned_data[n] for n in form.changed_data if n in services.projects.PROJECT_EDITABLE_FIELDS}
        if edits:
            services.project_update(project=original, actor=request.user, reason=reason, **edits)
        if "status" in form.changed_data:
            services.project_status_change(project=original, status=obj.status, actor=request.user, reason=reason)


@admin.register(ProjectTeamMember)
class ProjectTeamMemberAdmin(AddOnlyAdmin):
    list_display = ["user", "project", "role_name", "joined_on"]
    list_select_related = ["user", "project"]
    list_filter = ["project"]
    fields = ["project", "user", "role_name", "joined_on"]
    autocomplete_fields = ["user"]

    def save_via_service(self, request, obj, form, change, reason):
        member = services.project_team_add(
            project=obj.project,
            user=obj.user,
            role_name=obj.role_name,
            joined_on=obj.joined_on,
            actor=request.user,
            reason=reason,
        )
        _adopt(obj, member)


class AppointmentForm(ReasonForm):
    end_appointment = forms.BooleanField(
        label=_("End this appointment"), required=False, help_text=_("Takes the manager's permission away.")
    )


@admin.register(ManagerAppointment)
class ManagerAppointmentAdmin(AuditedModelAdmin):
    """Operations appoints and removes project managers; the grant is a guardian object permission."""

    form = AppointmentForm
    list_display = ["user", "project", "appointed_at", "ended_at"]
    list_select_related = ["user", "project"]
    list_filter = ["project"]
    autocomplete_fields = ["user"]

    def get_fields(self, request, obj=None):
        base = ["project", "user"] if obj is None else ["project", "user", "appointed_at", "ended_at"]
        if obj is not None and obj.ended_at is None and self.has_change_permission(request, obj):
            base.append("end_appointment")
        return [*base, "change_reason"] if self._may_write(request, obj) else base

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["project", "user", "appointed_at", "ended_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.ended_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        if not change:
            _adopt(
                obj,
                services.project_manager_assign(project=obj.project, user=obj.user, actor=request.user, reason=reason),
            )
        elif form.cleaned_data.get("end_appointment"):
            services.project_manager_remove(project=obj.project, user=obj.user, actor=request.user, reason=reason)


@admin.register(Milestone)
class MilestoneAdmin(AddOnlyAdmin):
    list_display = ["name", "project", "due_date", "reached_on"]
    list_select_related = ["project"]
    list_filter = ["project"]
    search_fields = ["name", "project__name"]
    fields = ["project", "name", "due_date"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("project"), may_have_duplicates

    def autocomplete_label(self, milestone: Milestone) -> str:
        return f"{milestone.project.name} · {milestone.name}"

    def save_via_service(self, request, obj, form, change, reason):
        _adopt(
            obj,
            services.milestone_create(
                project=obj.project, name=obj.name, due_date=obj.due_date, actor=request.user, reason=reason
            ),
        )


@admin.register(Task)
class TaskAdmin(AuditedModelAdmin):
    list_display = ["name", "project", "parent", "start_date", "end_date", "progress", "estimate_hours"]
    list_select_related = ["project", "parent"]
    list_filter = ["project"]
    search_fields = ["name", "project__name"]
    autocomplete_fields = ["parent", "milestone"]
    fields = [
        "project",
        "parent",
        "milestone",
        "name",
        "position",
        "start_date",
        "end_date",
        "progress",
        "estimate_hours",
    ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["project"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("project"), may_have_duplicates

    def autocomplete_label(self, task: Task) -> str:
        return f"{task.project.name} · {task.name}"

    def save_via_service(self, request, obj, form, change, reason):
        editable = services.tasks.TASK_EDITABLE_FIELDS
        if not change:
            values = {name: form.cleaned_data[name] for name in editable}
            _adopt(obj, services.task_create(project=obj.project, actor=request.user, reason=reason, **values))
            return
        edits = {name: form.cleaned_data[name] for name in form.changed_data if name in editable}
        services.task_update(task=Task.objects.get(pk=obj.pk), actor=request.user, reason=reason, **edits)


@admin.register(TaskAssignment)
class TaskAssignmentAdmin(AddOnlyAdmin):
    list_display = ["user", "task"]
    list_select_related = ["user", "task"]
    autocomplete_fields = ["task", "user"]

    def save_via_service(self, request, obj, form, change, reason):
        _adopt(obj, services.task_assign(task=obj.task, user=obj.user, actor=request.user, reason=reason))


@admin.register(TaskDependency)
class TaskDependencyAdmin(AddOnlyAdmin):
    list_display = ["predecessor", "successor", "kind"]
    list_select_related = ["predecessor__project", "successor"]
    autocomplete_fields = ["predecessor", "successor"]
    fields = ["predecessor", "successor"]

    def save_via_service(self, request, obj, form, change, reason):
        _adopt(
            obj,
            services.dependency_create(
                predecessor=obj.predecessor, successor=obj.successor, actor=request.user, reason=reason
            ),
        )


@admin.register(TimeEntry)
class TimeEntryAdmin(ReadOnlyAdmin):
    """Read-only here: members log their own hours in the portal or through the API."""

    list_display = ["user", "task", "date", "hours"]
    list_select_related = ["user", "task"]
    list_filter = ["date"]
    date_hierarchy = "date"

    def get_queryset(self, request):
        return selectors.time_entries_for_user(request.user)


@admin.register(StaffingNeed)
class StaffingNeedAdmin(AddOnlyAdmin):
    list_display = ["role_name", "project", "period_start", "period_end", "headcount"]
    list_select_related = ["project"]
    list_filter = ["project"]
    fields = ["project", "role_name", "period_start", "period_end", "headcount"]

    def save_via_service(self, request, obj, form, change, reason):
        _adopt(
            obj,
            services.staffing_need_create(
                project=obj.project,
                role_name=obj.role_name,
                period_start=obj.period_start,
                period_end=obj.period_end,
                headcount=obj.headcount,
                actor=request.user,
                reason=reason,
            ),
        )


@admin.register(StaffingAssignment)
class StaffingAssignmentAdmin(AddOnlyAdmin):
    list_display = ["user", "need"]
    list_select_related = ["user", "need"]
    autocomplete_fields = ["user"]

    def save_via_service(self, request, obj, form, change, reason):
        _adopt(obj, services.staffing_assign(need=obj.need, user=obj.user, actor=request.user, reason=reason))
