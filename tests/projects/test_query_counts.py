"""Lists and the Gantt data run a constant number of queries whatever the row count."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import selectors, services
from tests.factories.coop import UserFactory
from tests.factories.projects import START, depend, project_create, task_create, tasks_bulk_create, team_add


@pytest.fixture(autouse=True)
def _content_types_cached(db):
    """Django caches content types per process; warm it so both counts start alike."""
    from django.contrib.contenttypes.models import ContentType

    from projects.models import Project

    ContentType.objects.get_for_model(Project)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_gantt_data_for_5000_tasks_takes_two_queries(project):
    tasks = tasks_bulk_create(project, 5000)
    for before, after in itertools.pairwise(tasks[:201]):
        depend(before, after)
    with CaptureQueriesContext(connection) as ctx:
        rows = selectors.gantt_data(project).rows()
    assert len(rows) == 5000
    assert len(ctx.captured_queries) == 2


def test_gantt_page_query_count_is_constant(project, operations_client):
    url = reverse("projects:detail", args=[project.pk])
    tasks_bulk_create(project, 3)
    small = _count(operations_client, url)
    tasks_bulk_create(project, 300)
    assert _count(operations_client, url) == small


def _grow(project):
    people = UserFactory.create_batch(5, roles=["Member"])
    team_add(project, *people)
    for n in range(3):
        other = project_create(name=f"Extra {n}")
        team_add(other, *people[:2])
        a, b = task_create(other, "A"), task_create(other, "B")
        depend(a, b)
    task = task_create(project)
    for person in people:
        services.time_entry_log(user=person, task=task, date=START, hours=2, actor=person, reason="x")


@pytest.mark.parametrize("name", ["project-list", "task-list", "task-dependency-list", "time-entry-list"])
def test_api_list_query_count_is_constant(project, operations_client, operations_user, name):
    # given one row of each kind, so the paginator runs its page query in both counts
    a, b = task_create(project, "A"), task_create(project, "B")
    depend(a, b)
    team_add(project, operations_user)
    services.time_entry_log(user=operations_user, task=a, date=START, hours=1, actor=operations_user, reason="x")
    small = _count(operations_client, reverse(name))
    _grow(project)
    assert _count(operations_client, reverse(name)) == small


@pytest.mark.parametrize(
    "model",
    [
        "project",
        "projectteammember",
        "managerappointment",
        "milestone",
        "task",
        "taskassignment",
        "taskdependency",
        "timeentry",
        "staffingneed",
        "staffingassignment",
    ],
)
def test_changelist_query_count_is_constant(project, operations_client, auditor_client, model):
    url = reverse(f"admin:projects_{model}_changelist")
    small = _count(operations_client, url)
    _grow(project)
    assert _count(operations_client, url) == small
    assert auditor_client.get(url).status_code == 200


def test_portal_project_list_query_count_is_constant(project, member_client, member_user):
    team_add(project, member_user)
    url = reverse("projects:list")
    small = _count(member_client, url)
    for n in range(4):
        team_add(project_create(name=f"More {n}"), member_user)
    assert _count(member_client, url) == small
