"""A meeting is in every owner's calendar feed, and its page offers it as an .ics file."""

import icalendar
from django.urls import reverse

from coop import calendar
from governance import services
from tests.clients import logged_in
from tests.factories import governance as gf


def _events(client, user) -> dict[str, icalendar.Event]:
    user.refresh_from_db()
    response = client.get(reverse("calendar_feed", args=[calendar.feed_token(user)]))
    assert response.status_code == 200
    return {str(event["uid"]): event for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_a_called_meeting_is_in_an_owners_feed_with_its_place(board, owners):
    meeting = gf.meeting(board=board, title="Annual budget", place="The hall")
    events = _events(logged_in(owners[0]), owners[0])
    event = events[calendar.uid("meeting", meeting.pk)]
    assert str(event["summary"]) == "Meeting: Annual budget"
    assert "The hall" in str(event["description"])
    assert event["dtstart"].dt == meeting.starts_at.replace(microsecond=0)
    assert event["dtend"].dt == meeting.ends_at.replace(microsecond=0)


def test_a_cancelled_meeting_leaves_the_feed(board, owners):
    meeting = gf.meeting(board=board)
    services.meeting_cancel(meeting=meeting, actor=board, reason="No longer needed")
    assert calendar.uid("meeting", meeting.pk) not in _events(logged_in(owners[0]), owners[0])


def test_the_meeting_page_downloads_an_ics(board, owners):
    meeting = gf.meeting(board=board, title="Special conference")
    client = logged_in(owners[1])
    url = reverse("governance:meeting_ics", args=[meeting.pk])
    assert url in client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]) == calendar.uid("meeting", meeting.pk)
