"""A notice to the whole roll, written in the runner's process and emailed by a real Celery worker,
against a bulk insert of the same notice rows.

Recipients: every account of the scale cooperative (100,000 at the issue's size; `--members`).
None has a delivery preference, so every notice is emailed at once: `notices_send` writes the
rows in bulk and queues one outbox task per 500 recipients, handed to the broker on commit.

- **Baseline**: the same `Notice` rows built and written with `bulk_create(batch_size=1000)` in
  one transaction, then deleted.
- **Write**: `notices_send(recipients, kind, compose, link)` for the roll, in this process,
  committed, the hand-over of its tasks to the broker included.
- **Delivery**: a worker started as the Procfile starts it (`celery -A config worker`, prefork,
  concurrency 2) with the production settings, the same DATABASE_URL and a Redis broker of its
  own (database 13 unless BENCH_NOTICES_BROKER_URL says otherwise; its queue is emptied before
  and after), drains the tasks. The runner polls until every notice has `emailed_at` (a deadline
  that grows with the roll, and a stall of three minutes without progress, end the wait as a
  miss). End to end is from the start of `notices_send` to the last `emailed_at`.

Time is wall clock, measured with nothing traced. **Memory** is measured in a second pass of
each, inside a transaction rolled back (so nothing is queued twice), as the peak of Python
allocations traced by `tracemalloc` during the call, the same way for both: it leaves out what
the database driver holds in C, and the hand-over after the commit (one outbox row at a time).
The worker's memory is each process's peak resident set (`VmHWM` in /proc), against the pool
processes' resident set when the worker came up idle.

**Email**: the worker sends through Django's SMTP backend (`EMAIL_URL=smtp://127.0.0.1:PORT`,
read by the settings through django-environ) to `bench/smtp_sink.py`, a small SMTP server in
its own process that takes every message and logs each recipient. That is the production path,
a TCP conversation per message over one connection per task, with no real relay's latency; it
was chosen over Django's file backend (no network, no protocol) and needs no new dependency
(`smtpd` is deprecated and removed in Python 3.12, `aiosmtpd` is not installed). The sink's log
shows whether each notice was emailed exactly once.

Everything the benchmark writes goes: its notices, its outbox rows, the broker's queue.
"""

from __future__ import annotations

import gc
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import kombu.pools

from bench.goals import Goal
from bench.load import _free_port

ROOT = Path(__file__).resolve().parent.parent
WRITE_LIMIT = 3.0  # notices_send within three times a bare bulk insert of its rows
MEMORY_LIMIT = 2.0  # and its peak memory within twice the bulk insert's
WORKER_MEMORY_LIMIT = 1.5  # a pool process never grows past half again its idle size: batches of 500
WORKER_CONCURRENCY = 2
BROKER_URL = "redis://127.0.0.1:6379/13"
START_TIMEOUT = 120  # seconds for the worker to come up
STALL_TIMEOUT = 180  # seconds without one more notice emailed
POLL_SECONDS = 1.0
FULL_ROLL = 100_000


class _Rollback(Exception):
    pass


def _traced_peak(call: Callable[[], object]) -> int:
    """Run `call` inside a transaction rolled back and return the peak of its traced allocations."""
    from django.db import transaction

    gc.collect()
    tracemalloc.start()
    try:
        with transaction.atomic():
            call()
            peak = tracemalloc.get_traced_memory()[1]
            raise _Rollback
    except _Rollback:
        pass
    finally:
        tracemalloc.stop()
    return peak


def _status(pid: int) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def _kilobytes(status: dict[str, str], field: str) -> int:
    return int(status.get(field, "0 kB").split()[0])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _status(int(entry.name)).get("PPid", "").strip() == str(pid):
            found.append(int(entry.name))
    return found


