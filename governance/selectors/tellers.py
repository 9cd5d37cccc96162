"""Reads for hybrid voting in a meeting: the tellers, the paper ballots issued and entered, the
reconciliation of the two tellers' entries, and whether a motion's paper ballots are still to be
added to its count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from coop.roles import Role, has_role

from ..models import (
    AgendaItem,
    Attendance,
    Meeting,
    Motion,
    PaperBallotEntry,
    PaperBallotIssue,
    PaperBallotsAdded,
    PaperEntryFinished,
    PaperResolution,
    Teller,
)

__all__ = [
    "PaperDifference",
    "PaperReconciliation",
    "active_tellers",
    "attendees_for_paper",
    "is_teller",
    "marks_label",
    "meeting_paper_motions",
    "motion_for_chair",
    "motion_for_teller",
    "motion_meeting",
    "paper_ballots_pending",
    "paper_reconciliation",
    "teller_entries",
    "teller_finished",
]


def paper_ballots_pending(motion: Motion) -> bool:
    """Return whether paper ballots were issued in `motion` and are not yet added to its count."""
    return (
        PaperBallotIssue.objects.filter(motion=motion).exists()
        and not PaperBallotsAdded.objects.filter(motion=motion).exists()
    )


def motion_meeting(motion: Motion) -> Meeting | None:
    """Return the meeting whose agenda puts `motion` to the vote: the one in session, else the latest."""
    items = AgendaItem.objects.filter(motion=motion).select_related("meeting__body")
    item = items.filter(meeting__status=Meeting.Status.OPEN).first() or items.order_by("-meeting__starts_at").first()
    return item.meeting if item is not None else None


def active_tellers(meeting: Meeting) -> QuerySet[Teller]:
    """The tellers now appointed for `meeting` (two, once the chair appointed them)."""
    return Teller.objects.filter(meeting=meeting, ended_at__isnull=True).select_related("teller").order_by("pk")


def is_teller(meeting: Meeting | None, user) -> bool:
    """Whether `user` is one of `meeting`'s tellers now."""
    return meeting is not None and active_tellers(meeting).filter(teller_id=getattr(user, "pk", None)).exists()


def meeting_paper_motions(meeting: Meeting) -> QuerySet[Motion]:
    """The motions of `meeting`'s agenda that have been put to the vote, in agenda order."""
    return (
        Motion.objects.filter(agenda_items__meeting=meeting)
        .exclude(status__in=[Motion.Status.DRAFT, Motion.Status.SCHEDULED, Motion.Status.WITHDRAWN])
        .order_by("agenda_items__order")
        .distinct()
    )


def motion_for_teller(user, motion_id: int) -> tuple[Motion, Meeting]:
    """Return motion `motion_id` and its meeting for one of that meeting's tellers; anyone else 403."""
    motion = get_object_or_404(Motion, pk=motion_id)
    meeting = motion_meeting(motion)
    if not is_teller(meeting, user):
        raise PermissionDenied(_("Only the meeting's tellers enter its paper ballots."))
    return motion, meeting


def motion_for_chair(user, motion_id: int) -> tuple[Motion, Meeting]:
    """Return motion `motion_id` and the meeting it is voted in, for the chair (the Board); 403 for
    anyone else, 404 for a motion on no agenda."""
    if not has_role(user, Role.BOARD):
        raise PermissionDenied(_("The Board chairs meetings; this page is the chair's."))
    motion = get_object_or_404(Motion, pk=motion_id)
    meeting = motion_meeting(motion)
    if meeting is None:
        raise PermissionDenied(_("This motion is on no meeting's agenda."))
    return motion, meeting


def teller_entries(motion: Motion, teller) -> QuerySet[PaperBallotEntry]:
    """The paper ballots `teller` entered for `motion`: their own, never the other teller's."""
    return PaperBallotEntry.objects.filter(motion=motion, teller=teller).order_by("entered_at", "pk")


def teller_finished(motion: Motion, teller) -> bool:
    """Whether `teller` has said they finished entering `motion`'s paper ballots."""
    return PaperEntryFinished.objects.filter(motion=motion, teller=teller).exists()


