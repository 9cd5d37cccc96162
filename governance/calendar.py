"""Governance's events in each member's calendar: the voting window of every motion they vote on,
and the meetings of the cooperative's bodies."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.calendar import CalendarEvent, uid
from coop.roles import in_cooperative

from .models import Body, Meeting, Motion, RollEntry

# Past votes stay in the feed this long, so a calendar keeps the recent ones.
PAST = timedelta(days=365)


def motion_event(motion: Motion) -> CalendarEvent | None:
    """The voting window of `motion` (opens → closes), or None while it has no date at all."""
    start = motion.opened_at or motion.opens_at
    end = motion.closes_at
    if start is None and end is None:
        return None
    if start is None:
        start, end = end, None
    return CalendarEvent(
        uid=uid("motion", motion.pk),
        title=_("Vote: %(title)s") % {"title": motion.title},
        start=start,
        end=end if end and end > start else None,
        url=reverse("governance:motion", args=[motion.pk]),
        description=_("%(body)s votes on this motion. Cast your ballot on its page before it closes.")
        % {"body": motion.body.name},
    )


def vote_deadlines(user) -> list[CalendarEvent]:
    """Motions `user` is on the roll of, and, for the cooperative's people, the scheduled General
    Conference motions; an account outside the cooperative reads none of those. A fixed number of queries."""
    wanted = Q(Exists(RollEntry.objects.filter(motion=OuterRef("pk"), voter=user)))
    if in_cooperative(user):
        wanted |= Q(status=Motion.Status.SCHEDULED, body__kind=Body.Kind.GENERAL_CONFERENCE)
    since = timezone.now() - PAST
    motions = (
        Motion.objects.filter(wanted)
        .exclude(status__in=[Motion.Status.DRAFT, Motion.Status.WITHDRAWN])
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gte=since))
        .select_related("body")
        .order_by("pk")
    )
    return [event for event in map(motion_event, motions) if event is not None]


def meeting_event(meeting: Meeting) -> CalendarEvent:
    """A meeting from its start to its end, with where to go or the link to join."""
    where = [text for text in (meeting.place, meeting.video_link) if text]
    return CalendarEvent(
        uid=uid("meeting", meeting.pk),
        title=_("Meeting: %(title)s") % {"title": meeting.title},
        start=meeting.starts_at,
        end=meeting.ends_at,
        url=reverse("governance:meeting", args=[meeting.pk]),
        description=_("%(body)s meets. Where: %(where)s.") % {"body": meeting.body.name, "where": " · ".join(where)},
    )


def meeting_dates(user) -> list[CalendarEvent]:
    """The meetings of the cooperative's bodies that are not cancelled, for the cooperative's people;
    an account outside the cooperative reads none. One query."""
    if not in_cooperative(user):
        return []
    meetings = (
        Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
        .filter(ends_at__gte=timezone.now() - PAST)
        .select_related("body")
        .order_by("pk")
    )
    return [meeting_event(meeting) for meeting in meetings]
