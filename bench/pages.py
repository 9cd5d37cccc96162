"""Pages and API lists against a trivial Django view, through Django's test client, on the same data.

Each page is requested a few times after a warm-up; the median is compared with the median of the
trivial view (`/health/`: one `SELECT 1`), so the ratio says what the page costs beyond Django itself.
The admin pages are also held to a stock Django admin changelist of the same table (`stock_admin`),
and the register's search to its unsearched changelist.
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
STOCK_ADMIN_LIMIT = 1.5  # an admin page within 1.5 times a stock admin changelist of the same rows
SEARCH_LIMIT = 0.5  # a register search within half its unsearched changelist
SEARCH = "/admin/membership/member/?q=Tanaka"  # the demo's Mei Tanaka: a name that matches one row


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    login: str  # a demo login with the role that reads this page
    stock: str = ""  # for an admin page: the stock admin changelist it is held to


STOCK_MEMBERS = "/stock-admin/membership/member/"
STOCK_LEDGER = "/stock-admin/membership/sharetransaction/"


def pages(history_member_id: int) -> list[Page]:
    board, ops, member, auditor = "president@demo.coop", "ceo@demo.coop", "member@demo.coop", "auditor@demo.coop"
    return [
        Page("admin: member changelist", "/admin/membership/member/", board, STOCK_MEMBERS),
        Page("admin: share ledger changelist", "/admin/membership/sharetransaction/", board, STOCK_LEDGER),
        Page(
            "admin: history of a member with 1,000 versions",
            f"/admin/membership/member/{history_member_id}/history/",
            auditor,
            STOCK_MEMBERS,
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
    """Print one line per page with its median, its queries and its ratios to its baselines; return the goals."""
    from django.test.utils import override_settings

    with override_settings(ROOT_URLCONF="bench.stock_admin"):
        return _run(history_member_id)


def _run(history_member_id: int) -> list[Goal]:
    from django.test import Client

    from coop.models import User

    baseline, _q = _median_ms(Client(), "/health/", BASELINE_REPEATS)
    print(f"{'trivial view /health/ (baseline)':<52} {baseline:8.1f} ms")
    clients: dict[str, Client] = {}

    def measure(label: str, url: str, login: str) -> tuple[float, int]:
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(User.objects.get(email=login))
        median, queries = _median_ms(clients[login], url, REPEATS)
        print(f"{label:<52} {median:8.1f} ms {queries:4d} queries  ratio {median / baseline:7.1f} x")
        return median, queries

    goals = []
    stock: dict[str, float] = {}
    for page in pages(history_member_id):
        median, queries = measure(page.label, page.url, page.login)
        if page.label == "portal home":
            goals.append(Goal("portal home: queries", queries, PORTAL_HOME_QUERIES, "queries"))
        if page.stock:
            if page.stock not in stock:
                stock[page.stock] = measure(f"  stock admin {page.stock}", page.stock, page.login)[0]
            goals.append(Goal(f"{page.label} vs stock admin", median / stock[page.stock], STOCK_ADMIN_LIMIT, "x"))
            goals.append(Goal(f"{page.label}: queries", queries, ADMIN_PAGE_QUERIES, "queries"))
        if page.url == "/admin/membership/member/":
            searched, _q = measure("admin: register searched by name", SEARCH, page.login)
            goals.append(Goal("admin: register search vs unsearched changelist", searched / median, SEARCH_LIMIT, "x"))
    return goals
