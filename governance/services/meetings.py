"""Meetings: calling one with the notice the bylaws set, its agenda and documents, opening and
closing it, checking in, and opening a vote from the agenda once the quorum is present."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.languages import local_datetime
from coop.models import NoticeKind
from coop.notices import notices_send
from coop.roles import Role, has_role
from coop.selectors import policy_value
from coop.services_common import require_role, require_self
from membership.selectors import voting_roll

from .. import selectors
from ..models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MeetingDocument,
    MeetingPetition,
    Motion,
    PetitionSignature,
    Proxy,
)
from .motions import motion_open

# The chair may open a meeting this long before its announced start, for the check-in queue.
OPENS_EARLY = timedelta(hours=1)


def _notice_days(body: Body) -> int:
    key = "general_conference_notice_days" if body.kind == Body.Kind.GENERAL_CONFERENCE else "board_meeting_notice_days"
    return policy_value(key)


def _check_petition(*, body: Body, kind: str, actor, petition: MeetingPetition | None) -> list[int]:
    """Let owners call a special General Conference by a petition that enough of the owners on the
    voting roll signed themselves (Bylaws: a policy number), the caller among them; anyone else who
    is not the Board is refused. Return the signers who count: those still on the roll."""
    if body.kind != Body.Kind.GENERAL_CONFERENCE or kind != Meeting.Kind.SPECIAL:
        raise PermissionDenied(
            _("Only the Board calls this meeting; owners call only a special General Conference, by a petition.")
        )
    refused = _("Only the Board, or an owner who signed the petition, calls a special meeting.")
    if petition is None or getattr(actor, "pk", None) is None:
        raise PermissionDenied(refused)
    # Locked, so that no signature is taken back and no second call is made while this one counts.
    petition = MeetingPetition.objects.select_for_update().get(pk=petition.pk)
    signers = list(
        PetitionSignature.objects.select_for_update().filter(petition=petition).values_list("signer_id", flat=True)
    )
    if actor.pk not in signers:
        raise PermissionDenied(refused)
    if petition.status != MeetingPetition.Status.OPEN:
        raise ValidationError({"petition": _("This petition is closed: it was withdrawn or has called its meeting.")})
    roll = set(voting_roll().values_list("user_id", flat=True))
    if actor.pk not in roll:
        raise PermissionDenied(_("Only an owner with a vote calls a meeting by petition."))
    counted = [signer for signer in signers if signer in roll]
    threshold = selectors.petition_threshold(roll=len(roll))
    if len(counted) < threshold.needed:
        raise ValidationError(
            {
                "petition": _(
                    "A petition calls a special General Conference with the signatures of %(percent)s%% of "
                    "the owners with a vote: %(needed)s of %(roll)s. It has %(signed)s."
                )
                % {
                    "percent": threshold.percent,
                    "needed": threshold.needed,
                    "roll": threshold.roll,
                    "signed": len(counted),
                }
            }
        )
    return counted


@transaction.atomic
def meeting_call(
    *,
    body: Body,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    actor,
    reason: str = "",
    place: str = "",
    video_link: str = "",
    petition: MeetingPetition | None = None,
) -> Meeting:
    """Call a meeting of `body` with `reason` as its purpose. The Board calls any body's meeting;
    owners call a special General Conference by `petition`, once enough owners on the voting roll
    have signed it, the caller among them: its signers still on the roll become the meeting's
    petitioners, the petition is marked called, and its purpose is the meeting's unless `reason`
    gives another. The meeting starts no sooner than the notice the bylaws set (a policy number per
    body) and is held in a place, by video, or both."""
    if kind == Meeting.Kind.ANNUAL and body.kind != Body.Kind.GENERAL_CONFERENCE:
        raise ValidationError({"kind": _("The annual meeting is a meeting of the General Conference.")})
    petitioners = []
    # A petition given is always checked, even by a Board officer who signed it: the call names it.
    if petition is not None or not has_role(actor, Role.BOARD):
        petitioners = _check_petition(body=body, kind=kind, actor=actor, petition=petition)
        reason = (reason or "").strip() or petition.purpose
    now = timezone.now()
    days = _notice_days(body)
    if starts_at < now + timedelta(days=days):
        raise ValidationError(
            {
                "starts_at": _(
                    "A meeting of %(body)s is called at least %(days)s days ahead (the notice the bylaws set); "
                    "start it on %(earliest)s or later."
                )
                % {"body": body, "days": days, "earliest": date_format(timezone.localtime(now + timedelta(days=days)))}
            }
        )
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A meeting must end after it starts.")})
    with acting(actor, reason):
        meeting = Meeting(
            body=body,
            kind=kind,
            title=(title or "").strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            place=(place or "").strip(),
            video_link=(video_link or "").strip(),
            called_by=actor,
            called_at=now,
            reason=reason,
        )
        meeting.full_clean()
        meeting.save()
        if petition is not None:
            meeting.petitioners.set(petitioners)
            petition = MeetingPetition.objects.get(pk=petition.pk)
            petition.transition_to(MeetingPetition.Status.CALLED)
            petition.meeting = meeting
            petition.full_clean()
            petition.save()
        _notify_called(meeting)
    return meeting


def _notify_called(meeting: Meeting) -> None:
    """Put the call in the inbox of everyone the meeting is for, in the language each one reads."""
    where = " · ".join(text for text in (meeting.place, meeting.video_link) if text)
    notices_send(
        selectors.meeting_invitees(meeting),
        NoticeKind.MEETING_CALLED,
        lambda: (
            _("Meeting called: %(title)s") % {"title": meeting.title},
            _("%(body)s meets on %(when)s (%(where)s). Purpose: %(purpose)s")
            % {
                "body": meeting.body.name,
                "when": local_datetime(meeting.starts_at),
                "where": where,
                "purpose": meeting.reason,
            },
        ),
        link=reverse("governance:meeting", args=[meeting.pk]),
    )


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)


def _require_preparable(meeting: Meeting) -> None:
    if meeting.status not in {Meeting.Status.CALLED, Meeting.Status.OPEN}:
        raise ValidationError({"meeting": _("This meeting is over or cancelled; its agenda no longer changes.")})


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, kind: str, title: str, actor, reason: str, motion: Motion | None = None, notes: str = ""
) -> AgendaItem:
    """Put an item at the end of the meeting's agenda: a motion of the meeting's body still to be
    voted, a report, or another item. The Board builds the agenda."""
    require_role(actor, Role.BOARD, action=_("build a meeting's agenda"))
    with acting(actor, reason):
        meeting = _locked(meeting)
        _require_preparable(meeting)
        if motion is not None:
            if motion.body_id != meeting.body_id:
                raise ValidationError({"motion": _("The motion is before another body than this meeting's.")})
            if motion.status not in {Motion.Status.DRAFT, Motion.Status.SCHEDULED}:
                raise ValidationError({"motion": _("Only a motion that has not opened to a vote goes on an agenda.")})
        last = meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0
        item = AgendaItem(
            meeting=meeting,
            order=last + 1,
            kind=kind,
            motion=motion,
            title=(title or (motion.title if motion else "")).strip(),
            notes=notes,
        )
        item.full_clean()
        item.save()
    return item


@transaction.atomic
def meeting_document_attach(
    *, meeting: Meeting, title: str, actor, reason: str, document_version=None, link: str = ""
) -> MeetingDocument:
    """Attach a document to the meeting: a version of a governing document, or a link."""
    require_role(actor, Role.BOARD, action=_("attach documents to a meeting"))
    with acting(actor, reason):
        meeting = _locked(meeting)
        _require_preparable(meeting)
        document = MeetingDocument(meeting=meeting, title=title, document_version=document_version, link=link)
        document.full_clean()
        document.save()
    return document


@transaction.atomic
def meeting_open(*, meeting: Meeting, actor, reason: str) -> Meeting:
    """Open the meeting for check-in and for votes from its agenda, from an hour before its start."""
    require_role(actor, Role.BOARD, action=_("open a meeting"))
    with acting(actor, reason):
        meeting = _locked(meeting)
        now = timezone.now()
        if meeting.status == Meeting.Status.CALLED and now < meeting.starts_at - OPENS_EARLY:
            raise ValidationError(
                {
                    "starts_at": _("The meeting opens from an hour before its start (%(start)s).")
                    % {"start": timezone.localtime(meeting.starts_at)}
                }
            )
        meeting.transition_to(Meeting.Status.OPEN)
        meeting.opened_at = now
        meeting.full_clean()
        meeting.save()
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, actor, reason: str) -> Meeting:
    """Close the meeting: check-in ends; its record is kept."""
    require_role(actor, Role.BOARD, action=_("close a meeting"))
    with acting(actor, reason):
        meeting = _locked(meeting)
        meeting.transition_to(Meeting.Status.CLOSED)
        meeting.closed_at = timezone.now()
        meeting.full_clean()
        meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    """Call off a meeting that has not opened."""
    require_role(actor, Role.BOARD, action=_("cancel a meeting"))
    with acting(actor, reason):
        meeting = _locked(meeting)
        meeting.transition_to(Meeting.Status.CANCELLED)
        meeting.full_clean()
        meeting.save()
    return meeting


def _represented_proxies(meeting: Meeting, holder, at: datetime) -> list[Proxy]:
    """The active proxies `holder` carries that cover this meeting: named for a motion on its
    agenda, or for a period containing `at`."""
    agenda_motions = AgendaItem.objects.filter(meeting=meeting, motion__isnull=False).values("motion")
    return list(
        Proxy.objects.active()
        .filter(holder=holder)
        .filter(Q(motion__in=agenda_motions) | Q(motion__isnull=True, starts_at__lte=at, ends_at__gt=at))
    )


@transaction.atomic
def attendance_check_in(
    *, meeting: Meeting, attendee, how: str, actor, reason: str = "Check-in", token: str = ""
) -> Attendance:
    """Check `attendee` in to the open meeting, remotely or in the room (with the code the chair
    shows, `token`). Only someone on the meeting's roll checks in, and only themselves; the owners
    whose proxy they carry for this meeting are counted present by proxy."""
    require_self(actor, attendee, action=_("check in to a meeting"))
    if how not in {Attendance.How.IN_ROOM, Attendance.How.REMOTE}:
        raise ValidationError({"how": _("Check in in the room or remotely; a proxy holder's check-in counts proxies.")})
    with acting(actor, reason):
        meeting = _locked(meeting)
        if how == Attendance.How.IN_ROOM and selectors.checkin_token_meeting_id(token) != meeting.pk:
            raise ValidationError({"token": _("This code is for another meeting.")})
        if meeting.status != Meeting.Status.OPEN:
            raise ValidationError({"meeting": _("Check-in runs while the meeting is in session.")})
        now = timezone.now()
        proxies = _represented_proxies(meeting, attendee, now)
        weights = selectors.meeting_roll_weights(meeting, [attendee.pk, *(p.grantor_id for p in proxies)])
        if attendee.pk not in weights:
            raise ValidationError(
                {"attendee": _("You are not on this meeting's roll: only those who vote in it check in.")}
            )
        now = timezone.now()
        attendance = Attendance.objects.filter(meeting=meeting, attendee=attendee).first()
        if attendance is not None and attendance.how != Attendance.How.BY_PROXY:
            raise ValidationError({"attendee": _("You are already checked in to this meeting.")})
        if attendance is None:
            attendance = Attendance(meeting=meeting, attendee=attendee)
        # Someone counted by proxy who arrives attends in person from now on.
        attendance.how, attendance.proxy, attendance.checked_in_at = how, None, now
        attendance.full_clean()
        attendance.save()
        present = set(Attendance.objects.filter(meeting=meeting).values_list("attendee_id", flat=True))
        for proxy in proxies:
            if proxy.grantor_id in present or proxy.grantor_id not in weights:
                continue
            represented = Attendance(
                meeting=meeting, attendee=proxy.grantor, how=Attendance.How.BY_PROXY, proxy=proxy, checked_in_at=now
            )
            represented.full_clean()
            represented.save()
    return attendance


@transaction.atomic
def agenda_item_open_vote(*, item: AgendaItem, actor, reason: str, closes_at: datetime | None = None) -> Motion:
    """Open the vote on the agenda item's motion, in session and with the quorum present: the roll
    is frozen as for any vote (`motion_open`). Without `closes_at` the vote closes with the meeting."""
    require_role(actor, Role.BOARD, action=_("open a vote from a meeting's agenda"))
    item = AgendaItem.objects.select_related("meeting__body", "motion").get(pk=item.pk)
    meeting = _locked(item.meeting)
    if item.motion_id is None:
        raise ValidationError({"item": _("Only a motion on the agenda is put to a vote.")})
    if meeting.status != Meeting.Status.OPEN:
        raise ValidationError({"meeting": _("A vote opens from the agenda while the meeting is in session.")})
    quorum = selectors.meeting_quorum(meeting)
    if not quorum.met:
        raise ValidationError(
            {
                "quorum": _(
                    "No quorum: %(present)s of the weight is present and %(required)s is needed "
                    "(%(percent)s%% of %(roll)s). The vote cannot open."
                )
                % {
                    "present": quorum.present_weight,
                    "required": quorum.required_weight,
                    "percent": quorum.quorum_percent,
                    "roll": quorum.roll_weight,
                }
            }
        )
    closes_at = closes_at or (meeting.ends_at if meeting.ends_at > timezone.now() else None)
    return motion_open(motion=item.motion, actor=actor, reason=reason, closes_at=closes_at)


__all__ = [
    "agenda_item_add",
    "agenda_item_open_vote",
    "attendance_check_in",
    "meeting_call",
    "meeting_cancel",
    "meeting_close",
    "meeting_document_attach",
    "meeting_open",
]
