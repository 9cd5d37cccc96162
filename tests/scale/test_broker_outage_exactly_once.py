"""Redis stops in the middle of a stream of notices and comes back empty: every notice is
delivered exactly once. A real Redis on a port of its own, a real Celery worker in a thread,
PostgreSQL; the outbox's drain runs as the beat would, with its clock moved past the delay."""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction
from django.utils import timezone

from config.celery import app as coop_app
from coop import queue
from coop.models import OutboxMessage
from tests.concurrency import needs_postgres

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, needs_postgres]

BEFORE, DURING, AFTER = 40, 10, 20
REDIS_SERVER = shutil.which("redis-server")
WAIT_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Redis:
    """A throwaway Redis that keeps nothing on disk: stopping it loses what it held."""

    def __init__(self):
        self.port = _free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.kill()
        self.process.wait()


@pytest.fixture
def redis():
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = Redis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def broker(redis):
    """A Celery app like the project's on the throwaway Redis, current while the test runs."""
    app = Celery("coop-outage")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=f"redis://127.0.0.1:{redis.port}/0",
        task_always_eager=False,
        result_backend=None,
        broker_connection_retry=True,
        broker_connection_max_retries=None,
    )
    app.autodiscover_tasks(force=True)
    app.set_current()
    yield app
    coop_app.set_current()


def _notice(n: int) -> None:
    with transaction.atomic():
        queue.mail_send_on_commit([(f"Notice {n}", "Body", "from@example.coop", [f"owner{n}@example.coop"])])


def _wait_until_all_done(total: int) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    later = timezone.now()
    while OutboxMessage.objects.filter(done_at__isnull=False).count() < total:
        assert time.monotonic() < deadline, list(OutboxMessage.objects.values("pk", "sent_at", "done_at", "last_error"))
        # The beat's drain, its clock past the redelivery delay: lost rows are handed over again.
        later += queue.REDELIVER_AFTER + timedelta(seconds=1)
        queue.outbox_drain(now=later)
        time.sleep(0.5)


def test_every_notice_is_delivered_exactly_once_across_a_redis_outage(redis, broker):
    mail.outbox.clear()
    total = BEFORE + DURING + AFTER
    # Given notices handed to Redis while no worker has taken them yet
    for n in range(BEFORE):
        _notice(n)
    assert OutboxMessage.objects.filter(sent_at__isnull=False).count() == BEFORE
    # When Redis dies, losing all it held, and notices keep coming while it is down
    redis.stop()
    for n in range(BEFORE, BEFORE + DURING):
        _notice(n)
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == DURING
    # And Redis comes back empty, a worker starts, and more notices come
    redis.start()
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="ERROR", shutdown_timeout=15):
        for n in range(BEFORE + DURING, total):
            _notice(n)
        # Then, as the drain runs, every notice is delivered, and none twice
        _wait_until_all_done(total)
    delivered = sorted(message.subject for message in mail.outbox)
    assert delivered == sorted(f"Notice {n}" for n in range(total))
    # The lost and the unsent were handed over again; the rest once
    again = OutboxMessage.objects.filter(attempts__gt=1).count()
    assert again >= BEFORE + DURING, again
