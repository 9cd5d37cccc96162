"""Finance's events in each member's calendar: the peer review cycles they take part in."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.calendar import CalendarEvent, uid

from .models import ReviewCycle

PAST = timedelta(days=365)


def review_cycles(user) -> list[CalendarEvent]:
    """One all-day event on the last day of each review cycle `user` is on the team of; one query."""
    cycles = ReviewCycle.objects.filter(team__member=user, period_end__gte=timezone.localdate() - PAST).order_by("pk")
    return [
        CalendarEvent(
            uid=uid("review-cycle", cycle.pk),
            title=_("Peer review ends: %(name)s") % {"name": cycle.name},
            day=cycle.period_end,
            url=reverse("finance_portal:overview"),
            description=_("Review period %(start)s to %(end)s. Write your reviews of your teammates before it ends.")
            % {"start": cycle.period_start.isoformat(), "end": cycle.period_end.isoformat()},
        )
        for cycle in cycles
    ]
