"""Hybrid voting in a meeting: the chair appoints two tellers, paper ballots are issued at the
ballot box, each teller enters every paper on their own, the chair resolves the differences and
adds the paper ballots to the count; or the chair records a show of hands as the result.

Paper ballots and secrecy. Issuing a paper writes the voter's `Participation` (the same rules as a
ballot cast on a phone: on the frozen roll, not yet voted, the vote open, a proxy holder for a
grantor they represent) and a `PaperBallotIssue` with the weight printed on the paper handed out,
never its serial number. Tellers enter papers by serial, weight and marks, with no voter. Papers go
into the box and come out in no recorded order, so nothing links an entry to an issue.

Weights. A paper ballot carries the weight printed on it when it is issued: the voter's weight on
the frozen roll, the same weight their electronic ballot would have added. Under one-person-one-
vote every paper carries the same weight, so the weight says nothing about who held it. Under a
weighted mode the weight narrows the paper to those of that weight, exactly as a secret electronic
ballot's running total by marks does (see `BallotTotal`); the tellers enter the printed weight, and
the count is accepted only when the papers entered at each weight match the papers issued at that
weight, so a paper cannot be counted at a weight nobody was handed. For a recorded (not secret)
vote a paper ballot stays anonymous too: the voter's participation shows they voted on paper.

Closing. Once any paper ballot is issued, the vote cannot close until its paper ballots are added
(`motion_close` refuses; the scheduled close waits for the chair). Adding happens once, in one
transaction, through the same running totals as electronic ballots, so the tally, the results page
and certification are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.debug import sensitive_variables

from coop.audit import acting
from coop.roles import Role, has_role
from coop.services_common import exact_decimal, require_role

from .. import selectors
from ..models import (
    AgendaItem,
    Attendance,
    Ballot,
    EncryptedElection,
    Meeting,
    Motion,
    PaperBallotEntry,
    PaperBallotIssue,
    PaperBallotsAdded,
    PaperEntryFinished,
    PaperResolution,
    Participation,
    Proxy,
    RollEntry,
    ShowOfHands,
    Teller,
)
from ..models.tellers import SERIAL_LENGTH
from .ballots import _add_to_total, _check_open, encode_marks
from .ranked_board import ranked_board_append
from .results import close_with, tally_groups

# A fixed reason for entries: a typed reason could carry a paper's marks into the history.
ENTRY_REASON = gettext_lazy("Paper ballot entered")
PAPER_RECEIPT_PREFIX = "PAPER-"

__all__ = [
    "meeting_tellers_appoint",
    "paper_ballot_enter",
    "paper_ballot_issue",
    "paper_ballots_add",
    "paper_difference_resolve",
    "paper_entry_finish",
    "show_of_hands_allowed",
    "show_of_hands_record",
]


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    return reason


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)


@transaction.atomic
def meeting_tellers_appoint(*, meeting: Meeting, tellers: Iterable, actor, reason: str) -> list[Teller]:
    """Appoint exactly two tellers, two different people checked in to the meeting, replacing any
    pair appointed before (their rows are kept, ended). Refused while a motion's paper ballots are
    being entered and not yet added: the same two enter every paper of a count."""
    require_role(actor, Role.BOARD, action=_("appoint a meeting's tellers"))
    reason = _require_reason(reason)
    people = [p for p in tellers if p is not None]
    if len(people) != 2:
        raise ValidationError({"tellers": _("Appoint exactly two tellers.")})
    if people[0].pk == people[1].pk:
        raise ValidationError({"tellers": _("The two tellers are two different people.")})
    with acting(actor, reason):
        meeting = _locked_meeting(meeting)
        if meeting.status not in {Meeting.Status.CALLED, Meeting.Status.OPEN}:
            raise ValidationError({"meeting": _("This meeting is over or cancelled.")})
        present = set(
            Attendance.objects.filter(meeting=meeting, attendee__in=people)
            .exclude(how=Attendance.How.BY_PROXY)
            .values_list("attendee_id", flat=True)
        )
        if any(p.pk not in present for p in people):
            raise ValidationError({"tellers": _("A teller is someone checked in to the meeting, in person.")})
        motions = AgendaItem.objects.filter(meeting=meeting, motion__isnull=False).values("motion")
        in_progress = PaperBallotEntry.objects.filter(motion__in=motions).exclude(motion__paper_added__isnull=False)
        current = list(selectors.active_tellers(meeting))
        if {t.teller_id for t in current} == {p.pk for p in people}:
            raise ValidationError({"tellers": _("These two are already the meeting's tellers.")})
        if in_progress.exists():
            raise ValidationError(
                {"tellers": _("Paper ballots are being entered; the tellers change once they are added to the count.")}
            )
        now = timezone.now()
        for row in current:
            row.ended_at = now
            row.save(update_fields=["ended_at"])
        appointed = []
        for person in people:
            row = Teller(meeting=meeting, teller=person, appointed_by=actor, appointed_at=now)
            row.full_clean()
            row.save()
            appointed.append(row)
    return appointed


def _require_issuer(actor, meeting: Meeting) -> None:
    """The chair (the Board) or one of the meeting's tellers stands at the ballot box."""
    if not (selectors.is_teller(meeting, actor) or has_role(actor, Role.BOARD)):
        raise PermissionDenied(_("Only the chair or a teller of the meeting issues paper ballots."))


