"""Factories for the projects app: state built through the services."""

from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from coop.roles import Role
from projects import services
from projects.models import Project, Task
from tests.factories.coop import role_officer

START = date(2026, 3, 2)


def project_create(*, name="Bridge over the river", actor=None, active=True, **overrides) -> Project:
    fields = {"start_date": START, "end_date": START + timedelta(days=200)}
    fields.update(overrides)
    actor = actor or role_officer(Role.OPERATIONS)
    project = services.project_create(name=name, actor=actor, reason="test setup", **fields)
    if active:
        project = services.project_status_change(
            project=project, status=Project.Status.ACTIVE, actor=actor, reason="test setup"
        )
    return project


def team_add(project, *users):
    for user in users:
        services.project_team_add(project=project, user=user, actor=role_officer(Role.OPERATIONS), reason="test setup")


def manager_assign(project, user):
    return services.project_manager_assign(
        project=project, user=user, actor=role_officer(Role.OPERATIONS), reason="test setup"
    )


def task_create(project, name="Pour the deck", *, start=START, days=5, **extra) -> Task:
    return services.task_create(
        project=project,
        name=name,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        actor=role_officer(Role.OPERATIONS),
        reason="test setup",
        **extra,
    )


def depend(before, after):
    return services.dependency_create(
        predecessor=before, successor=after, actor=role_officer(Role.OPERATIONS), reason="test setup"
    )


def tasks_bulk_create(project, count: int) -> list[Task]:
    """Many tasks at once, with their history, for the query-count tests."""
    rows = [
        Task(
            project=project,
            name=f"Task {n}",
            position=n,
            start_date=START + timedelta(days=n % 50),
            end_date=START + timedelta(days=n % 50 + 2),
        )
        for n in range(count)
    ]
    return bulk_create_with_history(rows, Task, batch_size=1000)
