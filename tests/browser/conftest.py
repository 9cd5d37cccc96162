"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls here stay synchronous.
# Set for the whole worker, since database teardown runs after each test's own fixtures.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
GANTT = ROOT / "node_modules" / "frappe-gantt" / "dist" / "frappe-gantt.umd.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str:
    if not CHROMIUM.exists():
        return "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    if not (AXE.exists() and GANTT.exists()):
        return "node_modules is missing: run `make install` (npm ci)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (requirements-dev.txt)"
    return ""


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_script(browser):
    """A desktop page on which none of the site's own scripts loads: the pages must work without
    them. The browser still runs scripts, so that the accessibility checker can."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"/static/.*\.js(\?|$)"), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, live_server, email: str, password: str) -> None:
    """Log in through the real allauth form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/portal/")


def axe_violations(page) -> list[dict]:
    """Return the serious and critical accessibility violations axe-core finds on the page."""
    # Evaluated through the browser's devtools channel: the site's Content Security Policy
    # rightly refuses inline <script> tags, and the checker must not need the policy loosened.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
