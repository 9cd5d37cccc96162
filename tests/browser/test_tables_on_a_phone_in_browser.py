"""Tables read on a 390-pixel phone: the admin's changelists and the portal's tables become one card
per row, each value under its column's heading, with nothing scrolled sideways; a desktop keeps
the table."""

import pytest
from django.urls import reverse

from governance.models import Office
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, cooperative_create

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PRESIDENT = "president@example.coop"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def ledger(transactional_db):
    """A President in office and a few owners whose shares fill the share ledger."""
    cooperative_create()
    gf.officer(Office.Kind.PRESIDENT, user=gf.owner(shares=2, email=PRESIDENT))
    for n in range(3):
        gf.owner(shares=n + 1, email=f"owner{n}@example.coop")


def _labels(page, selector: str) -> list[str]:
    return page.eval_on_selector(selector, "row => [...row.cells].map(c => c.dataset.label || '')")


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_share_ledger_changelist_reads_as_cards_on_a_phone(browser, live_server, ledger):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server, PRESIDENT, PASSWORD)
        page.goto(live_server.url + reverse("admin:membership_sharetransaction_changelist"))
        first_row = "#result_list tbody tr:first-child"
        page.wait_for_selector("#result_list.stacks")
        # Each value is labelled with its column's heading, shown before it on the card
        labels = _labels(page, first_row)
        assert {"Member", "Quantity", "Reason"} <= set(labels)
        member = page.locator(f"{first_row} td.field-member")
        assert page.evaluate("c => getComputedStyle(c, '::before').content", member.element_handle()) == '"Member"'
        # The headings row is hidden from sight but still there for screen readers
        assert page.locator("#result_list thead").bounding_box()["height"] <= 1
        assert page.locator("#result_list thead th").count() >= len([label for label in labels if label])
        # Nothing is wider than the phone, the whole row is on the screen
        assert _width(page) <= PHONE["width"]
        box = page.locator(first_row).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert axe_violations(page) == []
        screenshot(page, "tables-phone-admin-share-ledger")
    finally:
        context.close()


def test_a_portal_table_reads_as_cards_on_a_phone_and_as_a_table_on_a_desktop(browser, live_server, ledger):
    url = live_server.url + reverse("membership_portal:shares")
    for viewport, stacked in ((PHONE, True), ({"width": 1280, "height": 900}, False)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        try:
            log_in(page, live_server, "owner2@example.coop", PASSWORD)
            page.goto(url)
            page.wait_for_selector("main table.stacks")
            cell = page.locator("main table.stacks tbody tr:first-child td").first
            display = page.evaluate("c => getComputedStyle(c).display", cell.element_handle())
            assert (display == "grid") is stacked
            assert cell.get_attribute("data-label")
            assert _width(page) <= viewport["width"]
            assert axe_violations(page) == []
            screenshot(page, f"tables-{'phone' if stacked else 'desktop'}-portal-shares")
        finally:
            context.close()
