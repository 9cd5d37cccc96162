"""Every benchmark, one command: `make bench` (or `python -m bench`) against DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coop_bench python -m bench [--members 20000]

Creates and migrates the database if needed, seeds the scale cooperative once (sizes follow
--members), then prints each benchmark with its ratio to a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from bench.goals import Goal, report

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/coop_bench"


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--members",
        type=int,
        default=100_000,
        help="owners (the issue's size; ten share transactions and one ballot each)",
    )
    parser.add_argument("--ballots", type=int, default=1_000, help="ballots cast through gunicorn")
    parser.add_argument("--payroll", type=int, default=5_000, help="members paid in the payroll run")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=["tally", "pages", "load", "payroll", "notices", "migrate"],
        help="run only these benchmarks",
    )
    return parser.parse_args(argv)


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DJANGO_DEBUG", "false")  # DEBUG keeps every query in memory and skews timings
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # not a line per task run in-process by the lock measurement
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed; mail stays in memory


def _heading(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def main(argv: list[str]) -> None:
    args = _arguments(argv)
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    _setup(database_url)
    from django.core.management import call_command
    from django.db import connection

    from config import scale
    from governance.models import Motion
    from membership.models import Member

    if connection.vendor != "postgresql":
        sys.exit("The benchmarks measure PostgreSQL: set DATABASE_URL to a postgres:// database.")
    call_command("ensure_database")
    call_command("migrate", verbosity=0)
    if not scale.already_seeded():
        _heading(f"seeding the scale cooperative ({args.members} members)")
        began = time.perf_counter()
        call_command(
            "seed_scale",
            members=args.members,
            share_transactions=args.members * 10,
            ballots=args.members,
            tasks=5_000,
            time_entries=30_000,
            history_versions=1_000,
        )
        print(f"seeded in {time.perf_counter() - began:.0f} s")
    members = Member.objects.count()
    print(f"database: {connection.settings_dict['NAME']}; members: {members}")
    only = set(args.only or ["tally", "pages", "load", "payroll", "notices", "migrate"])
    goals: list[Goal] = []
    if "tally" in only:
        from bench import tally

        _heading("vote tally vs raw SQL GROUP BY")
        goals += tally.compare(Motion.objects.get(title__startswith="Scale vote"))
    if "pages" in only:
        from bench import pages

        _heading("pages and API lists vs a trivial Django view (test client)")
        from django.db.models import Count

        longest = Member.history.values("id").annotate(n=Count("history_id")).order_by("-n").first()
        history_member = longest["id"]
        goals += pages.run(history_member)
    if "load" in only:
        from bench import load

        _heading(f"ballot casting under gunicorn vs a trivial endpoint ({args.ballots} requests each)")
        goals += load.run(args.ballots, database_url)
    if "payroll" in only:
        from bench import payroll

        _heading(f"payroll run vs bulk insert ({args.payroll} members)")
        goals += payroll.main(args.payroll)
    if "notices" in only:
        from bench import notices

        _heading(f"a notice to the roll ({scale.already_seeded()} accounts) through a Celery worker vs bulk insert")
        goals += notices.run(database_url)
    if "migrate" in only:
        from bench import migrate

        _heading("first run: migrate an empty database")
        goals += migrate.run()
    _heading("goals")
    print(report(goals))


if __name__ == "__main__":
    main(sys.argv[1:])
