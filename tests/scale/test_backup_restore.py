"""`make backup` and `make restore` round-trip a PostgreSQL database with nothing lost."""

import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from coop.models import User
from governance.models import Ballot, BallotTotal, Motion, Participation, RollEntry
from membership.models import Member, ShareTransaction
from projects.models import Task, TimeEntry

ROOT = Path(__file__).resolve().parents[2]
KEY_TABLES = [
    User,
    Member,
    ShareTransaction,
    Member.history.model,
    Motion,
    RollEntry,
    Participation,
    Ballot,
    BallotTotal,
    Task,
    TimeEntry,
]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"),
    pytest.mark.skipif(not (shutil.which("pg_dump") and shutil.which("make")), reason="needs pg_dump and make"),
]


def _fingerprint() -> dict[str, tuple[int, str]]:
    """Per key table: the row count and an md5 of every row's text, in primary key order."""
    quote = connection.ops.quote_name
    prints = {}
    with connection.cursor() as cursor:
        for model in KEY_TABLES:
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{pk}), '')) "  # noqa: S608
                f"FROM {table} t"
            )
            prints[model._meta.db_table] = cursor.fetchone()
    return prints


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _make(target: str, dump: Path) -> None:
    connection.close()  # restore drops and recreates tables: hold no connection or lock meanwhile
    subprocess.run(  # noqa: S603 - a fixed make target, no outside input
        ["make", "-s", "-C", str(ROOT), target, f"BACKUP_FILE={dump}"],  # noqa: S607
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": _database_url()},
        check=True,
        capture_output=True,
    )


def test_backup_and_restore_lose_nothing(cooperative, tmp_path):
    # Given a cooperative with members, a share ledger, an open vote with ballots, a project and history
    call_command(
        "seed_scale",
        "--no-demo",
        "--members",
        "60",
        "--share-transactions",
        "200",
        "--ballots",
        "50",
        "--tasks",
        "30",
        "--time-entries",
        "90",
        "--history-versions",
        "20",
        stdout=StringIO(),
    )
    before = _fingerprint()
    assert before[ShareTransaction._meta.db_table][0] == 200
    dump = tmp_path / "coop.dump"
    # When it is backed up, then damaged (ballots and the ledger wiped, a stray account added)
    _make("backup", dump)
    assert dump.stat().st_size > 0
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE governance_participation, governance_ballot, membership_sharetransaction CASCADE")
    User.objects.create(email="stray@example.coop")
    assert _fingerprint() != before
    # and restored from the backup
    _make("restore", dump)
    # then every key table holds exactly the rows it held, byte for byte
    assert _fingerprint() == before
