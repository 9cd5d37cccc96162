"""Minutes: the Secretary drafts a closed meeting's minutes from its record and edits the draft; a
motion of the same body at a later meeting adopts them, and from then on they never change."""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.languages import cooperative_language
from coop.notices import absolute_url
from coop.roles import Role
from coop.services_common import require_role

from .. import selectors
from ..models import AgendaItem, AgendaSpeaker, Meeting, MeetingMinutes, Motion
from .meetings import agenda_item_add
from .motions import motion_propose

# The adoption motion's vote is under way or counted: the text the body votes on no longer changes
# (a certified motion either adopted the minutes, frozen since, or did not, and the draft is open again).
VOTING = {Motion.Status.OPEN, Motion.Status.CLOSED}
# A motion in one of these states still stands: the minutes are not proposed a second time.
PENDING = {Motion.Status.DRAFT, Motion.Status.SCHEDULED, Motion.Status.OPEN, Motion.Status.CLOSED}


def _require_secretary(actor, action: str) -> None:
    if not selectors.is_secretary(actor):
        raise PermissionDenied(_("Only the Secretary may %(action)s.") % {"action": action})


def _locked(minutes: MeetingMinutes) -> MeetingMinutes:
    return (
        MeetingMinutes.objects.select_for_update(of=("self",))
        .select_related("meeting__body", "motion")
        .get(pk=minutes.pk)
    )


def _require_draft(minutes: MeetingMinutes) -> None:
    if minutes.status == MeetingMinutes.Status.ADOPTED:
        raise ValidationError({"minutes": _("These minutes are adopted: they no longer change.")})


@transaction.atomic
def minutes_draft(*, meeting: Meeting, actor, reason: str) -> MeetingMinutes:
    """Draft the minutes of the closed `meeting` from its record, in the cooperative's language:
    attendance and quorum, the agenda, each report and item, each motion's result. The Secretary
    drafts them (`actor=None`: the platform); the draft is then the Secretary's to edit."""
    if actor is not None:
        _require_secretary(actor, _("draft the minutes"))
    with acting(actor, reason):
        meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
        if meeting.status != Meeting.Status.CLOSED:
            raise ValidationError({"meeting": _("Minutes are drafted once the meeting is closed.")})
        if MeetingMinutes.objects.filter(meeting=meeting).exists():
            raise ValidationError({"meeting": _("This meeting already has its minutes.")})
        minutes = MeetingMinutes(
            meeting=meeting, text=selectors.minutes_draft_text(meeting), drafted_by=actor, drafted_at=timezone.now()
        )
        minutes.full_clean()
        minutes.save()
    return minutes


@transaction.atomic
def minutes_edit(*, minutes: MeetingMinutes, text: str, actor, reason: str) -> MeetingMinutes:
    """The Secretary edits the draft minutes; each edit is kept in the history with its reason.
    Adopted minutes, and minutes whose adoption vote has opened, no longer change."""
    _require_secretary(actor, _("edit the minutes"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("The minutes cannot be empty.")})
    with acting(actor, reason):
        minutes = _locked(minutes)
        _require_draft(minutes)
        if minutes.motion is not None and minutes.motion.status in VOTING:
            raise ValidationError(
                {"text": _("The vote on adopting these minutes has opened: the text it adopts no longer changes.")}
            )
        minutes.text = text + "\n"
        minutes.full_clean()
        minutes.save()
    return minutes


def _check_later_meeting(minutes: MeetingMinutes, meeting: Meeting) -> None:
    if meeting.pk == minutes.meeting_id:
        raise ValidationError({"meeting": _("Minutes are adopted at a later meeting, not at the meeting they record.")})
    if meeting.body_id != minutes.meeting.body_id:
        raise ValidationError(
            {
                "meeting": _("The minutes of a meeting of %(body)s are adopted by %(body)s, at one of its meetings.")
                % {"body": minutes.meeting.body}
            }
        )
    if meeting.starts_at <= minutes.meeting.starts_at:
        raise ValidationError({"meeting": _("Minutes are adopted at a meeting held after the one they record.")})


