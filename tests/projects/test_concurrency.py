"""Races that only PostgreSQL can show: two writes at once must not break a rule together."""

from decimal import Decimal

import pytest

from coop.roles import Role
from projects import services
from projects.models import TaskDependency, TimeEntry
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories.coop import UserFactory, role_officer
from tests.factories.projects import START, project_create, task_create, team_add

pytestmark = [pytest.mark.postgres, needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_opposite_dependencies_at_once_cannot_make_a_cycle(cooperative):
    project = project_create()
    a, b = task_create(project, "A"), task_create(project, "B")
    outcomes = race(
        lambda: services.dependency_create(predecessor=a, successor=b, actor=role_officer(Role.OPERATIONS), reason="x"),
        lambda: services.dependency_create(predecessor=b, successor=a, actor=role_officer(Role.OPERATIONS), reason="x"),
    )
    assert verdicts(outcomes) == ["ok", "refused"]
    assert TaskDependency.objects.count() == 1


def test_two_entries_at_once_cannot_pass_24_hours(cooperative):
    project = project_create()
    person = UserFactory(roles=["Member"])
    team_add(project, person)
    task = task_create(project)
    log = lambda: services.time_entry_log(  # noqa: E731
        user=person, task=task, date=START, hours=Decimal(14), actor=person, reason="x"
    )
    assert verdicts(race(log, log)) == ["ok", "refused"]
    assert TimeEntry.objects.count() == 1
