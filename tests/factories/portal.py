"""A member's history across every app, built through each app's services, for the portal home."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from finance import services as finance_services
from governance import services as governance_services
from labor_contracts import services as labor_services
from membership import services as membership_services
from projects import services as project_services
from tests.factories import finance as ff
from tests.factories import governance as gf
from tests.factories import labor_contracts as lf
from tests.factories import projects as pf

REASON = "test setup"
COMMENT = "Clear plans and patient teaching; share the schedule earlier."


@dataclass
class World:
    """What the shared setup made: the officers, the contract, the project, the dues schedule."""

    board: object
    operations: object
    contract: object
    project: object
    schedule: object
    band: object
    criterion: object
    motions: list = field(default_factory=list)


def world_create(cooperative, *, board, operations) -> World:
    """An incorporated cooperative with an active labor contract, an active project, dues and a pay band."""
    lf.documents_install()
    lf.incorporate(cooperative, board)
    finance_services.accounts_ensure(actor=None, reason=REASON)
    contract = lf.contract_active(operations, board)
    project = pf.project_create(
        name="Riverside tower",
        start_date=timezone.localdate() - timedelta(days=400),
        end_date=timezone.localdate() + timedelta(days=200),
    )
    schedule = membership_services.dues_schedule_create(
        name="Club dues",
        actor=board,
        reason=REASON,
        starts_on=timezone.localdate() - timedelta(days=400),
        amount=Decimal("25.00"),
        period_days=30,
    )
    criterion = finance_services.review_criterion_create(
        name="Craft", description="Quality of work", actor=operations, reason=REASON
    )
    return World(
        board=board,
        operations=operations,
        contract=contract,
        project=project,
        schedule=schedule,
        band=ff.band(),
        criterion=criterion,
    )


def motion_open(world: World, title: str):
    """Open a General Conference motion now: every owner at this moment is on its frozen roll."""
    motion = gf.motion(proposer=world.board, title=title)
    motion = gf.open_motion(motion, board=world.board)
    world.motions.append(motion)
    return motion


def history_build(world: World, user, size: int) -> None:
    """Give `user` (an owner) `size` of everything: ballots cast and awaiting, reviews to write,
    draft timesheets, unpaid dues, tasks due, logged hours and posted payslips."""
    today = timezone.localdate()
    for n in range(size):
        cast = motion_open(world, f"Motion already voted {user.pk}-{n}")
        governance_services.ballot_cast(motion=cast, cast_by=user, marks=gf.yes(cast))
        motion_open(world, f"Motion awaiting {user.pk}-{n}")
    teammates = [gf.owner() for _ in range(size)]
    finance_services.review_cycle_open(
        name=f"Cycle of {user.pk}",
        period_start=today - timedelta(days=90),
        period_end=today,
        team=[user, *teammates],
        criteria=[world.criterion],
        rate_changes_opted_in=False,
        actor=world.operations,
        reason=REASON,
    )
    lf.assign(world.contract, user, world.operations)
    for n in range(size):
        labor_services.timesheet_log(
            owner=user,
            contract=world.contract,
            day=today - timedelta(days=n),
            hours=Decimal("3"),
            actor=user,
            reason=REASON,
        )
    pf.team_add(world.project, user)
    for n in range(size):
        task = pf.task_create(world.project, f"Task {user.pk}-{n}", start=today - timedelta(days=2), days=5 + n)
        project_services.task_assign(task=task, user=user, actor=world.operations, reason=REASON)
        project_services.time_entry_log(
            user=user, task=task, date=today, hours=Decimal("1.5"), actor=user, reason=REASON
        )
    ff.rate(user, world.band, "30.00", world.board)
    start = world.schedule.starts_on
    for n in range(size):
        period_start = start + timedelta(days=30 * n)
        membership_services.dues_charge_period(
            schedule=world.schedule, period_start=period_start, actor=None, reason=REASON
        )


def payslips_post(world: World, users: list, months: int) -> None:
    """Post `months` monthly payroll runs ending last month, each paying `users` for two hours of
    project work (they must be on the world's project team)."""
    periods = []
    month_start = timezone.localdate().replace(day=1)
    for _ in range(months):
        month_end = month_start - timedelta(days=1)
        month_start = month_end.replace(day=1)
        periods.append((month_start, month_end))
    for start, end in reversed(periods):
        task = pf.task_create(world.project, f"Work of {start:%B %Y}", start=start, days=(end - start).days + 1)
        for user in users:
            project_services.time_entry_log(
                user=user, task=task, date=start, hours=Decimal("2"), actor=user, reason=REASON
            )
        ff.run_posted(world.operations, world.board, period=(start, end))
