"""Membership's events in each member's calendar: the days their dues fall due."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.calendar import CalendarEvent, uid

from .models import DuesCharge, DuesSchedule, Member

PAST = timedelta(days=365)


def dues_dates(user) -> list[CalendarEvent]:
    """The start of each period `user` was charged dues for, and the next one of the active
    schedule while they hold a membership with rights; three queries at most."""
    today = timezone.localdate()
    charges = DuesCharge.objects.filter(member__user=user, period_start__gte=today - PAST).order_by("period_start")
    url = reverse("membership_portal:dues")
    events = [
        CalendarEvent(
            uid=uid("dues-charge", charge.pk),
            title=_("Dues due: %(amount)s") % {"amount": charge.amount},
            day=charge.period_start,
            url=url,
        )
        for charge in charges
    ]
    charged = {event.day for event in events}
    if not Member.objects.filter(user=user, status__in=Member.RIGHTS_STATUSES).exists():
        return events
    schedule = DuesSchedule.objects.filter(active=True).first()
    if schedule is None:
        return events
    periods = max(0, -(-(today - schedule.starts_on).days // schedule.period_days))
    due = schedule.starts_on + timedelta(days=periods * schedule.period_days)
    if due not in charged:
        events.append(
            CalendarEvent(
                uid=uid(f"dues-{schedule.pk}", due.isoformat()),
                title=_("Dues due: %(amount)s") % {"amount": schedule.amount},
                day=due,
                url=url,
            )
        )
    return events
