"""A member and a manager in a real browser: login, the Gantt drag, read-only charts, accessibility."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from projects.models import Task
from tests.factories.coop import PASSWORD, UserFactory, cooperative_create
from tests.factories.projects import START, depend, manager_assign, project_create, task_create, team_add

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan():
    """A project with a manager, a plain team member and three chained tasks."""
    cooperative_create()
    manager = UserFactory(email="foreman@example.coop", first_name="Lucia", roles=["Member"])
    member = UserFactory(email="mei@example.coop", first_name="Mei", roles=["Member"])
    project = project_create(name="Riverside tower", start_date=START - timedelta(days=7))
    manager_assign(project, manager)
    team_add(project, member)
    dig = task_create(project, "Dig", days=4)
    pour = task_create(project, "Pour", start=START + timedelta(days=4), days=5)
    depend(dig, pour)
    return {"project": project, "manager": manager, "member": member, "dig": dig, "pour": pour}


def _gantt_url(live_server, plan) -> str:
    return f"{live_server.url}/portal/projects/{plan['project'].pk}/"


def _drag(page, task, dx: int) -> None:
    page.click("[data-view-mode=Day]")
    bar = page.locator(f".bar-wrapper[data-id='t{task.pk}'] .bar")
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y, steps=5)
    page.mouse.move(x + dx, y, steps=5)
    page.mouse.up()


def test_member_logs_in_through_the_form_and_sees_the_portal(page, live_server, plan):
    log_in(page, live_server, "mei@example.coop", PASSWORD)
    assert page.locator("h1").first.inner_text().startswith("Welcome")
    page.click("text=Projects")
    # a click does not wait for the page it opens: expect waits for the table to arrive
    page.wait_for_url("**/portal/projects/")
    expect(page.locator("table").get_by_text("Riverside tower")).to_be_visible()
    screenshot(page, "member-projects")


def test_manager_drags_a_bar_and_the_dates_are_stored(page, live_server, plan):
    log_in(page, live_server, "foreman@example.coop", PASSWORD)
    page.goto(_gantt_url(live_server, plan))
    page.wait_for_selector(f".bar-wrapper[data-id='t{plan['pour'].pk}']")
    with page.expect_response(lambda r: "/api/tasks/" in r.url and r.request.method == "PATCH") as response:
        _drag(page, plan["pour"], 135)
    assert response.value.status == 200, response.value.text()
    page.wait_for_selector("#gantt-status:has-text('Saved')")
    # the live server shares SQLite's in-memory connection: read only once the page is quiet
    page.wait_for_load_state("networkidle")
    screenshot(page, "manager-gantt-after-drag")
    pour = Task.objects.get(pk=plan["pour"].pk)
    assert pour.start_date > plan["pour"].start_date
    assert pour.end_date - pour.start_date == plan["pour"].end_date - plan["pour"].start_date
    record = pour.history.first()
    assert record.history_user == plan["manager"]
    assert record.history_change_reason == "Rescheduled on the Gantt chart"


def test_manager_drag_refused_by_the_server_snaps_back_with_the_message(page, live_server, plan):
    log_in(page, live_server, "foreman@example.coop", PASSWORD)
    page.goto(_gantt_url(live_server, plan))
    page.fill("#gantt-reason", "")
    page.wait_for_selector(f".bar-wrapper[data-id='t{plan['dig'].pk}']")
    _drag(page, plan["dig"], 135)
    page.wait_for_selector("#gantt-status.error")
    assert "Reason: This field may not be blank." in page.inner_text("#gantt-status")
    page.wait_for_load_state("networkidle")
    assert Task.objects.get(pk=plan["dig"].pk).start_date == plan["dig"].start_date


def test_team_member_who_is_not_manager_cannot_change_the_plan(page, live_server, plan):
    log_in(page, live_server, "mei@example.coop", PASSWORD)
    page.goto(_gantt_url(live_server, plan))
    page.wait_for_selector(f".bar-wrapper[data-id='t{plan['pour'].pk}']")
    assert page.get_attribute("#gantt", "data-may-manage") == "false"
    _drag(page, plan["pour"], 135)
    screenshot(page, "member-gantt-read-only")
    status = page.evaluate(
        """async ([url, csrf]) => (await fetch(url, {method: "PATCH", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
            body: JSON.stringify({start_date: "2026-06-01", end_date: "2026-06-05", reason: "sneaky"})})).status""",
        [f"/api/tasks/{plan['pour'].pk}/", page.get_attribute("#gantt", "data-csrf")],
    )
    assert status == 403
    page.wait_for_load_state("networkidle")
    pour = Task.objects.get(pk=plan["pour"].pk)
    assert (pour.start_date, pour.end_date, pour.history.count()) == (
        plan["pour"].start_date,
        plan["pour"].end_date,
        1,
    )


@pytest.mark.parametrize("path", ["/portal/", "/portal/projects/", "gantt", "/portal/projects/time/"])
def test_no_serious_accessibility_violation(page, live_server, plan, path):
    log_in(page, live_server, "foreman@example.coop", PASSWORD)
    page.goto(_gantt_url(live_server, plan) if path == "gantt" else f"{live_server.url}{path}")
    if path == "gantt":
        page.wait_for_selector(".bar-wrapper")
    violations = axe_violations(page)
    screenshot(page, "axe-" + (path.strip("/").replace("/", "-") or "home"))
    assert violations == []
