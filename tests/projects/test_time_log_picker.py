"""Logging hours: tasks are picked by project, summary tasks are not offered, days to come are refused."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.models import TimeEntry
from tests.clients import logged_in
from tests.factories.projects import project_create, task_create, team_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_projects(member_user):
    bridge = project_create(name="Bridge over the river")
    school = project_create(name="School roof")
    team_add(bridge, member_user)
    team_add(school, member_user)
    phase = task_create(bridge, "Foundations")
    dig = task_create(bridge, "Dig", parent=phase)
    pour = task_create(bridge, "Pour", parent=phase)
    tiles = task_create(school, "Lay the tiles")
    return {"phase": phase, "dig": dig, "pour": pour, "tiles": tiles}


def test_the_picker_groups_tasks_by_project_and_leaves_out_summaries(two_projects, member_user):
    # When the member opens the hours page
    page = logged_in(member_user).get(reverse("projects:time_log")).content.decode()
    # Then each project is a group of its work items, and the summary task is not offered
    assert '<optgroup label="Bridge over the river">' in page and '<optgroup label="School roof">' in page
    assert f'<option value="{two_projects["dig"].pk}">Dig</option>' in page
    assert f'<option value="{two_projects["tiles"].pk}">Lay the tiles</option>' in page
    assert f'value="{two_projects["phase"].pk}"' not in page
    assert '<option value="" selected>Choose a task</option>' in page
    assert "data-task-picker" in page and "projects/task_picker.js" in page
    # And the date picker offers no day to come
    assert f'max="{timezone.localdate().isoformat()}"' in page


def test_hours_on_a_summary_task_are_refused_by_name(two_projects, member_user):
    with pytest.raises(ValidationError) as error:
        services.time_entry_log(
            user=member_user,
            task=two_projects["phase"],
            date=timezone.localdate(),
            hours=Decimal("2"),
            actor=member_user,
            reason="worked",
        )
    assert "“Foundations” sums up its subtasks" in error.value.message_dict["task"][0]
    assert not TimeEntry.objects.exists()


def test_hours_for_a_day_to_come_are_refused_and_the_form_keeps_them(two_projects, member_user):
    tomorrow = timezone.localdate() + timedelta(days=1)
    # When the member posts hours for tomorrow
    response = logged_in(member_user).post(
        reverse("projects:time_log"),
        {"task": two_projects["dig"].pk, "date": tomorrow.isoformat(), "hours": "6.5", "note": "Trench", "reason": "x"},
    )
    # Then the page says why next to the date, keeps what was typed, and writes nothing
    page = response.content.decode()
    assert response.status_code == 200
    assert "not a day to come" in page
    assert 'value="6.5"' in page and 'value="Trench"' in page
    assert f'<option value="{two_projects["dig"].pk}" selected>Dig</option>' in page
    assert not TimeEntry.objects.exists()