def _meeting_in_session(motion: Motion) -> Meeting:
    meeting = selectors.motion_meeting(motion)
    if meeting is None or meeting.status != Meeting.Status.OPEN:
        raise ValidationError(
            {"motion": _("Paper ballots are issued in a meeting in session that votes on this motion.")}
        )
    return meeting


@transaction.atomic
def paper_ballot_issue(*, motion: Motion, voter, actor, reason: str = "Paper ballot issued", holder=None):
    """Hand `voter` (or `holder`, the proxy holder who represents them) a paper ballot for `motion`.

    The same rules as casting on a phone: the voter is on the roll frozen when the vote opened and
    has not voted; the vote is open; a holder carries a proxy from the voter for this vote. The
    participation written here stops any later electronic ballot, and an electronic ballot already
    cast stops this. The paper's serial number is not recorded: the paper is anonymous.
    """
    motion = Motion.objects.get(pk=motion.pk)
    meeting = _meeting_in_session(motion)
    _require_issuer(actor, meeting)
    if voter is None:
        raise ValidationError({"voter": _("Choose the voter.")})
    now = timezone.now()
    _check_open(motion, now)
    if EncryptedElection.objects.filter(motion=motion).exists():
        raise ValidationError({"motion": _("This vote takes encrypted ballots only: it has no paper ballots.")})
    cast_by = holder or voter
    proxy = None
    if holder is not None and holder.pk != voter.pk:
        proxy = Proxy.objects.covering(motion, now).filter(grantor=voter, holder=holder).select_for_update().first()
        if proxy is None:
            raise ValidationError({"holder": _("This holder carries no proxy from this owner for this vote.")})
    if not Attendance.objects.filter(meeting=meeting, attendee=cast_by).exclude(how=Attendance.How.BY_PROXY).exists():
        raise ValidationError({"voter": _("A paper ballot is handed to someone checked in to the meeting.")})
    entry = RollEntry.objects.filter(motion=motion, voter=voter).first()
    if entry is None:
        raise ValidationError({"voter": _("This voter is not on the roll frozen when the vote opened.")})
    if Participation.objects.filter(motion=motion, voter=voter).exists():
        raise ValidationError({"voter": _("A ballot has already been cast for this voter in this vote.")})
    with acting(actor, reason or "Paper ballot issued"):
        participation = Participation(
            motion=motion, voter=voter, cast_by=cast_by, roll_entry=entry, proxy=proxy, cast_at=now
        )
        try:
            with transaction.atomic():
                participation.save()
        except IntegrityError:
            raise ValidationError({"voter": _("A ballot has already been cast for this voter in this vote.")}) from None
        issue = PaperBallotIssue(
            motion=motion, participation=participation, weight=entry.weight, issued_by=actor, issued_at=now
        )
        issue.full_clean(exclude=["motion", "participation", "issued_by"])
        issue.save()
        if proxy is not None and proxy.motion_id is not None:
            proxy.transition_to(Proxy.Status.USED)
            proxy.save(update_fields=["status"])
    # Serialise against the close, as a cast does, and look again: the vote may have closed meanwhile.
    locked = Motion.objects.select_for_update(no_key=True).get(pk=motion.pk)
    _check_open(locked, timezone.now())
    # The paper's entry on a ranked board: its code is shown to nobody, so the board still holds
    # one entry per participation.
    ranked_board_append(locked)
    return issue


