"""Ballot casting under gunicorn against the same load generator hitting a trivial endpoint,
and how long one cast holds its motion's lock.

gunicorn runs with the production settings on 127.0.0.1 only; the generator is a few threads
with keep-alive connections, each request bounded by a count and the whole run by a deadline.
Each ballot is a different owner's (API token), so every request is a real cast, not a refusal.
The load runs at 8 and at 32 client threads, each against its own /health/ baseline.

The lock is measured in this process: ballots cast through `governance.services.ballot_cast`
on the same bench vote by roll voters the load did not use, timing each from the moment the
motion's `FOR NO KEY UPDATE` returns to the moment the casting transaction's COMMIT returns
(when PostgreSQL releases the lock). Casting is serialised per motion on that lock, so its
length bounds the ballots one vote can take per second.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bench.goals import Goal

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = (8, 32)
LOCK_BALLOTS = 300
LOCK_HELD_AT_MOST_MS = 5
CASTING_AT_LEAST = 0.5  # ballots per second at least half the trivial endpoint's requests per second
DEADLINE_SECONDS = 180
FULL_VOTE = 100_000  # the vote: every one of 100,000 ballots through the web tier
FULL_VOTE_MINUTES = 15  # on two cores
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}  # as the reverse proxy would send


@dataclass
class Outcome:
    ok: int
    failed: int
    seconds: float
    latencies_ms: list[float]

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited before it served")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/", headers=PROXY_HEADERS)
            if conn.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within a minute")


def generate(port: int, requests: list[tuple[str, str, dict, bytes | None]], expect: int, threads: int) -> Outcome:
    """Send `requests` (method, path, headers, body) from `threads` threads; count `expect` statuses."""
    work: queue.Queue = queue.Queue()
    for item in requests:
        work.put(item)
    lock = threading.Lock()
    latencies: list[float] = []
    counts = {"ok": 0, "failed": 0}
    deadline = time.monotonic() + DEADLINE_SECONDS

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            try:
                method, path, headers, body = work.get_nowait()
            except queue.Empty:
                break
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers={**PROXY_HEADERS, **headers})
                response = conn.getresponse()
                response.read()
                good = response.status == expect
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                good = False
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                counts["ok" if good else "failed"] += 1
                if good:
                    latencies.append(elapsed)
        conn.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    began = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return Outcome(counts["ok"], counts["failed"], time.perf_counter() - began, latencies)


def _open_bench_vote(ballots: int):
    """Open a General Conference vote through the services and return API tokens of `ballots` voters.

    Voters who already hold a token (from an earlier run) keep it; the others get one.
    """
    from django.db import transaction
    from django.test.utils import override_settings
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from governance import services
    from governance.models import Body, Motion, RollEntry

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        bodies = services.bodies_ensure(actor=None, reason="bench")
        proposer = RollEntry.objects.filter(voter__email__endswith="@scale.invalid").first().voter
        motion = services.motion_propose(
            body=bodies[Body.Kind.GENERAL_CONFERENCE],
            kind=Motion.Kind.ORDINARY,
            proposer=proposer,
            actor=None,
            reason="bench",
            title=f"Bench load vote {timezone.now():%Y-%m-%d %H:%M:%S}",
        )
        motion = services.motion_open(
            motion=motion, actor=None, reason="bench", closes_at=timezone.now() + timedelta(hours=1)
        )
        voters = list(
            RollEntry.objects.filter(motion=motion, voter__email__endswith="@scale.invalid")
            .order_by("voter_id")
            .values_list("voter_id", flat=True)[:ballots]
        )
        holding = set(Token.objects.filter(user_id__in=voters).values_list("user_id", flat=True))
        Token.objects.bulk_create([Token(key=secrets.token_hex(20), user_id=v) for v in voters if v not in holding])
        tokens = list(Token.objects.filter(user_id__in=voters).values_list("key", flat=True))
        choice = motion.choices.order_by("position").values_list("pk", flat=True).first()
    return motion, tokens, choice


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def lock_held(motion, choice, count: int = LOCK_BALLOTS) -> Goal:
    """Cast `count` ballots in this process on `motion` and time how long each holds the motion lock.

    The ballots are committed and stay in the bench vote, as the load's do. Acquired: when the
    `SELECT ... FOR NO KEY UPDATE` on the motion returns. Released: when the casting transaction's
    COMMIT returns (the connection's commit is timed here, on this connection only); the return of
    `ballot_cast` comes a little later, after the notice is handed on, and is printed too.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection

    from governance import services
    from governance.models import Participation, RollEntry

    taken = Participation.objects.filter(motion=motion).values("voter_id")
    voter_ids = list(
        RollEntry.objects.filter(motion=motion, voter__email__endswith="@scale.invalid")
        .exclude(voter_id__in=taken)
        .order_by("-voter_id")
        .values_list("voter_id", flat=True)[:count]
    )
    voters = get_user_model().objects.in_bulk(voter_ids)
    moments: dict[str, float] = {}

    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "FOR NO KEY UPDATE" in sql and "governance_motion" in sql:
            moments["locked"] = time.perf_counter()
        return result

    commit = connection.commit

    def timed_commit():
        commit()
        # The first commit after the lock is the cast's; the notice hand-over commits its own after.
        moments.setdefault("committed", time.perf_counter())

    held: list[float] = []
    returned: list[float] = []
    connection.commit = timed_commit  # this connection's instance only, removed below
    try:
        with connection.execute_wrapper(watch):
            for voter_id in voter_ids:
                moments.clear()
                services.ballot_cast(motion=motion, cast_by=voters[voter_id], marks=[choice])
                done = time.perf_counter()
                held.append((moments["committed"] - moments["locked"]) * 1000)
                returned.append((done - moments["locked"]) * 1000)
    finally:
        del connection.commit
    median = statistics.median(held) if held else float("nan")
    print(
        f"motion lock held over {len(held)} ballots cast in-process, one at a time: "
        f"median {median:.2f} ms, p95 {_percentile(held, 0.95):.2f} ms, max {max(held, default=float('nan')):.2f} ms"
    )
    print(
        f"  lock taken until ballot_cast returned (after the notice is handed on): "
        f"median {statistics.median(returned) if returned else float('nan'):.2f} ms, "
        f"p95 {_percentile(returned, 0.95):.2f} ms"
    )
    return Goal("motion lock held per ballot (median)", median, LOCK_HELD_AT_MOST_MS, "ms")


def run(ballots: int, database_url: str) -> list[Goal]:
    """Start gunicorn, cast `ballots` ballots through it at 8 then 32 clients, each followed by as
    many /health/ requests; print the ratios; then time the motion lock in-process."""
    from governance.models import Participation

    motion, tokens, choice = _open_bench_vote(ballots * len(CLIENTS))
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        # Its own Redis database numbers, so the bench never touches another process's queue or cache.
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"),
        "LOG_LEVEL": "WARNING",
    }
    workers = os.environ.get("WEB_CONCURRENCY", str(max(2, os.cpu_count() or 2)))
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", workers],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    body = json.dumps({"marks": [choice]}).encode()
    runs = []
    try:
        _wait_until_up(port, process)
        for i, threads in enumerate(CLIENTS):
            casts = [
                (
                    "POST",
                    f"/api/motions/{motion.pk}/ballots/",
                    {"Authorization": f"Token {key}", "Content-Type": "application/json"},
                    body,
                )
                for key in tokens[i * ballots : (i + 1) * ballots]
            ]
            cast = generate(port, casts, expect=201, threads=threads)
            trivial = generate(port, [("GET", "/health/", {}, None)] * len(casts), expect=200, threads=threads)
            runs.append((threads, cast, trivial))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    recorded = Participation.objects.filter(motion=motion).count()
    print(f"gunicorn ({workers} workers, production settings) on loopback; bench vote {motion.pk} left open")
    goals = []
    for threads, cast, trivial in runs:
        print(f"{threads} client threads:")
        print(
            f"  ballots cast:      {cast.ok:6d} ok, {cast.failed} failed, {cast.per_second:7.1f}/s, "
            f"median {cast.median_ms:6.1f} ms"
        )
        print(
            f"  trivial endpoint:  {trivial.ok:6d} ok, {trivial.failed} failed, {trivial.per_second:7.1f}/s, "
            f"median {trivial.median_ms:6.1f} ms"
        )
        ratio = cast.per_second / trivial.per_second if trivial.per_second else float("nan")
        print(f"  ratio (ballot throughput / trivial throughput): {ratio:.2f} x")
        goals.append(
            Goal(
                f"ballot casting throughput vs /health/, {threads} clients", ratio, CASTING_AT_LEAST, "x", at_least=True
            )
        )
    print(f"ballots recorded in the bench vote: {recorded}")
    fastest = max((cast.per_second for _threads, cast, _trivial in runs), default=0.0)
    minutes = FULL_VOTE / fastest / 60 if fastest else float("nan")
    print(f"{FULL_VOTE:,} ballots at the fastest measured rate ({fastest:.1f}/s): {minutes:.0f} minutes")
    goals.append(Goal(f"{FULL_VOTE:,} ballots at the measured rate", minutes, FULL_VOTE_MINUTES, "min"))
    goals.append(lock_held(motion, choice))
    return goals
