"""A motion's page offers its voting window as an .ics file."""

import icalendar
from django.urls import reverse

from coop import calendar
from tests.clients import logged_in
from tests.factories import governance as factories
from tests.factories.membership import member_create


def test_a_motion_downloads_as_an_ics_event(board_user):
    member_client = logged_in(member_create(shares=1).user)
    motion = factories.open_motion(factories.motion(proposer=board_user, title="Buy a van"), board=board_user)
    page = member_client.get(reverse("governance:motion", args=[motion.pk]))
    url = reverse("governance:motion_ics", args=[motion.pk])
    assert url in page.content.decode()
    response = member_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]) == calendar.uid("motion", motion.pk)
    assert str(event["summary"]) == "Vote: Buy a van"
    assert event["dtend"].to_ical().endswith(b"Z")


def test_another_persons_draft_has_no_ics(board_user, member_client):
    draft = factories.motion(proposer=board_user)
    assert member_client.get(reverse("governance:motion_ics", args=[draft.pk])).status_code == 404
