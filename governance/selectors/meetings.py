"""Meeting reads: the lists, the roll a meeting's quorum is measured on, the live quorum by weight,
the chair's check-in code, and when the annual General Conference is due."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.models import Cooperative, User
from coop.roles import Role, has_role
from coop.selectors import policy_value
from membership.selectors import voting_roll

from ..models import AgendaItem, AgendaSpeaker, Attendance, Body, Meeting, Motion, OfficeTerm, Proxy

# The code the chair shows in the room is good for this long; the chair's page shows a fresh one
# every minute, so a photo of the screen sent out of the room soon stops working.
CHECKIN_TOKEN_MAX_AGE = 300
CHECKIN_SALT = "governance.meeting-check-in"
# The Board sees the annual General Conference on its desk this long before it is due.
ANNUAL_DUE_WARNING_DAYS = 60
ONE = Decimal("0.01")

__all__ = [
    "ANNUAL_DUE_WARNING_DAYS",
    "CHECKIN_TOKEN_MAX_AGE",
    "AnnualConference",
    "MeetingQuorum",
    "annual_conference",
    "annual_conference_to_call",
    "checkin_token",
    "checkin_token_meeting_id",
    "meeting_agenda",
    "meeting_attendance",
    "meeting_for",
    "meeting_for_chair",
    "meeting_invitees",
    "meeting_quorum",
    "meeting_roll_weights",
    "meetings_for",
    "my_attendance",
]


def checkin_token(meeting: Meeting) -> str:
    """Return a signed, short-lived code naming `meeting`, for the chair's QR code."""
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(str(meeting.pk))


