"""The projects API: it translates requests into selector and service calls.

A member sees only the projects they are on; Operations, the Board and the Auditor see all.
Who may change a plan (Operations, or the project's manager by a guardian object grant) is the
services' check: a refusal is a PermissionDenied, a 403 here as at every other door.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors, services
from ..models import Project, Task, TaskDependency, TimeEntry
from . import serializers as s


def _visible_task(user, task_id: int, field: str):
    task = selectors.tasks_for_user(user).filter(pk=task_id).first()
    if task is None:
        raise ValidationError({field: _("No task %(id)s among the projects you are on.") % {"id": task_id}})
    return task


def _schema_only(view) -> bool:
    """drf-spectacular builds the schema with no real user: it needs only the model."""
    return getattr(view, "swagger_fake_view", False)


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ProjectSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        if _schema_only(self):
            return Project.objects.none()
        return selectors.projects_for_user(self.request.user)

    @extend_schema(request=s.ProjectCreateSerializer, responses={201: s.ProjectSerializer})
    def create(self, request):
        # The service's own check, run before the body is read: a forbidden actor is a 403 whatever it sent.
        services.require_may_open_projects(request.user)
        data = s.ProjectCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        project = services.project_create(actor=request.user, reason=values.pop("reason"), **values)
        project = selectors.project_access(request.user, project.pk)
        return Response(s.ProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ProjectUpdateSerializer, responses=s.ProjectSerializer)
    def partial_update(self, request, pk=None):
        project = self.get_object()
        data = s.ProjectUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = values.pop("reason")
        new_status = values.pop("status", None)
        if values:
            project = services.project_update(project=project, actor=request.user, reason=reason, **values)
        if new_status is not None and new_status != project.status:
            project = services.project_status_change(
                project=project, status=new_status, actor=request.user, reason=reason
            )
        return Response(s.ProjectSerializer(selectors.project_access(request.user, project.pk)).data)

    @extend_schema(responses=s.CriticalTaskSerializer(many=True))
    @action(detail=True, url_path="critical-path")
    def critical_path(self, request, pk=None):
        """The tasks with no slack, in the order they must be done."""
        data = selectors.gantt_data(self.get_object())
        return Response(s.CriticalTaskSerializer(data.critical_tasks(), many=True).data)

    @extend_schema(responses=s.GanttRowSerializer(many=True))
    @action(detail=True)
    def gantt(self, request, pk=None):
        """Every task as a Gantt row, critical ones marked; a constant number of queries."""
        data = selectors.gantt_data(self.get_object())
        return Response(s.GanttRowSerializer(data.rows(), many=True).data)


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.TaskSerializer
    filterset_fields = ["project", "parent"]

    def get_queryset(self):
        if _schema_only(self):
            return Task.objects.none()
        return selectors.tasks_for_user(self.request.user).order_by("project_id", "position", "id")

    @extend_schema(request=s.TaskCreateSerializer, responses={201: s.TaskSerializer})
    def create(self, request):
        data = s.TaskCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        project = selectors.projects_for_user(request.user).filter(pk=values.pop("project")).first()
        if project is None:
            raise ValidationError({"project": _("No such project among the projects you are on.")})
        parent_id = values.pop("parent", None)
        if parent_id is not None:
            values["parent"] = _visible_task(request.user, parent_id, "parent")
        task = services.task_create(project=project, actor=request.user, reason=values.pop("reason"), **values)
        return Response(s.TaskSerializer(task).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TaskUpdateSerializer, responses=s.TaskSerializer)
    def partial_update(self, request, pk=None):
        """Move, stretch or progress a task: what a drag on the Gantt chart sends."""
        task = self.get_object()
        data = s.TaskUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        task = services.task_update(task=task, actor=request.user, reason=values.pop("reason"), **values)
        return Response(s.TaskSerializer(task).data)


class DependencyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.DependencySerializer

    def get_queryset(self):
        if _schema_only(self):
            return TaskDependency.objects.none()
        return selectors.dependencies_for_user(self.request.user).order_by("id")

    @extend_schema(request=s.DependencyCreateSerializer, responses={201: s.DependencySerializer})
    def create(self, request):
        data = s.DependencyCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        predecessor = _visible_task(request.user, data.validated_data["predecessor"], "predecessor")
        successor = _visible_task(request.user, data.validated_data["successor"], "successor")
        dependency = services.dependency_create(
            predecessor=predecessor, successor=successor, actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(s.DependencySerializer(dependency).data, status=status.HTTP_201_CREATED)


class TimeEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A member's own hours; Operations and the Auditor read everyone's."""

    serializer_class = s.TimeEntrySerializer
    filterset_fields = ["date", "task"]

    def get_queryset(self):
        if _schema_only(self):
            return TimeEntry.objects.none()
        return selectors.time_entries_for_user(self.request.user)

    @extend_schema(request=s.TimeEntryCreateSerializer, responses={201: s.TimeEntrySerializer})
    def create(self, request):
        data = s.TimeEntryCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        task = _visible_task(request.user, values.pop("task"), "task")
        entry = services.time_entry_log(
            user=request.user, task=task, actor=request.user, reason=values.pop("reason"), **values
        )
        return Response(s.TimeEntrySerializer(entry).data, status=status.HTTP_201_CREATED)
