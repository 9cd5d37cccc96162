"""Dependencies are chosen by name and kept: the admin picks tasks by "project · task", and a
date change that would start a task before its predecessor ends is refused, naming both."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coop.roles import Role
from projects import services
from projects.models import Task
from tests.factories.coop import role_officer
from tests.factories.projects import START, depend, project_create, task_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(project):
    dig = task_create(project, "Dig", days=4)
    pour = task_create(project, "Pour", start=START + timedelta(days=4), days=5)
    depend(dig, pour)
    return dig, pour


def _move(task, **dates):
    return services.task_update(task=task, actor=role_officer(Role.OPERATIONS), reason="drag", **dates)


def test_starting_before_the_predecessor_ends_is_refused_with_the_first_possible_day(chain):
    dig, pour = chain
    with pytest.raises(ValidationError) as error:
        _move(pour, start_date=dig.end_date, end_date=dig.end_date + timedelta(days=4))
    message = error.value.message_dict["start_date"][0]
    assert "“Pour” waits for “Dig”" in message and "it can start on" in message
    assert Task.objects.get(pk=pour.pk).start_date == pour.start_date


def test_ending_after_the_successor_starts_is_refused(chain):
    dig, pour = chain
    with pytest.raises(ValidationError) as error:
        _move(dig, end_date=pour.start_date)
    assert "“Pour” waits for “Dig”" in error.value.message_dict["end_date"][0]


def test_moves_that_keep_the_order_and_changes_of_progress_are_stored(chain):
    dig, pour = chain
    _move(pour, start_date=pour.start_date + timedelta(days=2), end_date=pour.end_date + timedelta(days=2))
    _move(dig, start_date=dig.start_date - timedelta(days=1), end_date=dig.end_date + timedelta(days=1))
    assert services.task_update(task=dig, progress=50, actor=role_officer(Role.OPERATIONS), reason="x").progress == 50


def test_the_admin_picks_tasks_by_project_and_name(operations_client, chain):
    dig, _pour = chain
    project_create(name="School roof")
    # The add page offers search-as-you-type pickers, not boxes for numeric ids
    page = operations_client.get(reverse("admin:projects_taskdependency_add")).content.decode()
    assert "admin-autocomplete" in page and "vForeignKeyRawIdAdminField" not in page
    # And the search answers with the project's name before the task's
    found = operations_client.get(
        reverse("admin:autocomplete"),
        {"term": "Dig", "app_label": "projects", "model_name": "taskdependency", "field_name": "predecessor"},
    ).json()
    assert found["results"] == [{"id": str(dig.pk), "text": f"{dig.project.name} · Dig"}]