def checkin_token_meeting_id(token: str) -> int:
    """Return the meeting id `token` names, or raise a ValidationError naming `token` when it is
    expired or was never signed here."""
    try:
        value = signing.TimestampSigner(salt=CHECKIN_SALT).unsign(token or "", max_age=CHECKIN_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        expired = _("This check-in code has expired: scan the code on the screen again.")
        raise ValidationError({"token": expired}) from None
    except signing.BadSignature:
        raise ValidationError({"token": _("This is not a check-in code of this cooperative.")}) from None
    return int(value)


def _office_holders(body: Body) -> QuerySet:
    return OfficeTerm.objects.active().filter(office__body=body).values("holder_id")


def meeting_roll_weights(meeting: Meeting, user_ids=None) -> dict[int, Decimal]:
    """Return {user id: weight} of those who vote in `meeting` (restricted to `user_ids` when
    given), weighed as a vote of its body is: the voting roll for the General Conference, one vote
    per officer in office for the Board and Operations."""
    if meeting.body.kind == Body.Kind.GENERAL_CONFERENCE:
        roll = voting_roll()
        if user_ids is not None:
            roll = roll.filter(user_id__in=list(user_ids))
        return dict(roll.values_list("user_id", "weight"))
    holders = _office_holders(meeting.body)
    if user_ids is not None:
        holders = holders.filter(holder_id__in=list(user_ids))
    return dict.fromkeys(holders.values_list("holder_id", flat=True).distinct(), Decimal(1))


def meeting_invitees(meeting: Meeting) -> QuerySet:
    """Return the accounts a meeting is for (key, email and language only): those who vote in it."""
    return (
        User.objects.filter(pk__in=list(meeting_roll_weights(meeting))).order_by("pk").only("pk", "email", "language")
    )


@dataclass(frozen=True)
class MeetingQuorum:
    """The live quorum of a meeting: the weight present (in person and by proxy) against the roll."""

    roll_weight: Decimal
    present_weight: Decimal
    quorum_percent: Decimal
    present_count: int
    proxy_count: int
    roll_count: int

    @property
    def required_weight(self) -> Decimal:
        return (self.roll_weight * self.quorum_percent / Decimal(100)).quantize(ONE, ROUND_HALF_UP)

    @property
    def met(self) -> bool:
        return self.present_count > 0 and self.present_weight >= self.required_weight

    @property
    def missing_weight(self) -> Decimal:
        return max(self.required_weight - self.present_weight, Decimal(0))


def _attending(meeting: Meeting, user_ref: str, **extra) -> Exists:
    """Match those present at `meeting`: in person, or by a proxy still in force."""
    rows = Attendance.objects.filter(meeting=meeting, attendee=OuterRef(user_ref), **extra)
    return Exists(rows.filter(Q(proxy__isnull=True) | Q(proxy__status=Proxy.Status.ACTIVE)))


def meeting_quorum(meeting: Meeting) -> MeetingQuorum:
    """Return the live quorum of `meeting` by weight, in a fixed number of queries whatever the
    number of members: the weights are the voting roll's, the percentage the policy number."""
    if meeting.body.kind == Body.Kind.GENERAL_CONFERENCE:
        rows, key, weight = voting_roll(), "user_id", Sum("weight")
    else:
        rows, key, weight = User.objects.filter(pk__in=_office_holders(meeting.body)), "pk", Count("pk")
    present, by_proxy = _attending(meeting, key), _attending(meeting, key, how=Attendance.How.BY_PROXY)
    figures = rows.order_by().aggregate(
        roll=weight,
        roll_count=Count("pk"),
        present=Sum("weight", filter=Q(present)) if key == "user_id" else Count("pk", filter=Q(present)),
        present_count=Count("pk", filter=Q(present)),
        proxy_count=Count("pk", filter=Q(by_proxy)),
    )
    return MeetingQuorum(
        roll_weight=Decimal(figures["roll"] or 0).quantize(ONE),
        present_weight=Decimal(figures["present"] or 0).quantize(ONE),
        quorum_percent=policy_value("quorum_percent"),
        present_count=figures["present_count"],
        proxy_count=figures["proxy_count"],
        roll_count=figures["roll_count"],
    )


def meetings_for(user) -> QuerySet[Meeting]:
    """Every meeting, newest first, with its body, who called it, how many checked in and whether
    `user` did, in one query whatever the number of meetings."""
    attendees = (
        Attendance.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Meeting.objects.select_related("body", "called_by")
        .annotate(
            attendee_count=Coalesce(Subquery(attendees, output_field=IntegerField()), Value(0)),
            checked_in=Exists(Attendance.objects.filter(meeting=OuterRef("pk"), attendee_id=getattr(user, "pk", None))),
        )
        .order_by("-starts_at", "-pk")
    )


def meeting_for(user, meeting_id: int) -> Meeting:
    """Return meeting `meeting_id` as `meetings_for` reads it, or 404."""
    return get_object_or_404(meetings_for(user), pk=meeting_id)


def meeting_for_chair(user, meeting_id: int) -> Meeting:
    """Return meeting `meeting_id` for its chair's page: the Board chairs meetings; anyone else 403."""
    if not has_role(user, Role.BOARD):
        raise PermissionDenied(_("The Board chairs meetings; this page is the chair's."))
    return meeting_for(user, meeting_id)


def meeting_agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda of `meeting` in order, each item with its motion and its speakers' list."""
    speakers = Prefetch("speakers", AgendaSpeaker.objects.select_related("speaker").order_by("order"))
    return (
        AgendaItem.objects.filter(meeting=meeting).select_related("motion").prefetch_related(speakers).order_by("order")
    )


def meeting_attendance(meeting: Meeting) -> QuerySet[Attendance]:
    """Who checked in to `meeting`, in order of arrival, with the proxy holder of those represented."""
    return (
        Attendance.objects.filter(meeting=meeting)
        .select_related("attendee", "proxy__holder")
        .order_by("checked_in_at", "pk")
    )


def my_attendance(meeting: Meeting, user) -> Attendance | None:
    """Return `user`'s check-in at `meeting`, or None."""
    return Attendance.objects.filter(meeting=meeting, attendee_id=getattr(user, "pk", None)).first()


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class AnnualConference:
    """When the next annual General Conference is due, and whether one is already called."""

    due_on: date | None
    called: bool

    def due_within(self, days: int, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.due_on is not None and not self.called and self.due_on <= today + timedelta(days=days)

    def overdue(self, today: date | None = None) -> bool:
        return self.due_within(0, today) and self.due_on < (today or timezone.localdate())


def annual_conference() -> AnnualConference:
    """Return when the next annual General Conference is due: twelve months after the last one
    held, else twelve months after the founding (the founding date, else the start of the first
    Board term an election filled); in one query."""
    annual = Meeting.objects.annual()
    held = annual.filter(status__in=[Meeting.Status.OPEN, Meeting.Status.CLOSED]).order_by().values("body")
    first_term = (
        OfficeTerm.objects.filter(office__body__kind=Body.Kind.BOARD, motion__kind=Motion.Kind.ELECTION)
        .order_by()
        .values("office__body")
        .annotate(first=Min("starts_at"))
        .values("first")
    )
    row = (
        Cooperative.objects.annotate(
            last_held=Subquery(held.annotate(last=Max("starts_at")).values("last")[:1]),
            first_term=Subquery(first_term[:1]),
            called=Exists(annual.filter(status=Meeting.Status.CALLED)),
        )
        .values("founded_on", "last_held", "first_term", "called")
        .first()
    )
    if row is None:
        return AnnualConference(due_on=None, called=False)
    if row["last_held"] is not None:
        since = timezone.localdate(row["last_held"])
    elif row["founded_on"] is not None:
        since = row["founded_on"]
    elif row["first_term"] is not None:
        since = timezone.localdate(row["first_term"])
    else:
        return AnnualConference(due_on=None, called=row["called"])
    return AnnualConference(due_on=_add_months(since, 12), called=row["called"])


def annual_conference_to_call(today: date | None = None) -> int:
    """Return 1 when the Board has an annual General Conference to call (due within
    `ANNUAL_DUE_WARNING_DAYS`, or overdue, and none called), else 0: a desk count."""
    return int(annual_conference().due_within(ANNUAL_DUE_WARNING_DAYS, today))
