"""The President's day in a real browser: the portal home and the admin's desk say a share request
waits for the Board, one click opens it; on a phone the navigation folds into a menu button."""

import pytest

from coop.desk import desk_for
from governance.models import Office
from membership import services as membership_services
from membership.selectors import member_for_user
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, cooperative_create

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PRESIDENT = "president@example.coop"


def _shot(page, name: str) -> None:
    screenshot(page, name)


@pytest.fixture
def waiting(transactional_db):
    """A cooperative with a President in office and an owner's share request waiting for the Board."""
    cooperative_create()
    president = gf.officer(Office.Kind.PRESIDENT, user=gf.owner(shares=1, email=PRESIDENT))
    owner = gf.owner(shares=1, email="ines@example.coop")
    request = membership_services.share_request_submit(
        member=member_for_user(owner), kind="purchase", quantity=3, actor=owner, reason="More capital"
    )
    return {"president": president, "owner": owner, "request": request}


def test_the_president_sees_the_waiting_share_request_and_opens_it(page, live_server, waiting):
    president = waiting["president"]
    # Given the President logs in; the portal home says a share request waits
    log_in(page, live_server, PRESIDENT, PASSWORD)
    card = page.locator("#desk")
    assert "Nothing needs you right now." not in page.inner_text("#needs-me")
    share_link = card.get_by_role("link", name="Share requests waiting for the Board")
    assert share_link.is_visible()
    assert card.locator("[data-desk='membership.share_requests'] .count").inner_text() == "1"
    assert axe_violations(page) == []
    _shot(page, "desk-portal")

    # When they open their desk in the administration
    card.get_by_role("link", name="Open your desk in the administration").click()
    page.wait_for_selector("#desk-heading")
    item = page.locator("[data-desk='membership.share_requests']")
    assert item.locator(".desk-count").inner_text() == "1"
    assert "1 decision waits for you." in page.inner_text("#desk")
    expected = {entry.key: entry.count for entry in desk_for(president)}
    for key, count in expected.items():
        assert page.locator(f"[data-desk='{key}'] .desk-count").inner_text() == str(count)
    assert page.get_by_role("table", name="Membership").is_visible()
    assert axe_violations(page) == []
    _shot(page, "desk-admin")

    # And follow the count: the changelist shows exactly the request, naming the member
    item.get_by_role("link").click()
    page.wait_for_url("**/admin/membership/sharerequest/**")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Waiting for the Board" in rows.first.inner_text()


def test_the_navigation_folds_into_a_menu_on_a_phone(browser, live_server, waiting):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, live_server, PRESIDENT, PASSWORD)
        button = page.get_by_role("button", name="Menu")
        menu = page.locator("#site-menu")
        # Given a phone-wide screen, the navigation is one button, the list hidden
        assert button.is_visible() and not menu.is_visible()
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        _shot(page, "desk-phone-closed")
        # When the person tabs to the button and presses Enter, the list opens
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        assert menu.get_by_role("link", name="Votes").is_visible()
        assert axe_violations(page) == []
        _shot(page, "desk-phone-menu")
        # And Escape from inside the menu closes it and gives the focus back to the button
        menu.get_by_role("link", name="Votes").focus()
        page.keyboard.press("Escape")
        assert not menu.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
        # Then a link in the opened menu leads where it says
        button.click()
        menu.get_by_role("link", name="Votes").click()
        page.wait_for_url("**/portal/governance/**")
    finally:
        context.close()


def test_the_navigation_stays_a_row_on_a_desktop(page, live_server, waiting):
    log_in(page, live_server, PRESIDENT, PASSWORD)
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.locator("#site-menu").get_by_role("link", name="Votes").is_visible()
