"""A member enters data in a real browser: the hours form finds a task by typing a few letters of
it or its project and offers no summary task; a peer review starts with no score chosen and, refused
for a missing score, keeps the comments. At desktop and phone width, with axe-core clean."""

from datetime import timedelta

import pytest
from django.utils import timezone

from finance.models import Review
from finance.selectors import reviews_to_write
from projects.models import TimeEntry
from tests.factories import projects as pf
from tests.factories.coop import PASSWORD

from .conftest import axe_violations, log_in, screenshot
from .test_member_home_in_browser import EMAIL, day  # noqa: F401  (day is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COMMENT = "Careful work on the formwork; ask for help sooner when a pour runs late."


@pytest.fixture
def second_project(day):  # noqa: F811
    """Ada is also on a school roof with a phase and two work items in it."""
    today = timezone.localdate()
    school = pf.project_create(
        name="School roof", start_date=today - timedelta(days=30), end_date=today + timedelta(days=90)
    )
    pf.team_add(school, day["ada"])
    phase = pf.task_create(school, "Roofing phase", start=today - timedelta(days=5), days=10)
    tiles = pf.task_create(school, "Lay the tiles", start=today - timedelta(days=5), days=4, parent=phase)
    pf.task_create(school, "Gutters", start=today - timedelta(days=1), days=4, parent=phase)
    return {"school": school, "phase": phase, "tiles": tiles}


@pytest.mark.parametrize("width", [1280, 390])
def test_the_member_finds_a_task_by_typing_and_logs_hours(page, live_server, day, second_project, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, EMAIL, PASSWORD)
    page.goto(f"{live_server.url}/portal/projects/time/")
    picker = page.get_by_label("Task", exact=True)
    # The summary task is not offered; each project is a group
    assert picker.locator("option", has_text="Roofing phase").count() == 0
    assert picker.locator("optgroup[label='School roof'] option").count() == 2
    # When Ada types part of a task's name, only matching tasks remain and the first is chosen
    page.get_by_label("Find a task by its name or its project's").fill("tile")
    visible = picker.locator("option:not([hidden])").all_inner_texts()
    assert visible == ["Choose a task", "Lay the tiles"] or visible == ["Lay the tiles"]
    assert picker.input_value() == str(second_project["tiles"].pk)
    assert "1 tasks match" in page.inner_text("main") or "1 task" in page.inner_text("main")
    # A project's name finds its tasks too
    page.get_by_label("Find a task by its name or its project's").fill("school")
    assert picker.locator("optgroup[label='School roof'] option:not([hidden])").count() == 2
    assert picker.locator("optgroup[label='Riverside tower']").get_attribute("hidden") is not None
    picker.select_option(str(second_project["tiles"].pk))
    page.get_by_label("Hours", exact=True).fill("3")
    screenshot(page, f"data-entry-hours-{width}")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Log hours").last.click()
    page.wait_for_selector("text=Your hours were logged.")
    page.wait_for_load_state("networkidle")
    assert TimeEntry.objects.filter(user=day["ada"], task=second_project["tiles"]).exists()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_review_without_a_score_is_refused_and_keeps_the_comments(page, live_server, day, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    cycle = reviews_to_write(day["ada"]).first()
    log_in(page, live_server, EMAIL, PASSWORD)
    page.goto(f"{live_server.url}/portal/finance/review-cycles/{cycle.pk}/write/")
    # No score is chosen when the form opens
    assert page.locator("input[type=radio]:checked").count() == 0
    page.get_by_label("Teammate").select_option(index=1)
    page.get_by_label("Constructive comments").fill(COMMENT)
    page.get_by_role("button", name="Submit the review").click()
    # Then the missing score is named, and the comments are still there
    page.wait_for_selector("text=Choose a score from 1 to 5 for Craft.")
    assert page.get_by_label("Constructive comments").input_value() == COMMENT
    screenshot(page, f"data-entry-review-refused-{width}")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # When she chooses 4 and submits, the review is stored with that score
    page.get_by_role("group", name="Craft").get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Submit the review").click()
    page.wait_for_url(f"{live_server.url}/portal/")
    page.wait_for_load_state("networkidle")
    assert Review.objects.get(reviewer=day["ada"]).scores.get().score == 4
