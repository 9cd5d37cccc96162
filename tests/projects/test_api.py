"""The projects API: who sees what, who changes the plan, and bad input named."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Task, TaskDependency, TimeEntry
from tests.factories.coop import UserFactory
from tests.factories.projects import START, depend, manager_assign, task_create, team_add


def _patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def manager(project):
    user = UserFactory(email="foreman@example.coop", roles=["Member"])
    manager_assign(project, user)
    client = Client()
    client.force_login(user)
    return client


def test_member_sees_only_projects_they_are_on(project, member_client, member_user, board_client):
    assert member_client.get(reverse("project-list")).json()["count"] == 0
    assert member_client.get(reverse("project-detail", args=[project.pk])).status_code == 404
    team_add(project, member_user)
    assert member_client.get(reverse("project-list")).json()["count"] == 1
    assert board_client.get(reverse("project-list")).json()["count"] == 1


def test_manager_moves_a_task_with_a_reason(project, manager):
    task = task_create(project)
    response = _patch(
        manager,
        reverse("task-detail", args=[task.pk]),
        {"start_date": "2026-03-09", "end_date": "2026-03-13", "reason": "Dragged"},
    )
    assert response.status_code == 200, response.json()
    task.refresh_from_db()
    assert str(task.start_date) == "2026-03-09"
    assert task.history.first().history_user.email == "foreman@example.coop"


@pytest.mark.parametrize("role", ["Member", "Board", "Auditor"])
def test_only_manager_or_operations_change_tasks(project, role_clients, role, member_user, board_user, auditor_user):
    team_add(project, member_user)
    task = task_create(project)
    response = _patch(role_clients[role], reverse("task-detail", args=[task.pk]), {"progress": 50, "reason": "x"})
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.progress == 0 and task.history.count() == 1


def test_operations_changes_tasks(project, operations_client):
    task = task_create(project)
    response = _patch(operations_client, reverse("task-detail", args=[task.pk]), {"progress": 40, "reason": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [({"progress": 140}, "progress"), ({"end_date": "2026-01-01"}, "end_date"), ({"progress": 5}, "reason")],
)
def test_bad_task_change_names_the_field_and_writes_nothing(project, manager, data, field):
    task = task_create(project)
    payload = {"reason": "x", **data} if field != "reason" else data
    response = _patch(manager, reverse("task-detail", args=[task.pk]), payload)
    assert response.status_code == 400
    assert field in response.json()
    assert Task.objects.get(pk=task.pk).progress == 0


def test_dependency_cycle_through_the_api_is_a_400(project, manager):
    a, b = task_create(project, "A"), task_create(project, "B")
    depend(a, b)
    response = _post(manager, reverse("task-dependency-list"), {"predecessor": b.pk, "successor": a.pk, "reason": "x"})
    assert response.status_code == 400 and "cycle" in response.json()["successor"][0]
    assert TaskDependency.objects.count() == 1


def test_member_logs_own_hours_and_reads_only_their_own(project, member_client, member_user):
    team_add(project, member_user)
    task = task_create(project)
    response = _post(
        member_client,
        reverse("time-entry-list"),
        {"task": task.pk, "date": str(START), "hours": "6.5", "reason": "worked"},
    )
    assert response.status_code == 201, response.json()
    assert TimeEntry.objects.get().user == member_user
    assert member_client.get(reverse("time-entry-list")).json()["count"] == 1


def test_hours_on_a_task_of_another_project_are_a_400(project, member_client):
    response = _post(
        member_client,
        reverse("time-entry-list"),
        {"task": task_create(project).pk, "date": str(START), "hours": "2", "reason": "x"},
    )
    assert response.status_code == 400 and "task" in response.json()
    assert not TimeEntry.objects.exists()


def test_operations_opens_a_project_and_a_member_cannot(operations_client, member_client, cooperative):
    data = {"name": "Mill", "start_date": "2026-05-01", "end_date": "2026-09-01", "reason": "Board plan"}
    assert _post(member_client, reverse("project-list"), data).status_code == 403
    assert _post(operations_client, reverse("project-list"), data).status_code == 201


def test_critical_path_endpoint(project, operations_client):
    a = task_create(project, "A")
    depend(a, task_create(project, "B", start=START.replace(day=7)))
    rows = operations_client.get(reverse("project-critical-path", args=[project.pk])).json()
    assert [row["name"] for row in rows] == ["A", "B"]
