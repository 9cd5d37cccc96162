"""Bad input to tasks and dependencies: a clear error naming the field, nothing written."""

import pytest
from django.core.exceptions import ValidationError

from coop.roles import Role
from projects import services
from projects.models import Task, TaskDependency
from tests.factories.coop import role_officer
from tests.factories.projects import START, depend, project_create, task_create


def test_task_ending_before_it_starts_is_refused(project):
    with pytest.raises(ValidationError) as error:
        task_create(project, days=0)
    assert "end_date" in error.value.message_dict
    assert not Task.objects.exists()


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(project, progress):
    task = task_create(project)
    with pytest.raises(ValidationError) as error:
        services.task_update(task=task, progress=progress, actor=role_officer(Role.OPERATIONS), reason="drag")
    assert "progress" in error.value.message_dict
    task.refresh_from_db()
    assert task.progress == 0


def test_dependency_cycle_is_refused_naming_the_tasks(project):
    # given dig → pour → cure
    dig, pour, cure = (task_create(project, name) for name in ["Dig", "Pour", "Cure"])
    depend(dig, pour)
    depend(pour, cure)
    # when cure → dig is added
    with pytest.raises(ValidationError) as error:
        depend(cure, dig)
    # then the error names the loop and nothing was written
    message = error.value.message_dict["successor"][0]
    assert "“Dig”" in message and "“Cure”" in message and "cycle" in message
    assert TaskDependency.objects.count() == 2


def test_dependency_across_projects_is_refused(project):
    other = project_create(name="Other")
    with pytest.raises(ValidationError):
        depend(task_create(project), task_create(other))


def test_task_update_keeps_history_with_actor_and_reason(project, operations_user):
    task = task_create(project)
    services.task_update(task=task, start_date=START, end_date=START, actor=operations_user, reason="Shortened")
    record = task.history.first()
    assert (record.history_user, record.history_change_reason, record.end_date) == (operations_user, "Shortened", START)


def test_closed_project_plan_cannot_change(project):
    task = task_create(project)
    services.project_status_change(
        project=project, status="completed", actor=role_officer(Role.OPERATIONS), reason="done"
    )
    with pytest.raises(ValidationError) as error:
        services.task_update(task=task, progress=50, actor=role_officer(Role.OPERATIONS), reason="late")
    assert "project" in error.value.message_dict


def test_status_transition_outside_the_table_is_refused(project):
    services.project_status_change(project=project, status="cancelled", actor=role_officer(Role.OPERATIONS), reason="x")
    with pytest.raises(ValidationError) as error:
        services.project_status_change(
            project=project, status="active", actor=role_officer(Role.OPERATIONS), reason="x"
        )
    assert "status" in error.value.message_dict