def _clean_serial(serial: str) -> str:
    serial = (serial or "").strip().upper()
    if not serial:
        raise ValidationError({"serial": _("Enter the serial number printed on the paper.")})
    if len(serial) > SERIAL_LENGTH:
        raise ValidationError({"serial": _("A serial number has at most %(n)s characters.") % {"n": SERIAL_LENGTH}})
    return serial


@sensitive_variables("marks", "encoded")
def _paper_weight(motion: Motion, weight) -> Decimal:
    """The weight printed on a paper ballot: one of the weights on the vote's frozen roll, and the
    only one when everyone weighs the same and the teller left it blank."""
    weights = set(RollEntry.objects.filter(motion=motion).values_list("weight", flat=True).distinct())
    if weight in (None, "") and len(weights) == 1:
        return next(iter(weights))
    if weight in (None, ""):
        raise ValidationError({"weight": _("Enter the weight printed on the paper.")})
    weight = exact_decimal(weight, field="weight", positive=True, max_digits=14, decimal_places=2)
    if weight not in weights:
        raise ValidationError({"weight": _("No voter on this vote's roll has this weight.")})
    return weight


def _paper_marks(motion: Motion, marks: list, spoilt: bool) -> str:
    if spoilt:
        if marks:
            raise ValidationError({"marks": _("A spoilt paper has no marks to enter.")})
        return ""
    return encode_marks(motion, marks)


def _teller_motion(motion: Motion, actor) -> tuple[Motion, Meeting]:
    motion = Motion.objects.get(pk=motion.pk)
    meeting = selectors.motion_meeting(motion)
    if not selectors.is_teller(meeting, actor):
        raise PermissionDenied(_("Only the meeting's tellers enter its paper ballots."))
    return motion, meeting


@sensitive_variables("marks", "encoded")
@transaction.atomic
def paper_ballot_enter(
    *, motion: Motion, serial: str, marks: list, actor, weight=None, spoilt: bool = False
) -> PaperBallotEntry:
    """One teller enters one paper ballot: its serial, the weight printed on it (the weight every
    ballot carries when all weigh the same) and its marks, checked as an electronic ballot's are;
    `spoilt` for a paper with no valid mark. A teller enters a serial once, and nothing after
    finishing."""
    motion, _meeting = _teller_motion(motion, actor)
    if PaperBallotsAdded.objects.filter(motion=motion).exists() or motion.status != Motion.Status.OPEN:
        raise ValidationError({"motion": _("This motion's paper ballots are already counted.")})
    if selectors.teller_finished(motion, actor):
        raise ValidationError({"serial": _("You have finished entering this motion's paper ballots.")})
    serial = _clean_serial(serial)
    weight = _paper_weight(motion, weight)
    encoded = _paper_marks(motion, marks, spoilt)
    if PaperBallotEntry.objects.filter(motion=motion, teller=actor, serial=serial).exists():
        raise ValidationError({"serial": _("You have already entered the paper ballot with this serial number.")})
    with acting(actor, ENTRY_REASON):
        entry = PaperBallotEntry(motion=motion, teller=actor, serial=serial, weight=weight, marks=encoded)
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            raise ValidationError(
                {"serial": _("You have already entered the paper ballot with this serial number.")}
            ) from None
    return entry


@transaction.atomic
def paper_entry_finish(*, motion: Motion, actor, reason: str = "Paper ballots entered") -> PaperEntryFinished:
    """A teller says they have entered every paper; their entries are final, and once both tellers
    have finished the chair sees the two entries side by side."""
    motion, _meeting = _teller_motion(motion, actor)
    if not selectors.teller_entries(motion, actor).exists():
        raise ValidationError({"motion": _("Enter the paper ballots first.")})
    with acting(actor, reason or "Paper ballots entered"):
        row = PaperEntryFinished(motion=motion, teller=actor)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            raise ValidationError(
                {"motion": _("You have already finished entering this motion's paper ballots.")}
            ) from None
    return row


