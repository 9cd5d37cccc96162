"""A member's meeting day in a real browser: the notice of it in their inbox, the meeting page, a
remote check-in, the calendar page; the chair's page with the code and the quorum. At desktop and
phone width, each page read by axe-core."""

import pytest

from coop.models import NoticeKind
from coop.notices import notices_send
from governance.models import Attendance, Office
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, cooperative_create

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL = "rosa@example.coop"
CHAIR = "chair@example.coop"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def meeting(transactional_db):
    cooperative_create()
    gf.voting_mode("person")
    chair = gf.officer(Office.Kind.PRESIDENT, user=gf.owner(email=CHAIR))
    rosa = gf.owner(email=EMAIL)
    for _n in range(3):
        gf.owner()
    meeting = gf.meeting_in_session(board=chair, title="Spring General Conference")
    notices_send(
        [rosa],
        NoticeKind.MEETING_CALLED,
        lambda: ("Spring General Conference is called", "Check in from the meeting's page."),
        link=f"/portal/governance/meetings/{meeting.pk}/",
    )
    return {"meeting": meeting, "rosa": rosa}


def test_member_reads_the_notice_checks_in_and_finds_the_calendar(browser, live_server, meeting):
    for width, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        log_in(page, live_server, EMAIL, PASSWORD)
        # Given the notice waits in her inbox
        page.goto(f"{live_server.url}/portal/notices/")
        assert "Spring General Conference is called" in page.inner_text("main")
        assert axe_violations(page) == []
        screenshot(page, f"notices-inbox-{width}")
        page.goto(f"{live_server.url}/portal/notices/preferences/")
        assert axe_violations(page) == []
        screenshot(page, f"notices-preferences-{width}")
        # When she opens the meeting and checks in remotely
        page.goto(f"{live_server.url}/portal/governance/meetings/{meeting['meeting'].pk}/")
        assert axe_violations(page) == []
        if width == "desktop":
            page.get_by_role("button", name="Check in remotely").click()
            page.wait_for_load_state()
            assert "You are checked in" in page.inner_text("main")
        screenshot(page, f"meeting-{width}")
        page.goto(f"{live_server.url}/portal/calendar/")
        assert page.get_by_label("Calendar address").input_value().endswith(".ics")
        assert axe_violations(page) == []
        screenshot(page, f"calendar-{width}")
        context.close()
    # Then she is checked in, once
    assert Attendance.objects.filter(attendee=meeting["rosa"], how="remote").count() == 1


def test_the_chair_sees_the_code_and_the_quorum(browser, live_server, meeting):
    for width, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        log_in(page, live_server, CHAIR, PASSWORD)
        page.goto(f"{live_server.url}/portal/governance/meetings/{meeting['meeting'].pk}/chair/")
        assert page.locator("svg").count() >= 1
        assert axe_violations(page) == []
        screenshot(page, f"meeting-chair-{width}")
        context.close()
