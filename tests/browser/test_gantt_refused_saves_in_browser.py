"""The Gantt chart never says "Saved" for a change the server did not store: each PATCH of the
chart is checked, sent one after another, and a refusal puts the bars back with its reason."""

import json

import pytest

from projects.models import Task
from tests.factories.coop import PASSWORD

from .conftest import log_in, screenshot
from .test_portal_in_browser import _drag, _gantt_url, plan  # noqa: F401  (plan is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _bar_x(page, task) -> float:
    return page.locator(f".bar-wrapper[data-id='t{task.pk}'] .bar").bounding_box()["x"]


def _open_chart(page, live_server, plan):  # noqa: F811
    log_in(page, live_server, "foreman@example.coop", PASSWORD)
    page.goto(_gantt_url(live_server, plan))
    page.wait_for_selector(f".bar-wrapper[data-id='t{plan['pour'].pk}']")
    page.click("[data-view-mode=Day]")


def _hold_patches(page) -> list:
    """Intercept the chart's PATCH requests and keep them waiting until the test answers them."""
    held = []

    def hold(route):
        if route.request.method == "PATCH":
            held.append(route)
        else:
            route.continue_()

    page.route("**/api/tasks/**", hold)
    return held


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (500, "<h1>Server Error (500)</h1>", "refused"),
        (400, json.dumps({"end_date": ["Ends after the project."]}), "End: Ends after the project."),
        (403, json.dumps({"detail": "Only the project's manager may plan it."}), "Only the project's manager"),
    ],
)
def test_a_refused_patch_is_reported_with_its_reason_and_the_bar_goes_back(
    page,
    live_server,
    plan,  # noqa: F811
    status,
    body,
    expected,
):
    _open_chart(page, live_server, plan)
    before = _bar_x(page, plan["pour"])
    content_type = "text/html" if status == 500 else "application/json"
    page.route(
        "**/api/tasks/**",
        lambda route: (
            route.fulfill(status=status, body=body, content_type=content_type)
            if route.request.method == "PATCH"
            else route.continue_()
        ),
    )
    _drag(page, plan["pour"], 135)
    page.wait_for_selector("#gantt-status.error")
    message = page.inner_text("#gantt-status")
    screenshot(page, f"gantt-refused-{status}")
    assert "Saved" not in message
    assert "Not saved" in message
    assert expected in message
    assert "_date" not in message  # fields are named as the manager knows them, not by their API keys
    assert _bar_x(page, plan["pour"]) == before


def test_a_network_failure_is_not_saved(page, live_server, plan):  # noqa: F811
    _open_chart(page, live_server, plan)
    before = _bar_x(page, plan["pour"])
    page.route("**/api/tasks/**", lambda route: route.abort() if route.request.method == "PATCH" else route.continue_())
    _drag(page, plan["pour"], 135)
    page.wait_for_selector("#gantt-status.error")
    assert "Not saved" in page.inner_text("#gantt-status")
    assert _bar_x(page, plan["pour"]) == before


def test_changes_are_sent_one_after_another_and_saved_only_when_all_succeeded(page, live_server, plan):  # noqa: F811
    _open_chart(page, live_server, plan)
    held = _hold_patches(page)
    # two changes made while the first is still on its way
    _drag(page, plan["pour"], 135)
    page.wait_for_timeout(300)
    _drag(page, plan["dig"], -135)
    page.wait_for_timeout(500)
    # only the first was sent; the second waits for its answer
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_function("() => document.querySelectorAll('.bar-wrapper').length > 0")
    page.wait_for_timeout(500)
    assert len(held) == 2
    assert "Saved" not in page.inner_text("#gantt-status")
    # the second is refused: the page does not say "Saved"
    held[1].fulfill(status=500, body="<h1>Server Error (500)</h1>", content_type="text/html")
    page.wait_for_selector("#gantt-status.error")
    screenshot(page, "gantt-second-change-refused")
    assert "Saved" not in page.inner_text("#gantt-status")
    page.wait_for_load_state("networkidle")
    # the first change was stored, the refused one was not
    assert Task.objects.get(pk=plan["pour"].pk).start_date > plan["pour"].start_date
    assert Task.objects.get(pk=plan["dig"].pk).start_date == plan["dig"].start_date
