"""Input and output shapes of the projects API."""

from rest_framework import serializers

from coop.api.serializers import ReasonField, StrictModelSerializer, StrictSerializer

from ..models import Project, Task, TaskDependency, TimeEntry


class ProjectSerializer(StrictModelSerializer):
    you_manage = serializers.BooleanField(source="is_managed", read_only=True)
    team_size = serializers.IntegerField(read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "goal",
            "client_name",
            "status",
            "start_date",
            "end_date",
            "budget_hours",
            "budget_amount",
            "team_size",
            "you_manage",
        ]
        read_only_fields = fields


class ProjectCreateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    goal = serializers.CharField(required=False, allow_blank=True, default="")
    client_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    budget_hours = serializers.DecimalField(max_digits=8, decimal_places=2, required=False)
    budget_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    reason = ReasonField()


class ProjectUpdateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False)
    goal = serializers.CharField(required=False, allow_blank=True)
    client_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    budget_hours = serializers.DecimalField(max_digits=8, decimal_places=2, required=False)
    budget_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    status = serializers.ChoiceField(choices=Project.Status.choices, required=False)
    reason = ReasonField()


class CriticalTaskSerializer(StrictSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    earliest_start = serializers.DateField()


class GanttRowSerializer(StrictSerializer):
    id = serializers.CharField()
    pk = serializers.IntegerField()
    name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    progress = serializers.IntegerField()
    dependencies = serializers.CharField(allow_blank=True)
    custom_class = serializers.CharField(allow_blank=True)


class TaskSerializer(StrictModelSerializer):
    class Meta:
        model = Task
        fields = [
            "id",
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
        read_only_fields = fields


class TaskCreateSerializer(StrictSerializer):
    project = serializers.IntegerField()
    parent = serializers.IntegerField(required=False, allow_null=True)
    name = serializers.CharField(max_length=200)
    position = serializers.IntegerField(min_value=0, required=False)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    progress = serializers.IntegerField(required=False)
    estimate_hours = serializers.DecimalField(max_digits=8, decimal_places=2, required=False)
    reason = ReasonField()


class TaskUpdateSerializer(StrictSerializer):
    """Progress and dates are checked by the service, so the error names the rule, not the type."""

    name = serializers.CharField(max_length=200, required=False)
    position = serializers.IntegerField(min_value=0, required=False)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    progress = serializers.IntegerField(required=False)
    estimate_hours = serializers.DecimalField(max_digits=8, decimal_places=2, required=False)
    reason = ReasonField()


class DependencySerializer(StrictModelSerializer):
    class Meta:
        model = TaskDependency
        fields = ["id", "predecessor", "successor", "kind"]
        read_only_fields = fields


class DependencyCreateSerializer(StrictSerializer):
    predecessor = serializers.IntegerField()
    successor = serializers.IntegerField()
    reason = ReasonField()


class TimeEntrySerializer(StrictModelSerializer):
    project = serializers.IntegerField(source="task.project_id", read_only=True)

    class Meta:
        model = TimeEntry
        fields = ["id", "user", "task", "project", "date", "hours", "note"]
        read_only_fields = fields


class TimeEntryCreateSerializer(StrictSerializer):
    task = serializers.IntegerField()
    date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=4, decimal_places=2)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    reason = ReasonField()
