"""Benchmark: draft and post a payroll run for N members against a bulk insert of N rows.

    DATABASE_URL=postgres://... python -m bench.payroll [members]

Both are measured in the same run, on the same database, inside a transaction rolled back at
the end, so nothing stays behind. Prints the run's time, the baseline and their ratio.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from decimal import Decimal

from bench.goals import Goal

PAYROLL_LIMIT = 2.0  # a payroll run, history kept, within twice a bare bulk insert


def main(members: int = 10_000) -> list[Goal]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from coop import services as coop_services
    from coop.models import Cooperative, User
    from coop.roles import Role
    from finance import services
    from finance.models import MemberRate, PayrollLine, PayrollRun

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            cooperative = Cooperative.objects.first() or coop_services.cooperative_create(
                actor=None, reason="bench", name="Bench", jurisdiction="Nowhere", unit=Cooperative.Unit.POINTS
            )
            board = User.objects.create(email="bench-board@bench.invalid")
            ops = User.objects.create(email="bench-ops@bench.invalid")
            coop_services.role_grant(user=board, role=Role.BOARD, actor=None, reason="bench")
            coop_services.role_grant(user=ops, role=Role.OPERATIONS, actor=None, reason="bench")
            if not cooperative.is_incorporated:
                coop_services.cooperative_record_incorporation(
                    cooperative=cooperative,
                    legal_form=Cooperative.LegalForm.C_CORP,
                    incorporated_on=date(2020, 1, 1),
                    registration_number="BENCH",
                    actor=board,
                    reason="bench",
                )
            services.accounts_ensure(actor=None, reason="bench")
            band = services.pay_band_adopt(
                role="Bench band", minimum="10", maximum="50", basis="bench", actor=None, reason="bench"
            )
            users = User.objects.bulk_create([User(email=f"bench{i}@bench.invalid") for i in range(members)])
            MemberRate.objects.bulk_create(
                [
                    MemberRate(
                        member=u,
                        band=band,
                        rate=Decimal("20.00"),
                        band_minimum=band.minimum,
                        band_maximum=band.maximum,
                        effective_from=date(2020, 1, 1),
                    )
                    for u in users
                ]
            )
            start, end = date(2099, 1, 1), date(2099, 1, 31)
            _hours(users, start, ops)

            # Baseline: a bare bulk insert of the same number of payslip rows, no history, no logic.
            baseline_run = PayrollRun.objects.create(period_start=date(2098, 1, 1), period_end=date(2098, 1, 31))
            began = time.perf_counter()
            PayrollLine.objects.bulk_create([PayrollLine(run=baseline_run, member=u) for u in users], batch_size=5000)
            baseline = time.perf_counter() - began

            began = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                run = services.payroll_run_draft(period_start=start, period_end=end, actor=ops, reason="bench")
                services.payroll_run_review(run=run, actor=ops, reason="bench")
                services.payroll_run_approve(run=run, actor=board, reason="bench")
                run = services.payroll_run_post(run=run, actor=board, reason="bench")
            elapsed = time.perf_counter() - began
            print(f"database: {connection.vendor}; members: {members}; lines: {run.line_count}")
            print(f"bulk insert of {members} rows (baseline): {baseline:.3f} s")
            print(f"payroll run drafted, reviewed, approved, posted: {elapsed:.3f} s in {len(queries)} queries")
            print(f"ratio: {elapsed / baseline:.1f}x the baseline")
            goals = [Goal("payroll run vs a bulk insert of the same payslips", elapsed / baseline, PAYROLL_LIMIT, "x")]
            raise Rollback
    except Rollback:
        pass
    return goals


def _hours(users, day, manager) -> None:
    """Six internal hours per member on one task, inserted in bulk (the bench measures payroll, not logging)."""
    from datetime import timedelta

    from projects import services as project_services
    from projects.models import Project, TimeEntry

    project = project_services.project_create(
        name="Bench project", start_date=day, end_date=day + timedelta(days=30), actor=manager, reason="bench"
    )
    project_services.project_status_change(project=project, status=Project.Status.ACTIVE, actor=manager, reason="bench")
    task = project_services.task_create(
        project=project, name="Bench task", start_date=day, end_date=day, actor=manager, reason="bench"
    )
    TimeEntry.objects.bulk_create(
        [TimeEntry(user=u, task=task, date=day, hours=Decimal("6")) for u in users], batch_size=5000
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
