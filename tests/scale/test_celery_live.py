"""A real Celery worker and beat, against real Redis and PostgreSQL, close a vote on time."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from governance import services
from governance.models import Motion, Result
from tests.factories import governance as gf

ROOT = Path(__file__).resolve().parents[2]
# A Redis database number of its own, emptied before and after, so no other queue is touched.
BROKER_URL = os.environ.get("LIVE_CELERY_BROKER_URL", "redis://127.0.0.1:6379/13")


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1).ping())
    except Exception:  # no server, no route, refused: all mean no Redis here
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker shares the database: PostgreSQL only"),
    pytest.mark.skipif(not _redis_answers(), reason=f"no Redis answering at {BROKER_URL}"),
]


def _flush_broker() -> None:
    import redis

    redis.Redis.from_url(BROKER_URL).flushdb()


def _start(args: list[str], log: Path) -> subprocess.Popen:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scale.live_celery_settings",
        "DATABASE_URL": f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}",
        "CELERY_BROKER_URL": BROKER_URL,
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "-m", "celery", "-A", "config", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_worker_and_beat_close_a_vote_on_time(board, owners, tmp_path):
    # Given a vote that closes a few seconds from now, with one ballot in it
    motion = gf.motion(proposer=owners[0])
    closes_at = timezone.now() + timedelta(seconds=6)
    motion = services.motion_open(motion=motion, actor=board, reason="live test", closes_at=closes_at)
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.yes(motion))
    _flush_broker()
    processes = []
    try:
        # When a real worker and a real beat run against Redis and this database
        processes.append(
            _start(
                [
                    "worker",
                    "--pool",
                    "solo",
                    "--loglevel",
                    "info",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                tmp_path / "worker.log",
            )
        )
        processes.append(
            _start(
                ["beat", "--loglevel", "info", "--max-interval", "1", "--schedule", str(tmp_path / "beat-schedule")],
                tmp_path / "beat.log",
            )
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not Result.objects.filter(motion=motion).exists():
            assert all(p.poll() is None for p in processes), (tmp_path / "worker.log").read_text()
            time.sleep(0.5)
    finally:
        for process in processes:
            _stop(process)
        _flush_broker()
    # then the scheduled task closed and tallied it, after its closing time, exactly once
    worker_log = (tmp_path / "worker.log").read_text()
    assert Result.objects.filter(motion=motion).count() == 1, worker_log
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED
    assert motion.closed_at >= closes_at
    assert Result.objects.get(motion=motion).participants == 1
    assert "governance.tasks.motions_close_due" in worker_log
    assert all(p.poll() is not None for p in processes)
