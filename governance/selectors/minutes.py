"""Minutes reads: who keeps them (the Board's Secretary), a meeting's minutes, the meetings that may
adopt them, and the draft written from the meeting's record."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from coop.languages import cooperative_language, local_datetime

from ..models import AgendaItem, Attendance, Body, Meeting, MeetingMinutes, Motion, Office, OfficeTerm
from .meetings import meeting_agenda, meeting_attendance, meeting_for, meeting_quorum

CENT = Decimal("0.01")

__all__ = [
    "is_secretary",
    "meeting_minutes",
    "minutes_adoption_meetings",
    "minutes_draft_text",
    "minutes_for_secretary",
]


def is_secretary(user) -> bool:
    """Whether `user` holds the office of Secretary of the Board, who keeps the minutes."""
    if getattr(user, "pk", None) is None:
        return False
    return (
        OfficeTerm.objects.active()
        .filter(holder_id=user.pk, office__kind=Office.Kind.SECRETARY, office__body__kind=Body.Kind.BOARD)
        .exists()
    )


def meeting_minutes(meeting: Meeting) -> MeetingMinutes | None:
    """Return the minutes of `meeting` with the motion that proposes or adopted them, or None."""
    return MeetingMinutes.objects.filter(meeting=meeting).select_related("motion", "drafted_by").first()


def minutes_for_secretary(user, meeting_id: int) -> Meeting:
    """Return meeting `meeting_id` for the Secretary's minutes pages; anyone else is refused (403)."""
    if not is_secretary(user):
        raise PermissionDenied(_("The Secretary keeps the minutes; this page is the Secretary's."))
    return meeting_for(user, meeting_id)


def minutes_adoption_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    """The meetings of the same body, after `meeting`, still to be held or in session: where its
    minutes may be put to the vote, soonest first."""
    return Meeting.objects.filter(
        body_id=meeting.body_id,
        starts_at__gt=meeting.starts_at,
        status__in=[Meeting.Status.CALLED, Meeting.Status.OPEN],
    ).order_by("starts_at", "pk")


def _name(user) -> str:
    return user.get_full_name() or user.email


def _attendance_line(attendance: Attendance) -> str:
    if attendance.how == Attendance.How.BY_PROXY and attendance.proxy is not None:
        return _("%(name)s, by proxy (represented by %(holder)s)") % {
            "name": _name(attendance.attendee),
            "holder": _name(attendance.proxy.holder),
        }
    return f"{_name(attendance.attendee)}, {attendance.get_how_display().lower()}"


def _result_line(motion: Motion) -> str:
    """The result of `motion` in one line: not voted, counted, or certified with the figures."""
    result = getattr(motion, "result", None)
    if result is None:
        return _("Not voted at this meeting (%(status)s).") % {"status": motion.get_status_display().lower()}
    labels = {str(choice.pk): choice.label for choice in motion.choices.all()}
    totals = "; ".join(
        f"{labels.get(pk, pk)} {Decimal(str(weight)).quantize(CENT)}" for pk, weight in result.totals.items()
    )
    verdict = _("Adopted") if result.adopted else _("Not adopted")
    quorum = _("quorum met") if result.quorum_met else _("quorum not met")
    line = _("%(verdict)s (%(quorum)s; %(participants)s of %(eligible)s voters took part). Votes: %(totals)s.") % {
        "verdict": verdict,
        "quorum": quorum,
        "participants": result.participants,
        "eligible": result.eligible_voters,
        "totals": totals,
    }
    if result.certified_at is None:
        return line + " " + _("Counted; not yet certified.")
    return (
        line
        + " "
        + _("Certified on %(when)s by %(who)s.")
        % {"when": local_datetime(result.certified_at), "who": _name(result.certified_by)}
    )


def _agenda_lines(item: AgendaItem) -> list[str]:
    lines = [f"{item.order}. **{item.title}** ({item.get_kind_display()})"]
    if item.notes:
        lines += ["", *(f"    {line}" for line in item.notes.splitlines())]
    speakers = list(item.speakers.all())
    if speakers:
        named = "; ".join(f"{_name(s.speaker)} ({s.note})" if s.note else _name(s.speaker) for s in speakers)
        lines += ["", "    " + _("Speakers: %(names)s") % {"names": named}]
    if item.motion is not None:
        lines += ["", "    " + _("Result: %(result)s") % {"result": _result_line(item.motion)}]
    return lines


def minutes_draft_text(meeting: Meeting) -> str:
    """Write the draft minutes of `meeting` from its record, in the cooperative's language, as
    Markdown: when and where, attendance with how each attended and the totals against the quorum,
    and the agenda with each report and item, who spoke on it, and each motion's result."""
    meeting = Meeting.objects.select_related("body", "called_by").get(pk=meeting.pk)
    agenda = list(
        meeting_agenda(meeting).select_related("motion__result__certified_by").prefetch_related("motion__choices")
    )
    attendance = list(meeting_attendance(meeting))
    quorum = meeting_quorum(meeting)
    counts = {how: sum(1 for a in attendance if a.how == how) for how in Attendance.How.values}
    with translation.override(cooperative_language()):
        lines = [
            "# " + _("Minutes of %(title)s") % {"title": meeting.title},
            "",
            _("%(body)s, %(kind)s.") % {"body": meeting.body.name, "kind": meeting.get_kind_display()},
            "",
            "- "
            + _("Called by %(who)s on %(when)s")
            % {"who": _name(meeting.called_by), "when": local_datetime(meeting.called_at)},
            "- "
            + _("Opened at %(opened)s; closed at %(closed)s")
            % {"opened": local_datetime(meeting.opened_at) or "—", "closed": local_datetime(meeting.closed_at) or "—"},
        ]
        if meeting.place:
            lines.append("- " + _("Place: %(place)s") % {"place": meeting.place})
        if meeting.video_link:
            lines.append("- " + _("Video link: %(link)s") % {"link": meeting.video_link})
        if meeting.reason:
            lines.append("- " + _("Purpose: %(purpose)s") % {"purpose": meeting.reason})
        lines += [
            "",
            "## " + _("Attendance"),
            "",
            _("%(total)s present: %(in_room)s in the room, %(remote)s remotely, %(proxy)s by proxy.")
            % {
                "total": len(attendance),
                "in_room": counts[Attendance.How.IN_ROOM],
                "remote": counts[Attendance.How.REMOTE],
                "proxy": counts[Attendance.How.BY_PROXY],
            },
            "",
            _(
                "Quorum: %(present)s of the weight present of %(roll)s on the roll; %(required)s needed "
                "(%(percent)s%%): %(verdict)s."
            )
            % {
                "present": quorum.present_weight,
                "roll": quorum.roll_weight,
                "required": quorum.required_weight,
                "percent": quorum.quorum_percent,
                "verdict": _("met") if quorum.met else _("not met"),
            },
            "",
        ]
        lines += [f"- {_attendance_line(a)}" for a in attendance] or ["- " + _("Nobody checked in.")]
        lines += ["", "## " + _("Agenda"), ""]
        for item in agenda:
            lines += [*_agenda_lines(item), ""]
        if not agenda:
            lines += [_("The meeting had no agenda items."), ""]
    return "\n".join(lines).rstrip() + "\n"
