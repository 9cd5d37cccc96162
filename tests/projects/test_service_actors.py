"""Every projects write service checks who acts: Operations or the project's manager change its
plan, only Operations appoints managers, each person logs their own hours. A forbidden actor gets
PermissionDenied and nothing is written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from projects import services
from projects.models import (
    ManagerAppointment,
    Milestone,
    Project,
    ProjectTeamMember,
    StaffingAssignment,
    StaffingNeed,
    Task,
    TaskAssignment,
    TaskDependency,
    TimeEntry,
)
from tests.factories.coop import UserFactory
from tests.factories.projects import START, manager_assign, project_create, task_create, team_add

pytestmark = pytest.mark.django_db

MODELS = [
    Project,
    ProjectTeamMember,
    ManagerAppointment,
    Milestone,
    Task,
    TaskAssignment,
    TaskDependency,
    TimeEntry,
    StaffingNeed,
    StaffingAssignment,
]


def _written() -> tuple:
    return (
        *(model.objects.count() for model in MODELS),
        *(model.history.count() for model in MODELS),
        tuple(Project.objects.order_by("pk").values_list("name", "status")),
        tuple(Task.objects.order_by("pk").values_list("progress", flat=True)),
    )


@pytest.fixture
def people(cooperative, board_user, operations_user, member_user, auditor_user):
    return {
        "operations": operations_user,
        "board": board_user,
        "member": member_user,
        "auditor": auditor_user,
        "stranger": UserFactory(email="stranger@example.coop"),
        "other_manager": UserFactory(email="other-manager@example.coop"),
        "manager": UserFactory(email="manager@example.coop"),
    }


@pytest.fixture
def state(people):
    project = project_create(actor=people["operations"])
    manager_assign(project, people["manager"])
    manager_assign(project_create(name="Another project", actor=people["operations"]), people["other_manager"])
    worker = UserFactory(email="worker@example.coop")
    team_add(project, people["member"], worker)
    first, second, third = (task_create(project, name) for name in ("First", "Second", "Third"))
    need = services.staffing_need_create(
        project=project,
        role_name="Carpenter",
        period_start=START,
        period_end=START,
        headcount=2,
        actor=people["operations"],
        reason="setup",
    )
    filled = services.staffing_assign(need=need, user=people["member"], actor=people["operations"], reason="setup")
    dependency = services.dependency_create(predecessor=first, successor=second, actor=people["operations"], reason="s")
    return {
        "project": project,
        "manager": people["manager"],
        "worker": worker,
        "tasks": (first, second, third),
        "need": need,
        "filled": filled,
        "dependency": dependency,
    }


PLAN_SERVICES = {
    "project_update": lambda s, actor: services.project_update(
        project=s["project"], actor=actor, reason="r", name="Renamed"
    ),
    "project_status_change": lambda s, actor: services.project_status_change(
        project=s["project"], status=Project.Status.ON_HOLD, actor=actor, reason="r"
    ),
    "project_team_add": lambda s, actor: services.project_team_add(
        project=s["project"], user=s["outsider"], actor=actor, reason="r"
    ),
    "project_team_remove": lambda s, actor: services.project_team_remove(
        project=s["project"], user=s["worker"], actor=actor, reason="r"
    ),
    "milestone_create": lambda s, actor: services.milestone_create(
        project=s["project"], name="Roof", due_date=START, actor=actor, reason="r"
    ),
    "task_create": lambda s, actor: services.task_create(
        project=s["project"], name="New", start_date=START, end_date=START, actor=actor, reason="r"
    ),
    "task_update": lambda s, actor: services.task_update(task=s["tasks"][0], progress=40, actor=actor, reason="r"),
    "task_assign": lambda s, actor: services.task_assign(task=s["tasks"][0], user=s["worker"], actor=actor, reason="r"),
    "dependency_create": lambda s, actor: services.dependency_create(
        predecessor=s["tasks"][1], successor=s["tasks"][2], actor=actor, reason="r"
    ),
    "dependency_remove": lambda s, actor: services.dependency_remove(
        dependency=s["dependency"], actor=actor, reason="r"
    ),
    "staffing_need_create": lambda s, actor: services.staffing_need_create(
        project=s["project"],
        role_name="Roofer",
        period_start=START,
        period_end=START,
        headcount=1,
        actor=actor,
        reason="r",
    ),
    "staffing_assign": lambda s, actor: services.staffing_assign(
        need=s["need"], user=s["worker"], actor=actor, reason="r"
    ),
    "staffing_unassign": lambda s, actor: services.staffing_unassign(assignment=s["filled"], actor=actor, reason="r"),
}

OPERATIONS_SERVICES = {
    "project_create": lambda s, actor: services.project_create(
        name="New project", start_date=START, end_date=START, actor=actor, reason="r"
    ),
    "project_manager_assign": lambda s, actor: services.project_manager_assign(
        project=s["project"], user=s["worker"], actor=actor, reason="r"
    ),
    "project_manager_remove": lambda s, actor: services.project_manager_remove(
        project=s["project"], user=s["manager"], actor=actor, reason="r"
    ),
}

NOT_ON_THE_PLAN = ["board", "member", "auditor", "stranger", "other_manager"]


@pytest.fixture
def outsider(state):
    state["outsider"] = UserFactory(email="outsider@example.coop")
    return state


@pytest.mark.parametrize("who", NOT_ON_THE_PLAN)
@pytest.mark.parametrize("name", sorted(PLAN_SERVICES))
def test_the_plan_refuses_all_but_operations_and_the_manager(people, outsider, name, who):
    state = outsider
    before = _written()
    with pytest.raises(PermissionDenied, match="Only Operations or the manager"):
        PLAN_SERVICES[name](state, people[who])
    assert _written() == before


@pytest.mark.parametrize("who", ["operations", "manager"])
@pytest.mark.parametrize("name", sorted(PLAN_SERVICES))
def test_operations_and_the_manager_change_the_plan(people, outsider, name, who):
    before = _written()
    PLAN_SERVICES[name](outsider, people[who])
    assert _written() != before


@pytest.mark.parametrize("who", ["manager", *NOT_ON_THE_PLAN])
@pytest.mark.parametrize("name", sorted(OPERATIONS_SERVICES))
def test_only_operations_opens_projects_and_appoints_managers(people, state, name, who):
    before = _written()
    with pytest.raises(PermissionDenied, match="Only Operations may"):
        OPERATIONS_SERVICES[name](state, people[who])
    assert _written() == before


@pytest.mark.parametrize("name", sorted(OPERATIONS_SERVICES))
def test_operations_opens_projects_and_appoints_managers(people, state, name):
    before = _written()
    OPERATIONS_SERVICES[name](state, people["operations"])
    assert _written() != before


@pytest.mark.parametrize("who", ["operations", "manager", "board", "auditor", "stranger"])
def test_each_person_logs_their_own_hours(people, state, who):
    # given a team member on an active project, and someone else logging hours in their name
    task = state["tasks"][0]
    before = _written()
    with pytest.raises(PermissionDenied):
        services.time_entry_log(
            user=people["member"], task=task, date=START, hours=Decimal("2"), actor=people[who], reason="r"
        )
    assert _written() == before
    # the team member logs their own
    entry = services.time_entry_log(
        user=people["member"], task=task, date=START, hours=Decimal("2"), actor=people["member"], reason="r"
    )
    assert entry.user == people["member"]
