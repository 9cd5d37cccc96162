"""Ballot casting under gunicorn against the same load generator hitting a trivial endpoint.

gunicorn runs with the production settings on 127.0.0.1 only; the generator is a few threads
with keep-alive connections, each request bounded by a count and the whole run by a deadline.
Each ballot is a different owner's (API token), so every request is a real cast, not a refusal.
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
THREADS = 8
CASTING_AT_LEAST = 0.5  # ballots per second at least half the trivial endpoint's requests per second
DEADLINE_SECONDS = 180
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


def generate(port: int, requests: list[tuple[str, str, dict, bytes | None]], expect: int) -> Outcome:
    """Send `requests` (method, path, headers, body) from THREADS threads; count `expect` statuses."""
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

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Outcome(counts["ok"], counts["failed"], time.perf_counter() - began, latencies)


def _open_bench_vote(ballots: int):
    """Open a General Conference vote through the services and give `ballots` voters an API token."""
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
            .exclude(voter__auth_token__isnull=False)
            .values_list("voter_id", flat=True)[:ballots]
        )
        Token.objects.bulk_create([Token(key=secrets.token_hex(20), user_id=v) for v in voters])
        tokens = list(Token.objects.filter(user_id__in=voters).values_list("key", flat=True))
        choice = motion.choices.order_by("position").values_list("pk", flat=True).first()
    return motion, tokens, choice


def run(ballots: int, database_url: str) -> list[Goal]:
    """Start gunicorn, cast `ballots` ballots through it, then hit /health/ as often; print the ratio."""
    from governance.models import Participation

    motion, tokens, choice = _open_bench_vote(ballots)
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
    try:
        _wait_until_up(port, process)
        body = json.dumps({"marks": [choice]}).encode()
        casts = [
            (
                "POST",
                f"/api/motions/{motion.pk}/ballots/",
                {"Authorization": f"Token {key}", "Content-Type": "application/json"},
                body,
            )
            for key in tokens
        ]
        cast = generate(port, casts, expect=201)
        trivial = generate(port, [("GET", "/health/", {}, None)] * len(tokens), expect=200)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    recorded = Participation.objects.filter(motion=motion).count()
    print(f"gunicorn ({workers} workers, production settings), {THREADS} client threads on loopback")
    print(
        f"ballots cast:      {cast.ok:6d} ok, {cast.failed} failed, {cast.per_second:7.1f}/s, "
        f"median {cast.median_ms:6.1f} ms; recorded: {recorded}"
    )
    print(
        f"trivial endpoint:  {trivial.ok:6d} ok, {trivial.failed} failed, {trivial.per_second:7.1f}/s, "
        f"median {trivial.median_ms:6.1f} ms"
    )
    ratio = cast.per_second / trivial.per_second if trivial.per_second else float("nan")
    print(f"ratio (ballot throughput / trivial throughput): {ratio:.2f} x")
    return [
        Goal(f"ballot casting throughput vs /health/, {THREADS} clients", ratio, CASTING_AT_LEAST, "x", at_least=True)
    ]