def _chair_motion(motion: Motion, actor, action: str) -> tuple[Motion, Meeting]:
    require_role(actor, Role.BOARD, action=action)
    motion = Motion.objects.select_for_update(of=("self",)).get(pk=motion.pk)
    meeting = selectors.motion_meeting(motion)
    if meeting is None:
        raise ValidationError({"motion": _("This motion is on no meeting's agenda.")})
    return motion, meeting


@sensitive_variables("marks", "encoded")
@transaction.atomic
def paper_difference_resolve(
    *,
    motion: Motion,
    serial: str,
    actor,
    reason: str,
    marks: list | None = None,
    weight=None,
    spoilt: bool = False,
    discard: bool = False,
) -> PaperResolution:
    """The chair resolves one difference between the tellers' entries, with a reason: the agreed
    weight and marks of the paper with `serial` (or spoilt), or `discard`, no such paper (a serial
    mistyped). Only once both tellers have finished, and before the paper ballots are added."""
    motion, meeting = _chair_motion(motion, actor, _("resolve the tellers' differences"))
    reason = _require_reason(reason)
    serial = _clean_serial(serial)
    report = selectors.paper_reconciliation(motion, meeting)
    if report.added is not None:
        raise ValidationError({"motion": _("This motion's paper ballots are already counted.")})
    if not report.both_finished:
        raise ValidationError({"motion": _("Both tellers finish entering before differences are resolved.")})
    difference = next((d for d in report.differences if d.serial == serial), None)
    if difference is None:
        raise ValidationError({"serial": _("The tellers agree on this paper; there is nothing to resolve.")})
    if difference.resolution is not None:
        raise ValidationError({"serial": _("This difference is already resolved.")})
    if discard:
        resolution = PaperResolution(motion=motion, serial=serial, discarded=True, reason=reason, resolved_by=actor)
    else:
        weight = _paper_weight(motion, weight)
        encoded = _paper_marks(motion, marks or [], spoilt)
        resolution = PaperResolution(
            motion=motion, serial=serial, weight=weight, marks=encoded, reason=reason, resolved_by=actor
        )
    with acting(actor, reason):
        resolution.full_clean(exclude=["motion", "resolved_by"], validate_constraints=False)
        resolution.save()
    return resolution


@transaction.atomic
def paper_ballots_add(*, motion: Motion, actor, reason: str) -> PaperBallotsAdded:
    """Add the agreed paper ballots to the motion's count, once, in this one transaction and
    through the running totals electronic ballots use. Refused until both tellers have finished,
    every difference is resolved, and the papers agreed match the papers issued, at each weight."""
    motion, meeting = _chair_motion(motion, actor, _("add paper ballots to the count"))
    reason = _require_reason(reason)
    if motion.status != Motion.Status.OPEN:
        raise ValidationError({"motion": _("Paper ballots are added while the vote is open, before it closes.")})
    report = selectors.paper_reconciliation(motion, meeting)
    if report.added is not None:
        raise ValidationError({"motion": _("This motion's paper ballots are already counted.")})
    if report.issued == 0:
        raise ValidationError({"motion": _("No paper ballot was issued in this vote.")})
    if not report.both_finished:
        raise ValidationError({"motion": _("Both tellers finish entering before the paper ballots are added.")})
    if report.unresolved:
        raise ValidationError(
            {
                "motion": ngettext(
                    "%(n)s difference between the tellers is unresolved.",
                    "%(n)s differences between the tellers are unresolved.",
                    len(report.unresolved),
                )
                % {"n": len(report.unresolved)}
            }
        )
    if not report.counts_match:
        raise ValidationError(
            {
                "motion": _(
                    "%(entered)s paper ballots are agreed but %(issued)s were issued (counted at each weight): "
                    "they must match before they are added."
                )
                % {"entered": len(report.agreed), "issued": report.issued}
            }
        )
    with acting(actor, reason):
        added = PaperBallotsAdded(motion=motion, ballots=len(report.agreed), added_by=actor)
        try:
            with transaction.atomic():
                added.save()
        except IntegrityError:
            raise ValidationError({"motion": _("This motion's paper ballots are already counted.")}) from None
        for serial, (weight, marks) in sorted(report.agreed.items()):
            if not marks:
                continue  # a spoilt paper took part and counts towards the quorum, for no choice
            Ballot(motion=motion, marks=marks, receipt=PAPER_RECEIPT_PREFIX + serial).save(force_insert=True)
            _add_to_total(motion, marks, weight)
    return added


