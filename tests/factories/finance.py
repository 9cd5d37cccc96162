"""Finance factories: bands, rates, hours, runs and reviews, all built through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finance import services
from finance.models import PayBand, PayrollRun
from tests.factories import projects as project_factories

REASON = "test setup"
PERIOD = (date(2026, 3, 1), date(2026, 3, 31))


def band(role: str = "Builder", minimum: str = "20.00", maximum: str = "40.00") -> PayBand:
    return services.pay_band_adopt(
        role=role,
        minimum=Decimal(minimum),
        maximum=Decimal(maximum),
        basis="Motion #1: pay bands",
        actor=None,
        reason=REASON,
    )


def rate(member, pay_band: PayBand, value: str, board_user):
    return services.member_rate_set(member=member, band=pay_band, rate=Decimal(value), actor=board_user, reason=REASON)


def internal_hours(user, day: date, hours: str, project=None):
    """Log `hours` of internal project time for `user` on `day`."""
    from projects.services import time_entry_log

    project = project or project_factories.project_create(name=f"Project for {user.email}")
    project_factories.team_add(project, user)
    task = project_factories.task_create(project, start=day)
    return time_entry_log(user=user, task=task, date=day, hours=Decimal(hours), actor=user, reason=REASON)


def run_posted(operations_user, board_user, period=PERIOD) -> PayrollRun:
    run = services.payroll_run_draft(period_start=period[0], period_end=period[1], actor=operations_user, reason=REASON)
    services.payroll_run_review(run=run, actor=operations_user, reason=REASON)
    services.payroll_run_approve(run=run, actor=board_user, reason=REASON)
    return services.payroll_run_post(run=run, actor=board_user, reason=REASON)


def entry(lines, memo: str = "Opening balance", day: date = date(2026, 3, 1)):
    return services.journal_entry_post(date=day, memo=memo, lines=lines, actor=None, reason=REASON)


COMMENT = "Clear plans and patient teaching; share the schedule earlier."


def review_cycle(operations_user, board_user, size: int = 3):
    """Return an open, opted-in review cycle of `size` teammates paid 30 in the Builder band."""
    from tests.factories.coop import UserFactory

    team = [UserFactory() for _ in range(size)]
    builder = band()
    for member in team:
        rate(member, builder, "30.00", board_user)
    criterion = services.review_criterion_create(
        name=f"Craft {team[0].pk}", description="Quality of work", actor=operations_user, reason=REASON
    )
    cycle = services.review_cycle_open(
        name=f"Spring {team[0].pk}",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        team=team,
        criteria=[criterion],
        rate_changes_opted_in=True,
        actor=operations_user,
        reason=REASON,
    )
    return cycle, team, criterion


def rate_proposal(operations_user, board_user):
    """Return a pending review proposal raising a teammate's rate inside the band."""
    cycle, team, criterion = review_cycle(operations_user, board_user)
    for reviewer in (team[0], team[2]):
        services.review_submit(
            cycle=cycle, reviewee=team[1], scores={criterion.pk: 5}, comments=COMMENT, actor=reviewer, reason=REASON
        )
    services.review_cycle_close(cycle=cycle, actor=operations_user, reason=REASON)
    return cycle.rate_proposals.get()


def dispute(operations_user, board_user):
    """Return a raised review dispute, and the teammate who is neither party (a possible mediator)."""
    from tests.factories.governance import bodies

    bodies()
    cycle, team, criterion = review_cycle(operations_user, board_user)
    review = services.review_submit(
        cycle=cycle, reviewee=team[1], scores={criterion.pk: 1}, comments=COMMENT, actor=team[0], reason=REASON
    )
    raised = services.review_dispute_raise(
        review=review, statement="The score ignores my site work.", actor=team[1], reason=REASON
    )
    return raised, team[2]


def books_with_surplus(operations_user, board_user):
    """March books: revenue 1000 and a posted payroll of 10 hours at 25 for two workers."""
    from finance.services import Line
    from tests.factories.coop import UserFactory

    workers = [UserFactory(), UserFactory()]
    builder = band()
    for worker, hours in zip(workers, ["4", "6"], strict=True):
        rate(worker, builder, "25.00", board_user)
        internal_hours(worker, date(2026, 3, 5), hours)
    entry([Line("1000", debit="1000.00"), Line("4100", credit="1000.00")], memo="Client work", day=date(2026, 3, 20))
    run_posted(operations_user, board_user)
    return workers
