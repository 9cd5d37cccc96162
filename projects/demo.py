"""Demo projects: a residential tower in phases with about sixty tasks, and two smaller ones.

Idempotent: a project found by name is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import Project, Task, TaskAssignment

# The labels are written in the active language (`seed_demo --language`); projects and tasks are
# found by their name in that language.
REASON = gettext_lazy("Demo cooperative")
TOWER = gettext_lazy("Riverside residential tower")

# (phase, [(task, days)]): tasks inside a phase run one after another; each phase waits for
# the previous one, except fit-out, which starts alongside the envelope of the upper floors.
TOWER_PHASES: list[tuple[str, list[tuple[str, int]]]] = [
    (
        gettext_lazy("Design and permits"),
        [
            (gettext_lazy("Site survey"), 5),
            (gettext_lazy("Geotechnical report"), 8),
            (gettext_lazy("Concept design"), 10),
            (gettext_lazy("Structural design"), 12),
            (gettext_lazy("MEP design"), 10),
            (gettext_lazy("Permit application"), 3),
            (gettext_lazy("Permit review"), 20),
            (gettext_lazy("Construction drawings"), 10),
        ],
    ),
    (
        gettext_lazy("Site preparation"),
        [
            (gettext_lazy("Site fencing"), 2),
            (gettext_lazy("Demolition of sheds"), 4),
            (gettext_lazy("Clearing and grading"), 5),
            (gettext_lazy("Temporary utilities"), 3),
            (gettext_lazy("Site office setup"), 2),
            (gettext_lazy("Tower crane foundation"), 6),
            (gettext_lazy("Tower crane erection"), 3),
        ],
    ),
    (
        gettext_lazy("Foundations"),
        [
            (gettext_lazy("Excavation"), 10),
            (gettext_lazy("Piling"), 15),
            (gettext_lazy("Pile caps"), 8),
            (gettext_lazy("Underground drainage"), 6),
            (gettext_lazy("Basement slab"), 7),
            (gettext_lazy("Basement walls"), 10),
            (gettext_lazy("Waterproofing"), 5),
            (gettext_lazy("Backfill"), 4),
        ],
    ),
    (
        gettext_lazy("Structure"),
        [
            (gettext_lazy("Ground floor columns"), 6),
            (gettext_lazy("Level 1 slab"), 7),
            (gettext_lazy("Level 2 slab"), 7),
            (gettext_lazy("Level 3 slab"), 7),
            (gettext_lazy("Level 4 slab"), 7),
            (gettext_lazy("Level 5 slab"), 7),
            (gettext_lazy("Level 6 slab"), 7),
            (gettext_lazy("Roof slab"), 8),
            (gettext_lazy("Stair cores"), 10),
        ],
    ),
    (
        gettext_lazy("Envelope"),
        [
            (gettext_lazy("Facade panels lower floors"), 12),
            (gettext_lazy("Facade panels upper floors"), 12),
            (gettext_lazy("Windows"), 10),
            (gettext_lazy("Roofing"), 8),
            (gettext_lazy("Balconies"), 9),
            (gettext_lazy("Sealants and flashing"), 4),
        ],
    ),
    (
        gettext_lazy("Services"),
        [
            (gettext_lazy("Electrical rough-in"), 15),
            (gettext_lazy("Plumbing rough-in"), 15),
            (gettext_lazy("HVAC ducts"), 12),
            (gettext_lazy("Fire sprinklers"), 8),
            (gettext_lazy("Elevator installation"), 18),
            (gettext_lazy("Solar array"), 6),
            (gettext_lazy("Heat pumps"), 5),
        ],
    ),
    (
        gettext_lazy("Fit-out"),
        [
            (gettext_lazy("Drywall"), 15),
            (gettext_lazy("Insulation inspection"), 2),
            (gettext_lazy("Flooring"), 12),
            (gettext_lazy("Kitchens"), 10),
            (gettext_lazy("Bathrooms"), 12),
            (gettext_lazy("Painting"), 10),
            (gettext_lazy("Doors and hardware"), 6),
            (gettext_lazy("Fixtures"), 5),
        ],
    ),
    (
        gettext_lazy("Handover"),
        [
            (gettext_lazy("Landscaping"), 8),
            (gettext_lazy("Snagging"), 6),
            (gettext_lazy("Fire inspection"), 2),
            (gettext_lazy("Occupancy permit"), 5),
            (gettext_lazy("Handover to owners"), 2),
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
            name=str(phase_name),
            start_date=cursor,
            end_date=cursor + timedelta(days=length - 1),
            position=position,
            actor=actor,
            reason=str(REASON),
        )
        position += 1
        for name, days in steps:
            task = services.task_create(
                project=project,
                parent=phase,
                name=str(name),
                start_date=cursor,
                end_date=cursor + timedelta(days=days - 1),
                position=position,
                actor=actor,
                reason=str(REASON),
                estimate_hours=Decimal(days * 16),
                progress=100 if cursor + timedelta(days=days) <= date.today() else 0,
            )
            position += 1
            if previous_last is not None:
                services.dependency_create(predecessor=previous_last, successor=task, actor=actor, reason=str(REASON))
            previous_last = task
            cursor += timedelta(days=days)


def _project(name: str, *, goal: str, start: date, days: int, budget_hours: int, budget_amount: int, actor):
    return services.project_create(
        name=name,
        goal=goal,
        start_date=start,
        end_date=start + timedelta(days=days),
        actor=actor,
        reason=str(REASON),
        budget_hours=Decimal(budget_hours),
        budget_amount=Decimal(budget_amount),
    )


def seed(context) -> None:
    users = context.users
    ceo = users["ceo@demo.coop"]
    member = users["member@demo.coop"]
    team = [users[email] for email in list(users)[8:20]]
    if Project.objects.filter(name=str(TOWER)).exists():
        _member_tasks(member, ceo)
        return
    start = date.today() - timedelta(days=60)
    tower = _project(
        str(TOWER),
        goal=_("Sixty homes owned by the people who live in them, built by the cooperative's owners."),
        start=start,
        days=420,
        budget_hours=48000,
        budget_amount=12_500_000,
        actor=ceo,
    )
    services.project_manager_assign(project=tower, user=ceo, actor=ceo, reason=str(REASON))
    builder = _("Builder")
    for person in [member, *team]:
        services.project_team_add(project=tower, user=person, role_name=builder, actor=ceo, reason=str(REASON))
    _build(tower, TOWER_PHASES, start=start, actor=ceo)
    # A side branch off the main chain, so not every task is critical.
    survey = tower.tasks.get(name=_("Site survey"))
    signage = services.task_create(
        project=tower,
        name=_("Site signage"),
        start_date=start + timedelta(days=5),
        end_date=start + timedelta(days=6),
        position=999,
        actor=ceo,
        reason=str(REASON),
    )
    services.dependency_create(predecessor=survey, successor=signage, actor=ceo, reason=str(REASON))
    services.milestone_create(
        project=tower, name=_("Permit granted"), due_date=start + timedelta(days=90), actor=ceo, reason=str(REASON)
    )
    services.milestone_create(
        project=tower, name=_("Topping out"), due_date=start + timedelta(days=250), actor=ceo, reason=str(REASON)
    )
    services.project_status_change(project=tower, status=Project.Status.ACTIVE, actor=ceo, reason=str(REASON))
    needs = [(_("Carpenter"), 4, team[:3]), (_("Electrician"), 2, team[3:5]), (_("Site engineer"), 1, [])]
    for role, headcount, people in needs:
        need = services.staffing_need_create(
            project=tower,
            role_name=role,
            period_start=start,
            period_end=start + timedelta(days=180),
            headcount=headcount,
            actor=ceo,
            reason=str(REASON),
        )
        for person in people:
            services.staffing_assign(need=need, user=person, actor=ceo, reason=str(REASON))
    first_task = tower.tasks.get(name=_("Site survey"))
    services.time_entry_log(
        user=member,
        task=first_task,
        date=start,
        hours=Decimal("7.5"),
        note=_("Survey with the engineer"),
        actor=member,
        reason=str(REASON),
    )

    for name, goal, phases in [
        (
            _("Workshop solar roof"),
            _("Power the cooperative's workshop from its own roof."),
            [
                (
                    _("Solar roof"),
                    [(_("Roof assessment"), 3), (_("Panel order"), 10), (_("Mounting"), 5), (_("Grid connection"), 4)],
                )
            ],
        ),
        (
            _("Timber frame prototype"),
            _("A prefabricated timber wall line the members can build in the workshop."),
            [
                (
                    _("Prototype"),
                    [
                        (_("Design jig"), 6),
                        (_("Build jig"), 8),
                        (_("First wall"), 5),
                        (_("Testing"), 5),
                        (_("Review"), 2),
                    ],
                )
            ],
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
        services.project_manager_assign(project=project, user=manager, actor=ceo, reason=str(REASON))
        services.project_team_add(project=project, user=member, role_name=builder, actor=ceo, reason=str(REASON))
        _build(project, phases, start=project.start_date, actor=ceo)
        services.project_status_change(project=project, status=Project.Status.ACTIVE, actor=ceo, reason=str(REASON))
    _member_tasks(member, ceo)


def _member_tasks(member, ceo) -> None:
    """Put the demo member on the tower's next two unfinished work tasks, so their home has tasks due."""
    today = date.today()
    if TaskAssignment.objects.filter(task__project__name=str(TOWER), user=member).exists():
        return
    upcoming = Task.objects.filter(
        project__name=str(TOWER), children__isnull=True, progress__lt=100, end_date__gte=today
    ).order_by("end_date", "position")
    for task in upcoming[:2]:
        services.task_assign(task=task, user=member, actor=ceo, reason=str(REASON))
