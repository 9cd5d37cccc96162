"""Hours on tasks: only team members, at most 24 a day, summed for payroll."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projects import selectors, services
from projects.models import TimeEntry
from tests.factories.coop import UserFactory
from tests.factories.projects import task_create, team_add

DAY = date(2026, 3, 3)


def _log(user, task, hours, day=DAY):
    return services.time_entry_log(user=user, task=task, date=day, hours=Decimal(hours), actor=user, reason="worked")


def test_hours_on_a_project_one_is_not_on_are_refused(project, member_user):
    with pytest.raises(ValidationError) as error:
        _log(member_user, task_create(project), "4")
    assert "task" in error.value.message_dict
    assert not TimeEntry.objects.exists()


def test_more_than_24_hours_a_day_is_refused(project, member_user):
    team_add(project, member_user)
    task = task_create(project)
    _log(member_user, task, "16")
    with pytest.raises(ValidationError) as error:
        _log(member_user, task, "9")
    assert "hours" in error.value.message_dict
    assert TimeEntry.objects.count() == 1


@pytest.mark.parametrize("hours", ["0", "-2", "25"])
def test_hours_outside_0_to_24_are_refused(project, member_user, hours):
    team_add(project, member_user)
    with pytest.raises(ValidationError) as error:
        _log(member_user, task_create(project), hours)
    assert "hours" in error.value.message_dict


def test_hours_by_user_sums_in_the_period(project, member_user):
    other = UserFactory(roles=["Member"])
    team_add(project, member_user, other)
    task = task_create(project)
    _log(member_user, task, "3.5")
    _log(member_user, task, "4", day=date(2026, 3, 4))
    _log(other, task, "2")
    _log(other, task, "8", day=date(2026, 4, 1))
    rows = {row["user"]: row["hours"] for row in selectors.hours_by_user(start=DAY, end=date(2026, 3, 31))}
    assert rows == {member_user.pk: Decimal("7.50"), other.pk: Decimal("2.00")}
