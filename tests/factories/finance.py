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
    return services.pay_band_adopt(role=role, minimum=Decimal(minimum), maximum=Decimal(maximum),
                                   basis="Motion #1: pay bands", actor=None, reason=REASON)


def rate(member, pay_band: PayBand, value: str, board_user):
    return services.member_rate_set(member=member, band=pay_band, rate=Decimal(value), actor=board_user,
                                    reason=REASON)


def internal_hours(user, day: date, hours: str, project=None):
    """Log `hours` of internal project time for `user` on `day`."""
    from projects.services import time_entry_log

    project = project or project_factories.project_create(name=f"Project for {user.email}")
    project_factories.team_add(project, user)
    task = project_factories.task_create(project, start=day)
    return time_entry_log(user=user, task=task, date=day, hours=Decimal(hours), actor=user, reason=REASON)


def run_posted(operations_user, board_user, period=PERIOD) -> PayrollRun:
    run = services.payroll_run_draft(period_start=period[0], period_end=period[1], actor=operations_user,
                                     reason=REASON)
    services.payroll_run_review(run=run, actor=operations_user, reason=REASON)
    services.payroll_run_approve(run=run, actor=board_user, reason=REASON)
    return services.payroll_run_post(run=run, actor=board_user, reason=REASON)


def entry(lines, memo: str = "Opening balance", day: date = date(2026, 3, 1)):
    return services.journal_entry_post(date=day, memo=memo, lines=lines, actor=None, reason=REASON)