class _Worker:
    """A Celery worker subprocess and the peak resident set of each of its processes."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self.log = log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel",
                "info",
                "--pool",
                "prefork",
                "--concurrency",
                str(WORKER_CONCURRENCY),
                "--hostname",
                f"bench-notices-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.peaks: dict[int, int] = {}  # pid -> VmHWM in kB
        self.idle: dict[int, int] = {}  # pool pid -> VmRSS in kB when the worker was ready

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited ({self.process.returncode}): {self.tail()}")
            if b" ready." in self.log_path.read_bytes():
                time.sleep(0.5)  # the pool processes finish starting
                self.idle = {pid: _kilobytes(_status(pid), "VmRSS") for pid in _children(self.process.pid)}
                self.sample()
                return
            time.sleep(0.3)
        raise RuntimeError(f"the Celery worker was not ready within {START_TIMEOUT} s: {self.tail()}")

    def sample(self) -> None:
        for pid in [self.process.pid, *_children(self.process.pid)]:
            peak = _kilobytes(_status(pid), "VmHWM")
            if peak:
                self.peaks[pid] = max(peak, self.peaks.get(pid, 0))

    def alive(self) -> bool:
        return self.process.poll() is None

    def tail(self, lines: int = 15) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.alive():
            self.sample()
            os.killpg(self.process.pid, signal.SIGTERM)  # warm shutdown: the tasks running finish
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self.log.close()


class _Sink:
    """The SMTP sink subprocess (bench/smtp_sink.py) and the recipients it logged."""

    def __init__(self, log_path: Path) -> None:
        self.port = _free_port()
        self.log_path = log_path
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-m", "bench.smtp_sink", str(self.port), str(log_path)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("the SMTP sink exited before it listened")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def recipients(self) -> Counter:
        if not self.log_path.exists():
            return Counter()
        return Counter(line.split("\t", 1)[0] for line in self.log_path.read_text().splitlines() if line)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


class _Broker:
    """Point this process's Celery app at the bench's Redis broker for the run (the runner's
    settings have no broker: tasks run in-process), and empty that broker's queue around it.

    A task run in-process earlier (the seeding's notices) left the app with connection and
    producer pools for the default broker, which would swallow what is published: they are
    dropped on the way in and on the way out.
    """

    def __init__(self, url: str) -> None:
        from config.celery import app

        self.app = app
        self.url = url
        self.saved = (app.conf.task_always_eager, app.conf.broker_url)

    def __enter__(self) -> _Broker:
        self.app.conf.task_always_eager = False
        self.app.conf.broker_url = self.url
        self._forget_connections()
        used = self.app.pool.connection.as_uri()
        if not used.startswith("redis://"):
            raise RuntimeError(f"the runner would publish to {used}, not to the bench's broker")
        self.purge()
        self.warm()
        return self

    def warm(self) -> None:
        """Do once what a web process does once in its life before its first hand-over: import
        every app's tasks and connect a producer to the broker (together 0.7 s here), so the
        measured call pays only for its own notices."""
        self.app.loader.import_default_modules()
        with self.app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=1)
            producer.maybe_declare(self.app.amqp.default_queue)

    def purge(self) -> int:
        with self.app.connection_for_write() as connection:
            return self.app.control.purge(connection=connection)

    def _forget_connections(self) -> None:
        if self.app._pool is not None:
            self.app._pool.force_close_all()
            self.app._pool = None
        self.app.amqp._producer_pool = None
        kombu.pools.reset()  # closes the producer pools kombu keeps per broker, and forgets them

    def __exit__(self, *exc) -> None:
        try:
            self.purge()
        finally:
            self.app.conf.task_always_eager, self.app.conf.broker_url = self.saved
            self._forget_connections()


def _megabytes(amount: float) -> float:
    return amount / (1024 * 1024)


def run(database_url: str) -> list[Goal]:
    """Send one notice to every scale account, baseline first; print the figures; return the goals."""
    from django.conf import settings
    from django.db import transaction
    from django.db.models import Max, Min
    from django.urls import reverse
    from django.utils import timezone

    from config import scale
    from coop.models import Notice, NoticeDelivery, NoticeKind, OutboxMessage, User
    from coop.notices import EMAIL_TASK, notices_send

    recipients = list(User.objects.filter(email__endswith=f"@{scale.EMAIL_DOMAIN}").order_by("pk"))
    roll = len(recipients)
    if not roll:
        raise RuntimeError("no scale accounts: seed the bench database first")
    token = secrets.token_hex(4)
    subject = f"Bench notice {token}: a vote opens"
    body = (
        "The General Conference opens a vote on the annual accounts. Read the motion and its "
        "papers, then cast your ballot before the vote closes; you may change it until then."
    )
    link = reverse("portal:notices")
    kind = NoticeKind.VOTE_OPENED

    def compose() -> tuple[str, str]:
        return subject, body

    def bulk_insert() -> list:
        now = timezone.now()
        rows = [
            Notice(
                recipient=someone,
                kind=kind,
                subject=subject,
                body=body,
                link=link,
                created_at=now,
                delivery=NoticeDelivery.AT_ONCE,
            )
            for someone in recipients
        ]
        return Notice.objects.bulk_create(rows, batch_size=1000)

    def ours():
        return Notice.objects.filter(subject=subject, kind=kind)

    # Memory, traced, rolled back: the baseline, then the platform.
    baseline_peak = _traced_peak(bulk_insert)
    send_peak = _traced_peak(lambda: notices_send(recipients, kind, compose, link))

    # Time, untraced: the baseline, committed, then deleted.
    began = time.perf_counter()
    with transaction.atomic():
        bulk_insert()
    baseline = time.perf_counter() - began
    ours().delete()

    outbox_before = OutboxMessage.objects.aggregate(last=Max("pk"))["last"] or 0
    scratch = Path(tempfile.mkdtemp(prefix="bench-notices-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": os.environ.get("BENCH_NOTICES_BROKER_URL", BROKER_URL),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"),
        "SITE_URL": settings.SITE_URL,
        "LOG_LEVEL": "INFO",
    }
    sink = _Sink(scratch / "smtp.log")
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{sink.port}"
    worker = None
    emailed = 0
    failure = ""
    try:
        with _Broker(env["CELERY_BROKER_URL"]):
            worker = _Worker(env, scratch / "worker.log")
            worker.wait_ready()
            started_at = timezone.now()
            # In the transaction of the event it tells of, as the services call it; the first
            # callback after the commit marks the commit, before the tasks are handed over.
            moments: dict[str, float] = {}
            began = time.perf_counter()
            with transaction.atomic():
                transaction.on_commit(lambda: moments.setdefault("committed", time.perf_counter()))
                notices = notices_send(recipients, kind, compose, link)
            write = time.perf_counter() - began
            committed = moments["committed"] - began
            at_once = [n.pk for n in notices if n.delivery == NoticeDelivery.AT_ONCE]
            if not at_once:
                raise RuntimeError("no recipient wants this notice emailed at once: nothing to deliver")
            low, high = min(at_once), max(at_once)
            waiting = Notice.objects.filter(pk__gte=low, pk__lte=high, subject=subject, delivery=NoticeDelivery.AT_ONCE)
            deadline = time.monotonic() + 120 + roll * 0.05
            progress_at, last = time.monotonic(), -1
            while True:
                worker.sample()
                left = waiting.filter(emailed_at__isnull=True).count()
                emailed = len(at_once) - left
                if not left:
                    break
                if emailed != last:
                    progress_at, last = time.monotonic(), emailed
                if not worker.alive():
                    failure = f"the worker exited ({worker.process.returncode}) with {left} notices unsent"
                elif time.monotonic() - progress_at > STALL_TIMEOUT:
                    failure = f"no notice emailed for {STALL_TIMEOUT} s, {left} unsent"
                elif time.monotonic() > deadline:
                    failure = f"deadline passed with {left} notices unsent"
                if failure:
                    break
                time.sleep(POLL_SECONDS)
            worker.sample()
            span = waiting.aggregate(first=Min("emailed_at"), last=Max("emailed_at"))
            attempts = waiting.filter(email_attempts__gt=0).count()
            worker.stop()
            tasks = OutboxMessage.objects.filter(pk__gt=outbox_before, task=EMAIL_TASK, created_at__gte=started_at)
            task_count = tasks.count()
            tasks_done = tasks.filter(done_at__isnull=False).count()
    finally:
        if worker is not None:
            if failure:
                print(f"worker log (kept in {scratch}):\n{worker.tail(40)}")
            worker.stop()
        sink.stop()
        deleted = ours().delete()[0]
        OutboxMessage.objects.filter(pk__gt=outbox_before, task=EMAIL_TASK).delete()

    received = sink.recipients()
    addresses = {someone.email for someone in recipients}
    once = sum(1 for address in addresses if received.get(address) == 1)
    extra = sum(received.values()) - once
    if not failure:
        for path in scratch.iterdir():
            path.unlink()
        scratch.rmdir()

    end_to_end = (span["last"] - started_at).total_seconds() if span["last"] else float("nan")
    delivering = (span["last"] - span["first"]).total_seconds() if span["first"] else float("nan")
    rate = emailed / end_to_end if end_to_end else float("nan")
    children = {pid: peak for pid, peak in worker.peaks.items() if pid in worker.idle}
    main_peak = worker.peaks.get(worker.process.pid, 0)
    growth = max((children[pid] / worker.idle[pid] for pid in children if worker.idle[pid]), default=float("nan"))

    print(f"recipients: {roll} scale accounts, {len(at_once)} to email at once; {task_count} email tasks")
    print(
        f"bulk insert of {roll} notice rows (baseline): {baseline:.2f} s, "
        f"traced peak {_megabytes(baseline_peak):.1f} MB"
    )
    print(
        f"notices_send to the roll: {write:.2f} s ({write / baseline:.2f} x), "
        f"traced peak {_megabytes(send_peak):.1f} MB ({send_peak / baseline_peak:.2f} x)"
    )
    print(
        f"  committed after {committed:.2f} s ({committed / baseline:.2f} x); "
        f"{task_count} tasks handed to the broker in {write - committed:.2f} s"
    )
    print(
        f"worker (prefork, {WORKER_CONCURRENCY} processes, production settings) to the SMTP sink: "
        f"{emailed} of {len(at_once)} notices emailed, {tasks_done} of {task_count} tasks done, "
        f"{attempts} notices with a failed attempt"
    )
    print(
        f"end to end (write and delivery): {end_to_end:.1f} s; emailing took {delivering:.1f} s "
        f"from the first email to the last; {rate:.1f} emails/s end to end"
    )
    if rate == rate and rate > 0 and roll < FULL_ROLL:
        print(f"  {FULL_ROLL:,} notices at this rate: {FULL_ROLL / rate / 60:.1f} min")
    print(
        "worker peak resident set: main process "
        f"{main_peak / 1024:.0f} MB; pool processes "
        + ", ".join(f"{children[pid] / 1024:.0f} MB (idle {worker.idle[pid] / 1024:.0f} MB)" for pid in children)
    )
    print(f"SMTP sink: {sum(received.values())} messages, {once} recipients exactly once, {extra} extra")
    print(f"cleaned up: {deleted} notices and their outbox rows deleted")
    if failure:
        print(f"DELIVERY FAILED: {failure}")
    return [
        Goal("notice to the roll: notices_send vs a bulk insert of its rows", write / baseline, WRITE_LIMIT, "x"),
        Goal(
            "notice to the roll: peak traced memory vs the bulk insert's", send_peak / baseline_peak, MEMORY_LIMIT, "x"
        ),
        Goal("notices emailed exactly once through the worker", once, len(at_once), "notices", at_least=True),
        Goal("emails beyond one per notice (twice, or to no one on the roll)", extra, 0, "emails"),
        Goal("worker pool process peak RSS vs its idle RSS", growth, WORKER_MEMORY_LIMIT, "x"),
    ]


if __name__ == "__main__":
    from bench.__main__ import DEFAULT_DATABASE_URL, _setup

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    _setup(url)
    from bench.goals import report

    print(report(run(url)))
