"""Portal pages: projects, the Gantt page, hours and the staffing plan."""

from decimal import Decimal

from django.urls import reverse

from coop.roles import Role
from projects import services
from projects.models import TimeEntry
from tests.factories.coop import UserFactory, role_officer
from tests.factories.projects import START, manager_assign, task_create, team_add


def test_nav_links_to_projects(member_client):
    assert reverse("projects:list") in member_client.get(reverse("portal:home")).content.decode()


def test_team_member_sees_read_only_gantt_and_manager_may_drag(project, member_client, member_user):
    team_add(project, member_user)
    task_create(project, "Pour the deck")
    page = member_client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'data-may-manage="false"' in page and "Pour the deck" in page
    assert "vendor/frappe-gantt/frappe-gantt.umd.js" in page
    manager = UserFactory(roles=["Member"])
    manager_assign(project, manager)
    member_client.force_login(manager)
    assert 'data-may-manage="true"' in member_client.get(reverse("projects:detail", args=[project.pk])).content.decode()


def test_outsider_gets_404_on_a_project(project, member_client):
    assert member_client.get(reverse("projects:detail", args=[project.pk])).status_code == 404


def test_member_logs_hours_in_the_portal(project, member_client, member_user):
    team_add(project, member_user)
    task = task_create(project)
    response = member_client.post(
        reverse("projects:time_log"), {"task": task.pk, "date": str(START), "hours": "7.25", "reason": "worked"}
    )
    assert response.status_code == 302
    assert TimeEntry.objects.get().hours == Decimal("7.25")


def test_too_many_hours_are_shown_as_a_field_error(project, member_client, member_user):
    team_add(project, member_user)
    task = task_create(project)
    services.time_entry_log(user=member_user, task=task, date=START, hours=Decimal(20), actor=member_user, reason="x")
    response = member_client.post(
        reverse("projects:time_log"), {"task": task.pk, "date": str(START), "hours": "5", "reason": "worked"}
    )
    assert response.status_code == 200
    assert "hours" in response.context["form"].errors
    assert TimeEntry.objects.count() == 1


def test_staffing_plan_shows_gaps(project, operations_client, member_user):
    team_add(project, member_user)
    need = services.staffing_need_create(
        project=project,
        role_name="Carpenter",
        period_start=START,
        period_end=START,
        headcount=3,
        actor=role_officer(Role.OPERATIONS),
        reason="x",
    )
    services.staffing_assign(need=need, user=member_user, actor=role_officer(Role.OPERATIONS), reason="x")
    page = operations_client.get(reverse("projects:staffing", args=[project.pk])).content.decode()
    assert "Carpenter" in page and "2 people missing" in page