def show_of_hands_allowed(motion: Motion) -> str | None:
    """Return why `motion` may not be decided by a show of hands, or None when it may.

    The rule (Bylaws 5.2 as read for meetings): a show of hands decides an ordinary motion
    (`Motion.SHOW_OF_HANDS_KINDS`) that is not secret, counted yes/no/abstain or per choice with a
    single mark, when every voter on the roll carries the same weight (one hand cannot show shares),
    and before anyone has voted on a phone or on paper (the room then votes one way only).
    """
    if motion.secret:
        return _("A secret vote is never decided by a show of hands.")
    if motion.kind not in Motion.SHOW_OF_HANDS_KINDS:
        return _("The bylaws decide this kind of motion by ballot, not by a show of hands.")
    if motion.method not in {Motion.Method.YES_NO, Motion.Method.PLURALITY}:
        return _("Only a single-mark vote is counted by a show of hands.")
    if RollEntry.objects.filter(motion=motion).values("weight").distinct().count() > 1:
        return _("Voters on this roll carry different weights; a hand cannot show them.")
    if Participation.objects.filter(motion=motion).exists():
        return _("Ballots have been cast in this vote; it is counted from them.")
    return None


@transaction.atomic
def show_of_hands_record(*, motion: Motion, counts: dict, actor, reason: str) -> ShowOfHands:
    """The chair records the hands counted for each choice as the vote's result, with a reason:
    the motion closes with a result counted as ballots are (`tally_groups`), to be certified as any."""
    motion, meeting = _chair_motion(motion, actor, _("record a show of hands"))
    reason = _require_reason(reason)
    if motion.status != Motion.Status.OPEN or meeting.status != Meeting.Status.OPEN:
        raise ValidationError({"motion": _("A show of hands decides an open vote, in a meeting in session.")})
    refusal = show_of_hands_allowed(motion)
    if refusal:
        raise ValidationError({"motion": refusal})
    choices = list(motion.choices.values_list("pk", flat=True))
    hands: dict[int, int] = {}
    for pk in choices:
        raw = counts.get(pk, counts.get(str(pk), 0))
        try:
            hands[pk] = int(raw if raw not in (None, "") else 0)
        except (TypeError, ValueError):
            raise ValidationError({"counts": _("Count hands in whole numbers.")}) from None
        if hands[pk] < 0:
            raise ValidationError({"counts": _("Count hands in whole numbers.")})
    unknown = {str(k) for k in counts} - {str(pk) for pk in choices}
    if unknown:
        raise ValidationError({"counts": _("A count is for a choice not on this ballot.")})
    total = sum(hands.values())
    roll = RollEntry.objects.filter(motion=motion)
    if total == 0:
        raise ValidationError({"counts": _("Record the hands counted.")})
    voters = roll.count()
    if total > voters:
        more = _("More hands (%(hands)s) than voters on the roll (%(roll)s).") % {"hands": total, "roll": voters}
        raise ValidationError({"counts": more})
    weight = roll.values_list("weight", flat=True).first() or Decimal(1)
    groups = [((pk,), Decimal(n) * weight) for pk, n in hands.items() if n]
    with acting(actor, reason):
        record = ShowOfHands(
            motion=motion, counts={str(k): v for k, v in hands.items()}, recorded_by=actor, reason=reason
        )
        record.save()
        close_with(motion, lambda m: tally_groups(m, groups, participants=total, cast_weight=Decimal(total) * weight))
    return record
