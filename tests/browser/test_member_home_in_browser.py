"""A member's day in a real browser: the home says what needs them, they vote and log hours,
and the home changes. Then axe-core reads the portal's main pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from config.dashboard import dashboard_for
from governance.models import Participation
from labor_contracts.models import TimesheetEntry
from projects.models import TimeEntry
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, UserFactory, cooperative_create, document_create, version_propose
from tests.factories.portal import history_build, motion_open, payslips_post, world_create

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL = "ada@example.coop"


@pytest.fixture
def day(transactional_db):
    """A cooperative in full swing and an owner, Ada, with something to do in every app."""
    cooperative = cooperative_create()
    board = UserFactory(email="chair@example.coop", roles=["Board", "Member"])
    operations = UserFactory(email="boss@example.coop", roles=["Operations", "Member"])
    world = world_create(cooperative, board=board, operations=operations)
    ada = gf.owner(shares=2, email=EMAIL)
    history_build(world, ada, 1)
    payslips_post(world, [ada], 1)
    ballot = motion_open(world, "Adopt the spring budget")
    document = document_create(text="# House rules\n\nTools go back on the rack at the end of the day.")
    version_propose(document, "# House rules\n\nTools go back on the rack at the end of each shift.")
    return {"world": world, "ada": ada, "ballot": ballot, "document": document}


def test_member_votes_logs_hours_and_sees_the_home_change(page, live_server, day):
    ada, ballot = day["ada"], day["ballot"]
    # Given Ada logs in through the form and her home lists the ballot first
    log_in(page, live_server, EMAIL, PASSWORD)
    assert page.locator("#ballots").get_by_role("link", name="Adopt the spring budget").is_visible()
    before = dashboard_for(ada).hours
    assert f"{before.total:.2f} hours" in page.inner_text("#my-hours")
    screenshot(page, "member-home-before")

    # When she casts the ballot through the ballot form
    page.locator("#ballots").get_by_role("link", name="Adopt the spring budget").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Cast ballot").click()
    page.wait_for_selector("text=receipt")
    screenshot(page, "member-ballot-receipt")

    # And logs project hours and labor-contract hours
    page.goto(f"{live_server.url}/portal/projects/time/")
    page.get_by_label("Task", exact=True).select_option(index=1)
    page.get_by_label("Hours", exact=True).fill("2.5")
    page.get_by_role("button", name="Log hours").last.click()
    page.wait_for_selector("text=Your hours were logged.")
    page.goto(f"{live_server.url}/portal/labor/timesheets/")
    contract_day = timezone.localdate() - timedelta(days=1)
    page.select_option("select[name=contract]", index=1)
    page.fill("input[name=day]", str(contract_day))
    page.fill("input[name=hours]", "4")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_selector("text=Your hours are saved as a draft")

    # Then the home no longer asks for the ballot, and shows the hours
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_selector("#my-hours")
    assert page.locator("#ballots").get_by_role("link", name="Adopt the spring budget").count() == 0
    hours = page.inner_text("#my-hours")
    screenshot(page, "member-home-after")
    page.set_viewport_size({"width": 375, "height": 812})
    screenshot(page, "member-home-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.wait_for_load_state("networkidle")
    assert Participation.objects.filter(motion=ballot, voter=ada).exists()
    assert TimeEntry.objects.filter(user=ada, hours=2.5).exists()
    assert TimesheetEntry.objects.filter(owner=ada, hours=4).exists()
    added = Decimal("2.5") + (Decimal("4") if contract_day >= before.since else 0)
    assert f"{before.total + added:.2f} hours" in hours


PAGES = {
    "home": "/portal/",
    "cooperative": "/portal/cooperative/",
    "membership": "/portal/membership/",
    "shares": "/portal/membership/shares/",
    "dues": "/portal/membership/dues/",
    "votes": "/portal/governance/",
    "motion": "motion",
    "results": "results",
    "documents": "/portal/documents/",
    "document": "document",
    "document-diff": "diff",
    "labor-contracts": "/portal/labor/",
    "timesheets": "/portal/labor/timesheets/",
    "labor-pay": "/portal/labor/pay/",
    "my-pay": "/portal/finance/",
    "payslip": "payslip",
    "review": "review",
    "hours": "/portal/projects/time/",
}


def _path(name: str, day) -> str:
    from finance.selectors import my_payslips, reviews_to_write

    world, ada = day["world"], day["ada"]
    voted = world.motions[0]
    special = {
        "motion": f"/portal/governance/motions/{day['ballot'].pk}/",
        "results": f"/portal/governance/motions/{voted.pk}/results/",
        "document": f"/portal/documents/{day['document'].slug}/",
        "diff": f"/portal/documents/{day['document'].slug}/diff/",
        "payslip": f"/portal/finance/payslips/{my_payslips(ada).first().pk}/",
        "review": f"/portal/finance/review-cycles/{reviews_to_write(ada).first().pk}/write/",
    }
    return special.get(PAGES[name], PAGES[name])


@pytest.mark.parametrize("name", list(PAGES))
def test_portal_page_has_no_serious_accessibility_violation(page, live_server, day, name):
    if name == "results":
        from governance import services

        services.motion_close(motion=day["world"].motions[0], actor=day["world"].board, reason="test setup")
    path = _path(name, day)
    log_in(page, live_server, EMAIL, PASSWORD)
    page.goto(f"{live_server.url}{path}")
    violations = axe_violations(page)
    screenshot(page, f"axe-member-{name}")
    page.set_viewport_size({"width": 375, "height": 812})
    screenshot(page, f"phone-member-{name}")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    page.wait_for_load_state("networkidle")
    assert violations == []
    assert overflow <= 375, f"{path} is {overflow}px wide on a 375px phone"