def marks_label(motion: Motion, marks: str, labels: dict[int, str] | None = None) -> str:
    """Return the choices `marks` names, by label, in order; "spoilt" for an empty paper."""
    if not marks:
        return _("spoilt (no valid mark)")
    labels = labels if labels is not None else dict(motion.choices.values_list("pk", "label"))
    separator = ">" if ">" in marks else ","
    joiner = " > " if separator == ">" else ", "
    return joiner.join(labels.get(int(m), m) for m in marks.split(separator))


@dataclass(frozen=True)
class PaperDifference:
    """One serial the tellers' entries disagree on: each side's (weight, marks), None when missing."""

    serial: str
    first: tuple[Decimal, str] | None
    second: tuple[Decimal, str] | None
    resolution: PaperResolution | None


@dataclass
class PaperReconciliation:
    """The two tellers' entries of one motion compared, paper by paper."""

    motion: Motion
    tellers: list = field(default_factory=list)  # the two active tellers' accounts
    entered: dict[int, int] = field(default_factory=dict)  # teller id: papers entered
    finished: set[int] = field(default_factory=set)
    issued: int = 0
    issued_by_weight: dict[Decimal, int] = field(default_factory=dict)
    differences: list[PaperDifference] = field(default_factory=list)
    agreed: dict[str, tuple[Decimal, str]] = field(default_factory=dict)  # serial: (weight, marks)
    added: PaperBallotsAdded | None = None

    @property
    def both_finished(self) -> bool:
        return len(self.tellers) == 2 and all(t.pk in self.finished for t in self.tellers)

    @property
    def unresolved(self) -> list[PaperDifference]:
        return [d for d in self.differences if d.resolution is None]

    @property
    def agreed_by_weight(self) -> dict[Decimal, int]:
        return dict(Counter(weight for weight, _marks in self.agreed.values()))

    @property
    def counts_match(self) -> bool:
        return len(self.agreed) == self.issued and self.agreed_by_weight == self.issued_by_weight

    @property
    def ready(self) -> bool:
        """Whether the paper ballots may be added to the count now."""
        return self.added is None and self.both_finished and not self.unresolved and self.counts_match


def paper_reconciliation(motion: Motion, meeting: Meeting) -> PaperReconciliation:
    """Compare the entries of `meeting`'s two tellers for `motion`, in a fixed number of queries."""
    tellers = [row.teller for row in active_tellers(meeting)]
    ids = [t.pk for t in tellers]
    report = PaperReconciliation(motion=motion, tellers=tellers)
    report.added = PaperBallotsAdded.objects.filter(motion=motion).first()
    issues = PaperBallotIssue.objects.filter(motion=motion).values_list("weight", flat=True)
    report.issued_by_weight = dict(Counter(Decimal(w) for w in issues))
    report.issued = sum(report.issued_by_weight.values())
    report.finished = set(
        PaperEntryFinished.objects.filter(motion=motion, teller_id__in=ids).values_list("teller_id", flat=True)
    )
    sides: dict[int, dict[str, tuple[Decimal, str]]] = {pk: {} for pk in ids}
    for teller_id, serial, weight, marks in PaperBallotEntry.objects.filter(
        motion=motion, teller_id__in=ids
    ).values_list("teller_id", "serial", "weight", "marks"):
        sides[teller_id][serial] = (Decimal(weight), marks)
    report.entered = {pk: len(rows) for pk, rows in sides.items()}
    if len(ids) != 2:
        return report
    first, second = sides[ids[0]], sides[ids[1]]
    resolutions = {r.serial: r for r in PaperResolution.objects.filter(motion=motion).select_related("resolved_by")}
    for serial in sorted(set(first) | set(second)):
        a, b = first.get(serial), second.get(serial)
        resolution = resolutions.get(serial)
        if a != b:
            report.differences.append(PaperDifference(serial=serial, first=a, second=b, resolution=resolution))
            if resolution is not None and not resolution.discarded:
                report.agreed[serial] = (Decimal(resolution.weight), resolution.marks)
        else:
            report.agreed[serial] = a
    return report


def attendees_for_paper(meeting: Meeting) -> QuerySet[Attendance]:
    """Those checked in to `meeting`, in person or represented, for the ballot box's list."""
    return Attendance.objects.filter(meeting=meeting).select_related("attendee", "proxy__holder").order_by("pk")
