"""Races that only PostgreSQL can show: two writes at once must not break a rule together."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from projects import services
from projects.models import TaskDependency, TimeEntry
from tests.factories.coop import UserFactory, cooperative_create
from tests.factories.projects import START, project_create, task_create, team_add

pytestmark = pytest.mark.django_db(transaction=True)


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.fixture
def pg():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite cannot show a race")
    cooperative_create()


def test_two_opposite_dependencies_at_once_cannot_make_a_cycle(pg):
    project = project_create()
    a, b = task_create(project, "A"), task_create(project, "B")
    outcomes = _race(
        lambda: services.dependency_create(predecessor=a, successor=b, actor=None, reason="x"),
        lambda: services.dependency_create(predecessor=b, successor=a, actor=None, reason="x"),
    )
    assert outcomes == ["ok", "refused"]
    assert TaskDependency.objects.count() == 1


def test_two_entries_at_once_cannot_pass_24_hours(pg):
    project = project_create()
    person = UserFactory(roles=["Member"])
    team_add(project, person)
    task = task_create(project)
    log = lambda: services.time_entry_log(  # noqa: E731
        user=person, task=task, date=START, hours=Decimal(14), actor=person, reason="x"
    )
    assert _race(log, log) == ["ok", "refused"]
    assert TimeEntry.objects.count() == 1
