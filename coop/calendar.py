"""Each member's calendar: the events the apps register, as an iCal feed behind a secret URL.

The core imports no app: each app registers a source in its `AppConfig.ready()` with
`register_calendar_source`. A source takes a user and returns their `CalendarEvent`s in a fixed
number of queries, whatever the number of events. Calendar apps cannot log in, so the feed's
URL carries a signed token over the user's id and feed version; resetting bumps the version,
and every earlier URL then answers 404. Nothing secret is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone, translation

from .audit import acting
from .languages import language_of
from .models import User
from .services_common import require_self

_SALT = "coop.calendar.feed"
UID_DOMAIN = "calendar.cooperative"
PRODID = "-//Cooperative platform//Calendar//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One event: timed (`start`, `end` aware datetimes) or all-day (`day`)."""

    uid: str
    title: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    day: dt.date | None = None
    url: str = ""
    description: str = ""


CalendarSource = Callable[[object], Iterable[CalendarEvent]]
_SOURCES: list[CalendarSource] = []


def register_calendar_source(source: CalendarSource) -> None:
    """Add `source` (a callable taking a user) to every member's calendar; once per source."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def calendar_events(user) -> list[CalendarEvent]:
    """Every registered source's events for `user`, in `user`'s language, soonest first."""
    events: list[CalendarEvent] = []
    with translation.override(language_of(user)):
        for source in _SOURCES:
            events.extend(source(user))
    return sorted(events, key=_sort_key)


def _sort_key(event: CalendarEvent):
    if event.start is not None:
        return event.start
    return dt.datetime.combine(event.day, dt.time.min, tzinfo=dt.UTC)


def uid(kind: str, pk) -> str:
    """A stable UID for record `pk` of `kind`: the same event keeps it from one fetch to the next."""
    return f"{kind}-{pk}@{getattr(settings, 'CALENDAR_UID_DOMAIN', UID_DOMAIN)}"


def to_ics(events: Iterable[CalendarEvent], *, name: str = "", absolute: Callable[[str], str] = str) -> bytes:
    """Write `events` as an iCalendar file; times in UTC (Z), no VTIMEZONE needed. `absolute` turns
    an event's path into the full address a calendar app outside the site can follow."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for event in events:
        item = icalendar.Event()
        item.add("uid", event.uid)
        item.add("dtstamp", stamp)
        item.add("summary", str(event.title))
        if event.day is not None:
            item.add("dtstart", event.day)
            item.add("dtend", event.day + dt.timedelta(days=1))
        else:
            item.add("dtstart", event.start.astimezone(dt.UTC))
            if event.end is not None:
                item.add("dtend", event.end.astimezone(dt.UTC))
        if event.url:
            item.add("url", absolute(event.url))
        if event.description:
            item.add("description", str(event.description))
        cal.add_component(item)
    return cal.to_ical()


def feed_token(user) -> str:
    """The secret of `user`'s feed URL: signed over their id and feed version, the same on every
    page (no timestamp in it), so it changes only when they reset it."""
    return signing.Signer(salt=_SALT).sign_object([user.pk, user.calendar_feed_version])


def feed_user(token: str):
    """The user whose current feed `token` opens, or None (tampered, or reset since)."""
    # Addresses given out before the address stopped carrying a timestamp (payload:time:signature)
    # still open the feed.
    signer = signing.TimestampSigner(salt=_SALT) if token.count(":") == 2 else signing.Signer(salt=_SALT)
    try:
        pk, version = signer.unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return User.objects.filter(pk=pk, calendar_feed_version=version, is_active=True).first()


def calendar_feed_reset(*, user, actor, reason: str):
    """Give `user` a new feed URL; the old one answers 404 from now on. The person themselves only."""
    require_self(actor, user, action=translation.gettext("reset the calendar feed of an account"))
    with acting(actor, reason), transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.calendar_feed_version += 1
        user.save(update_fields=["calendar_feed_version"])
    return user
