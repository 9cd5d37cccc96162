"""Pages and API lists against a trivial Django view, through Django's test client, on the same data.

Each page is requested a few times after a warm-up; the median is compared with the median of the
trivial view (`/health/`: one `SELECT 1`), so the ratio says what the page costs beyond Django itself.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from bench.goals import Goal

REPEATS = 5
BASELINE_REPEATS = 20
PORTAL_HOME_QUERIES = 12  # the member's home in a fixed number of queries, whatever they hold
ADMIN_PAGE_QUERIES = 8  # an admin changelist or history page


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    login: str  # a demo login with the role that reads this page


def pages(history_member_id: int) -> list[Page]:
    board, ops, member, auditor = "president@demo.coop", "ceo@demo.coop", "member@demo.coop", "auditor@demo.coop"
    return [
        Page("admin: member changelist", "/admin/membership/member/", board),
        Page("admin: share ledger changelist", "/admin/membership/sharetransaction/", board),
        Page(
            "admin: history of a member with 1,000 versions",
            f"/admin/membership/member/{history_member_id}/history/",
            auditor,
        ),
        Page("portal home", "/portal/", member),
        Page("API: members", "/api/members/", board),
        Page("API: share transactions", "/api/share-transactions/", board),
        Page("API: motions", "/api/motions/", member),
        Page("API: participations", "/api/participations/", board),
        Page("API: tasks", "/api/tasks/", ops),
        Page("API: time entries", "/api/time-entries/", ops),
        Page("API: timesheets", "/api/timesheets/", ops),
        Page("API: payslips", "/api/payslips/", ops),
    ]


def _median_ms(client, url: str, repeats: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: templates, caches, the session
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(queries.captured_queries)


def run(history_member_id: int) -> list[Goal]:
    """Print one line per page with its median, its queries and its ratio to the trivial view; return the goals."""
    from django.test import Client

    from coop.models import User

    baseline, _q = _median_ms(Client(), "/health/", BASELINE_REPEATS)
    print(f"{'trivial view /health/ (baseline)':<52} {baseline:8.1f} ms")
    goals = []
    clients: dict[str, Client] = {}
    for page in pages(history_member_id):
        if page.login not in clients:
            clients[page.login] = Client()
            clients[page.login].force_login(User.objects.get(email=page.login))
        median, queries = _median_ms(clients[page.login], page.url, REPEATS)
        ratio = median / baseline
        print(f"{page.label:<52} {median:8.1f} ms {queries:4d} queries  ratio {ratio:7.1f} x")
        if page.label == "portal home":
            goals.append(Goal("portal home: queries", queries, PORTAL_HOME_QUERIES, "queries"))
        elif page.label.startswith("admin:"):
            goals.append(Goal(f"{page.label}: queries", queries, ADMIN_PAGE_QUERIES, "queries"))
    return goals