@transaction.atomic
def minutes_propose_adoption(*, minutes: MeetingMinutes, meeting: Meeting, actor, reason: str) -> AgendaItem:
    """The Secretary puts the minutes to the vote at `meeting`, a later meeting of the same body:
    a motion to adopt them, on that meeting's agenda."""
    _require_secretary(actor, _("propose the adoption of the minutes"))
    with acting(actor, reason):
        minutes = _locked(minutes)
        _require_draft(minutes)
        meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
        _check_later_meeting(minutes, meeting)
        if minutes.motion is not None and minutes.motion.status in PENDING:
            already = _("These minutes are already proposed for adoption: %(motion)s.") % {"motion": minutes.motion}
            raise ValidationError({"minutes": already})
        with translation.override(cooperative_language()):
            title = _("Adopt the minutes of %(meeting)s") % {"meeting": minutes.meeting.title}
            text = _(
                "That the minutes of %(meeting)s (%(when)s), as the Secretary drafted them, be adopted. "
                "Read them at %(link)s"
            ) % {
                "meeting": minutes.meeting.title,
                "when": timezone.localtime(minutes.meeting.starts_at).date().isoformat(),
                "link": absolute_url(reverse("governance:meeting_minutes", args=[minutes.meeting_id])),
            }
        motion = motion_propose(
            body=meeting.body,
            kind=Motion.Kind.MINUTES_ADOPTION,
            title=title[:200],
            text=text,
            proposer=actor,
            actor=actor,
            reason=reason,
        )
        item = agenda_item_add(
            meeting=meeting, kind=AgendaItem.Kind.MOTION, title=title[:200], motion=motion, actor=actor, reason=reason
        )
        minutes.motion = motion
        minutes.full_clean()
        minutes.save()
    return item


@transaction.atomic
def minutes_adopt(*, minutes: MeetingMinutes, motion: Motion, actor, reason: str) -> MeetingMinutes:
    """Adopt the minutes by `motion`, once certified as carried: a motion of the same body, on the
    agenda of a later meeting, the one proposed for them. Their text is frozen with its hash. The
    one who certified the motion adopts them, as its certification applies it."""
    with acting(actor, reason):
        minutes = _locked(minutes)
        motion = Motion.objects.select_related("result").get(pk=motion.pk)
        _require_draft(minutes)
        if motion.body_id != minutes.meeting.body_id:
            other = _("The minutes of %(body)s are adopted by a motion of %(body)s.") % {"body": minutes.meeting.body}
            raise ValidationError({"motion": other})
        meetings = Meeting.objects.filter(agenda__motion=motion)
        if not meetings.exists():
            raise ValidationError({"motion": _("Minutes are adopted by a motion on the agenda of a later meeting.")})
        for meeting in meetings:
            _check_later_meeting(minutes, meeting)
        if motion.kind != Motion.Kind.MINUTES_ADOPTION or motion.pk != minutes.motion_id:
            raise ValidationError({"motion": _("This is not the motion proposed to adopt these minutes.")})
        result = getattr(motion, "result", None)
        if motion.status != Motion.Status.CERTIFIED or result is None or not result.adopted:
            raise ValidationError({"motion": _("Minutes are adopted once the motion is certified as carried.")})
        if actor is None or result.certified_by_id != actor.pk:
            raise PermissionDenied(_("Minutes are adopted by certifying the motion that adopts them."))
        minutes.status = MeetingMinutes.Status.ADOPTED
        minutes.adopted_at = timezone.now()
        minutes.adopted_hash = hashlib.sha256(minutes.text.encode()).hexdigest()
        minutes.full_clean()
        minutes.save()
    return minutes


@transaction.atomic
def agenda_speaker_add(*, item: AgendaItem, speaker, actor, reason: str, note: str = "") -> AgendaSpeaker:
    """The chair records that `speaker` spoke on the agenda item, next on its speakers' list, while
    the meeting is in session; the list goes into the minutes drafted from the record."""
    require_role(actor, Role.BOARD, action=_("keep the speakers' list"))
    if speaker is None:
        raise ValidationError({"speaker": _("Name who spoke.")})
    with acting(actor, reason):
        item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
        meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=item.meeting_id)
        if meeting.status != Meeting.Status.OPEN:
            raise ValidationError({"item": _("The speakers' list is kept while the meeting is in session.")})
        last = item.speakers.order_by("-order").values_list("order", flat=True).first() or 0
        entry = AgendaSpeaker(item=item, order=last + 1, speaker=speaker, note=(note or "").strip())
        entry.full_clean()
        entry.save()
    return entry


def minutes_adopt_by_motion(*, motion: Motion, actor, reason: str) -> MeetingMinutes | None:
    """Adopt the minutes `motion` was proposed for, if any: called when it is certified as carried."""
    minutes = MeetingMinutes.objects.filter(motion=motion).first()
    if minutes is None:
        return None
    return minutes_adopt(minutes=minutes, motion=motion, actor=actor, reason=reason)


__all__ = [
    "agenda_speaker_add",
    "minutes_adopt",
    "minutes_adopt_by_motion",
    "minutes_draft",
    "minutes_edit",
    "minutes_propose_adoption",
]
