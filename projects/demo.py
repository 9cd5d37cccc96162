"""Demo projects: a residential tower in phases with about sixty tasks, and two smaller ones.

Idempotent: a project found by name is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from . import services
from .models import Project, Task, TaskAssignment

REASON = "Demo cooperative"
TOWER = "Riverside residential tower"

# (phase, [(task, days)]): tasks inside a phase run one after another; each phase waits for
# the previous one, except fit-out, which starts alongside the envelope of the upper floors.
TOWER_PHASES: list[tuple[str, list[tuple[str, int]]]] = [
    (
        "Design and permits",
        [
            ("Site survey", 5),
            ("Geotechnical report", 8),
            ("Concept design", 10),
            ("Structural design", 12),
            ("MEP design", 10),
            ("Permit application", 3),
            ("Permit review", 20),
            ("Construction drawings", 10),
        ],
    ),
    (
        "Site preparation",
        [
            ("Site fencing", 2),
            ("Demolition of sheds", 4),
            ("Clearing and grading", 5),
            ("Temporary utilities", 3),
            ("Site office setup", 2),
            ("Tower crane foundation", 6),
            ("Tower crane erection", 3),
        ],
    ),
    (
        "Foundations",
        [
            ("Excavation", 10),
            ("Piling", 15),
            ("Pile caps", 8),
            ("Underground drainage", 6),
            ("Basement slab", 7),
            ("Basement walls", 10),
            ("Waterproofing", 5),
            ("Backfill", 4),
        ],
    ),
    (
        "Structure",
        [
            ("Ground floor columns", 6),
            ("Level 1 slab", 7),
            ("Level 2 slab", 7),
            ("Level 3 slab", 7),
            ("Level 4 slab", 7),
            ("Level 5 slab", 7),
            ("Level 6 slab", 7),
            ("Roof slab", 8),
            ("Stair cores", 10),
        ],
    ),
    (
        "Envelope",
        [
            ("Facade panels lower floors", 12),
            ("Facade panels upper floors", 12),
            ("Windows", 10),
            ("Roofing", 8),
            ("Balconies", 9),
            ("Sealants and flashing", 4),
        ],
    ),
    (
        "Services",
        [
            ("Electrical rough-in", 15),
            ("Plumbing rough-in", 15),
            ("HVAC ducts", 12),
            ("Fire sprinklers", 8),
            ("Elevator installation", 18),
            ("Solar array", 6),
            ("Heat pumps", 5),
        ],
    ),
    (
        "Fit-out",
        [
            ("Drywall", 15),
            ("Insulation inspection", 2),
            ("Flooring", 12),
            ("Kitchens", 10),
            ("Bathrooms", 12),
            ("Painting", 10),
            ("Doors and hardware", 6),
            ("Fixtures", 5),
        ],
    ),
    (
        "Handover",
        [
            ("Landscaping", 8),
            ("Snagging", 6),
            ("Fire inspection", 2),
            ("Occupancy permit", 5),
            ("Handover to owners", 2),
        ],
    ),
]


def _build(project: Project, phases, *, start: date, actor) -> None:
    """Create the phases as summary tasks and chain their work in order."""
    cursor = start
    previous_last = None
    position = 0
    for phase_name, steps in phases:
        length = sum(days for _name, days in steps)
        phase = services.task_create(
            project=project,
            name=phase_name,
            start_date=cursor,
            end_date=cursor + timedelta(days=length - 1),
            position=position,
            actor=actor,
            reason=REASON,
        )
        position += 1
        for name, days in steps:
            task = services.task_create(
                project=project,
                parent=phase,
                name=name,
                start_date=cursor,
                end_date=cursor + timedelta(days=days - 1),
                position=position,
                actor=actor,
                reason=REASON,
                estimate_hours=Decimal(days * 16),
                progress=100 if cursor + timedelta(days=days) <= date.today() else 0,
            )
            position += 1
            if previous_last is not None:
                services.dependency_create(predecessor=previous_last, successor=task, actor=actor, reason=REASON)
            previous_last = task
            cursor += timedelta(days=days)


def _project(name: str, *, goal: str, start: date, days: int, budget_hours: int, budget_amount: int, actor):
    return services.project_create(
        name=name,
        goal=goal,
        start_date=start,
        end_date=start + timedelta(days=days),
        actor=actor,
        reason=REASON,
        budget_hours=Decimal(budget_hours),
        budget_amount=Decimal(budget_amount),
    )


def seed(context) -> None:
    users = context.users
    ceo = users["ceo@demo.coop"]
    member = users["member@demo.coop"]
    team = [users[email] for email in list(users)[8:20]]
    if Project.objects.filter(name=TOWER).exists():
        _member_tasks(member, ceo)
        return
    start = date.today() - timedelta(days=60)
    tower = _project(
        TOWER,
        goal="Sixty homes owned by the people who live in them, built by the cooperative's owners.",
        start=start,
        days=420,
        budget_hours=48000,
        budget_amount=12_500_000,
        actor=ceo,
    )
    services.project_manager_assign(project=tower, user=ceo, actor=ceo, reason=REASON)
    for person in [member, *team]:
        services.project_team_add(project=tower, user=person, role_name="Builder", actor=ceo, reason=REASON)
    _build(tower, TOWER_PHASES, start=start, actor=ceo)
    # A side branch off the main chain, so not every task is critical.
    survey = tower.tasks.get(name="Site survey")
    signage = services.task_create(
        project=tower,
        name="Site signage",
        start_date=start + timedelta(days=5),
        end_date=start + timedelta(days=6),
        position=999,
        actor=ceo,
        reason=REASON,
    )
    services.dependency_create(predecessor=survey, successor=signage, actor=ceo, reason=REASON)
    services.milestone_create(
        project=tower, name="Permit granted", due_date=start + timedelta(days=90), actor=ceo, reason=REASON
    )
    services.milestone_create(
        project=tower, name="Topping out", due_date=start + timedelta(days=250), actor=ceo, reason=REASON
    )
    services.project_status_change(project=tower, status=Project.Status.ACTIVE, actor=ceo, reason=REASON)
    needs = [("Carpenter", 4, team[:3]), ("Electrician", 2, team[3:5]), ("Site engineer", 1, [])]
    for role, headcount, people in needs:
        need = services.staffing_need_create(
            project=tower,
            role_name=role,
            period_start=start,
            period_end=start + timedelta(days=180),
            headcount=headcount,
            actor=ceo,
            reason=REASON,
        )
        for person in people:
            services.staffing_assign(need=need, user=person, actor=ceo, reason=REASON)
    first_task = tower.tasks.get(name="Site survey")
    services.time_entry_log(
        user=member,
        task=first_task,
        date=start,
        hours=Decimal("7.5"),
        note="Survey with the engineer",
        actor=member,
        reason=REASON,
    )

    for name, goal, phases in [
        (
            "Workshop solar roof",
            "Power the cooperative's workshop from its own roof.",
            [("Solar roof", [("Roof assessment", 3), ("Panel order", 10), ("Mounting", 5), ("Grid connection", 4)])],
        ),
        (
            "Timber frame prototype",
            "A prefabricated timber wall line the members can build in the workshop.",
            [("Prototype", [("Design jig", 6), ("Build jig", 8), ("First wall", 5), ("Testing", 5), ("Review", 2)])],
        ),
    ]:
        project = _project(
            name,
            goal=goal,
            start=date.today() - timedelta(days=10),
            days=60,
            budget_hours=800,
            budget_amount=90_000,
            actor=ceo,
        )
        manager = users["manager@demo.coop"]
        services.project_manager_assign(project=project, user=manager, actor=ceo, reason=REASON)
        services.project_team_add(project=project, user=member, role_name="Builder", actor=ceo, reason=REASON)
        _build(project, phases, start=project.start_date, actor=ceo)
        services.project_status_change(project=project, status=Project.Status.ACTIVE, actor=ceo, reason=REASON)
    _member_tasks(member, ceo)


def _member_tasks(member, ceo) -> None:
    """Put the demo member on the tower's next two unfinished work tasks, so their home has tasks due."""
    today = date.today()
    if TaskAssignment.objects.filter(task__project__name=TOWER, user=member).exists():
        return
    upcoming = Task.objects.filter(
        project__name=TOWER, children__isnull=True, progress__lt=100, end_date__gte=today
    ).order_by("end_date", "position")
    for task in upcoming[:2]:
        services.task_assign(task=task, user=member, actor=ceo, reason=REASON)
