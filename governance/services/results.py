"""Closing, tallying and certifying a motion, and applying what it decided."""

from __future__ import annotations

import secrets
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coop import services as coop_services
from coop.audit import acting
from coop.languages import cooperative_language
from coop.models import PolicyNumber
from coop.queue import enqueue_on_commit
from coop.roles import Role, has_role

from .. import counting, outcomes
from ..models import (
    Ballot,
    BallotTotal,
    Body,
    Choice,
    Motion,
    Office,
    OfficeTerm,
    Participation,
    PolicyAdoption,
    Result,
    RollEntry,
)
from ..selectors.tellers import paper_ballots_pending
from .bodies import office_term_end, office_term_install
from .encrypted_phases import encrypted_close
from .minutes import minutes_adopt_by_motion
from .motions import _require_board

HUNDRED = Decimal(100)

# Callables run after a motion is certified and its outcome applied, inside the same transaction:
# `hook(motion=, result=, actor=, reason=)`. Apps that react to a decision (the founding app ends
# the conveners' powers at the first Board election) register here, as startup checks do.
_certification_hooks: list = []


def register_certification_hook(hook) -> None:
    """Run `hook` after every certification, in the certifying transaction."""
    if hook not in _certification_hooks:
        _certification_hooks.append(hook)


def _shuffle_secret_rows(motion: Motion) -> None:
    """Rewrite the ballots and totals in random order, with new random ids, inside the closing
    transaction.

    On PostgreSQL every row then carries the closing transaction's `xmin`, and `ctid` (SQLite's
    `rowid`) follows the shuffled order, so no system column links a ballot to the participation
    written with it. New ids leave nothing seen while the vote was open, an id in a log, a page
    or an index entry, naming a row of the closed vote; the receipt is all that carries over.
    """
    rng = secrets.SystemRandom()
    ballots = list(Ballot.objects.filter(motion=motion).values_list("marks", "receipt"))
    totals = list(BallotTotal.objects.filter(motion=motion).values_list("marks", "weight", "ballots"))
    Ballot.objects.filter(motion=motion).delete()
    BallotTotal.objects.filter(motion=motion).delete()
    rng.shuffle(ballots)
    rng.shuffle(totals)
    Ballot.objects.bulk_create(
        [Ballot(motion=motion, marks=marks, receipt=receipt) for marks, receipt in ballots], batch_size=5000
    )
    BallotTotal.objects.bulk_create(
        [BallotTotal(motion=motion, marks=marks, weight=weight, ballots=n) for marks, weight, n in totals]
    )


def _groups(motion: Motion) -> list[tuple[tuple[int, ...], Decimal]]:
    """Return (marks, weight) per distinct ballot, checked against a GROUP BY over the ballots."""
    separator = ">" if motion.is_ranked else ","
    totals = list(BallotTotal.objects.filter(motion=motion).values_list("marks", "weight", "ballots"))
    grouped = Ballot.objects.filter(motion=motion).order_by().values("marks").annotate(n=Count("id"))
    counted = dict(grouped.values_list("marks", "n"))
    if {marks: n for marks, _w, n in totals if n} != counted:
        raise ValidationError({"ballots": _("The ballots and the running totals disagree; the count stops.")})
    return [(tuple(int(m) for m in marks.split(separator)), weight) for marks, weight, n in totals if n]


def tally(motion: Motion) -> dict:
    """Count the motion in a fixed number of queries, whatever the number of ballots."""
    cast = Participation.objects.filter(motion=motion).aggregate(n=Count("id"), weight=Sum("roll_entry__weight"))
    return tally_groups(motion, _groups(motion), participants=cast["n"], cast_weight=cast["weight"] or Decimal(0))


def tally_groups(motion: Motion, groups, *, participants: int, cast_weight: Decimal) -> dict:
    """Count `groups`, (marks, weight) per distinct ballot, against the motion's frozen roll: the
    one counting path for ballots and for a show of hands."""
    roll = RollEntry.objects.filter(motion=motion).aggregate(n=Count("id"), weight=Sum("weight"))
    choices = list(motion.choices.values_list("pk", "meaning"))
    order = [pk for pk, _m in choices]
    eligible_weight = roll["weight"] or Decimal(0)
    quorum_weight = (eligible_weight * motion.quorum_percent / HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)
    quorum_met = participants > 0 and cast_weight >= quorum_weight
    yes_share = None
    tied: list[int] = []
    groups = list(groups)
    # Fixed by what the close fixed (the motion and its ballots), before anything is counted,
    # and published with the result: anyone can repeat a draw by lot.
    seed = counting.seed_for(motion.pk, groups)
    rule = motion.counting_rule if motion.method == Motion.Method.STV else ""
    if motion.method == Motion.Method.YES_NO:
        count = counting.single_choice(groups, order)
        by_meaning = {meaning: count.totals[pk] for pk, meaning in choices}
        decisive = by_meaning[Choice.Meaning.YES] + by_meaning[Choice.Meaning.NO]
        if decisive:
            share = by_meaning[Choice.Meaning.YES] * 100 / decisive
            yes_share = Decimal(share.numerator) / Decimal(share.denominator)
        adopted = quorum_met and yes_share is not None and _passes(motion, yes_share)
        winners = []
    else:
        count = {
            Motion.Method.PLURALITY: lambda: counting.single_choice(groups, order, motion.seats),
            Motion.Method.APPROVAL: lambda: counting.approval(groups, order, motion.seats),
            Motion.Method.INSTANT_RUNOFF: lambda: counting.ranked(motion.method, rule, groups, order, 1, seed),
            Motion.Method.STV: lambda: counting.ranked(motion.method, rule, groups, order, motion.seats, seed),
        }[motion.method]()
        winners, tied = count.winners, count.tied
        adopted = quorum_met and bool(winners) and not tied
    return {
        "eligible_voters": roll["n"],
        "eligible_weight": eligible_weight,
        "participants": participants,
        "cast_weight": cast_weight,
        "quorum_percent": motion.quorum_percent,
        "quorum_weight": quorum_weight,
        "quorum_met": quorum_met,
        "threshold_percent": motion.threshold_percent,
        "yes_share_percent": yes_share.quantize(Decimal("0.0001"), ROUND_HALF_UP) if yes_share is not None else None,
        "adopted": adopted,
        "totals": {str(k): counting._dec(Fraction(v)) for k, v in count.totals.items()},
        "winners": winners,
        "tied": tied,
        "rounds": [r.as_dict() for r in count.rounds],
        "counting_rule": rule,
        "seed": seed,
    }


def _passes(motion: Motion, yes_share: Decimal) -> bool:
    return threshold_reached(yes_share, motion.threshold_percent)


def threshold_reached(yes_share: Decimal, threshold: Decimal) -> bool:
    """Return whether a yes share reaches `threshold`: a simple majority needs more than the
    threshold; a supermajority (an amendment) needs to reach it, the share rounded to two decimals
    as the threshold is written (two of three reach 66.67 %)."""
    if threshold > Decimal(50):
        return yes_share.quantize(Decimal("0.01"), ROUND_HALF_UP) >= threshold
    return yes_share > threshold


@transaction.atomic
def motion_close(*, motion: Motion, actor, reason: str) -> Result | None:
    """Close the vote, shuffle secret ballots, and count it. Nothing is visible before this.

    An encrypted vote has no result yet (None): its encrypted totals wait for the trustees."""
    _require_board(actor)
    with acting(actor, reason):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if paper_ballots_pending(motion):
            raise ValidationError(
                {
                    "motion": _(
                        "Paper ballots were issued in this vote and are not yet added to its count: "
                        "the tellers enter them and the chair adds them before the vote closes."
                    )
                }
            )
        if encrypted_close(motion):
            return None  # the trustees' decryption stores the result
        return close_with(motion, tally)


def close_with(motion: Motion, count) -> Result:
    """Close the locked, open `motion` and record `count(motion)` as its result: the ballots'
    tally, or the hands the chair counted."""
    motion.transition_to(Motion.Status.CLOSED)
    motion.closed_at = timezone.now()
    motion.full_clean()
    motion.save()
    if motion.secret:
        _shuffle_secret_rows(motion)
        enqueue_on_commit("governance.tasks.vacuum_ballot_tables")
    result = Result(motion=motion, tallied_at=motion.closed_at, **count(motion))
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def motion_close_if_due(*, motion_id: int, actor, reason: str, at: datetime | None = None) -> bool:
    """Close the motion if it is still open and past its closing time; return whether it closed.

    A motion voted in clear closes with its result; an encrypted one closes with its encrypted
    totals, which wait for the trustees. The scheduled close may run twice (a retried task, two
    beats, two workers): the row lock makes the second run wait for the first and then find the
    motion closed, so there is one result.
    """
    motion = Motion.objects.select_for_update().filter(pk=motion_id).first()
    if motion is None or not Motion.objects.due_to_close(at).filter(pk=motion_id).exists():
        return False
    if paper_ballots_pending(motion):
        return False  # the chair closes it once the paper ballots are added
    motion_close(motion=motion, actor=actor, reason=reason)
    return True


def _conflict(motion: Motion, user) -> str | None:
    """Return why `user` may not certify `motion` (their own office or case, or what an app that
    carries out its outcome registered: their own pay or bonus), or None."""
    if motion.choices.filter(candidate=user).exists():
        return _("You stand in this election.")
    if motion.recall_term_id and motion.recall_term.holder_id == user.pk:
        return _("This motion recalls you.")
    case = getattr(motion, "mediation_case", None)
    if case is not None and case.parties.filter(pk=user.pk).exists():
        return _("You are a party to this mediation.")
    return outcomes.conflicts(motion, user)


def _certifiers(motion: Motion) -> set[int]:
    """Return who may certify `motion`: the Secretary; the President when every Secretary has a
    conflict; any other Board officer when the President has one too."""
    terms = OfficeTerm.objects.active().filter(office__body__kind=Body.Kind.BOARD).select_related("holder", "office")
    by_tier: dict[int, set[int]] = {0: set(), 1: set(), 2: set()}
    tier_of = {Office.Kind.SECRETARY: 0, Office.Kind.PRESIDENT: 1}
    for term in terms:
        if _conflict(motion, term.holder) is None:
            by_tier[tier_of.get(term.office.kind, 2)].add(term.holder_id)
    return next((ids for _tier, ids in sorted(by_tier.items()) if ids), set())


def _check_certifier(motion: Motion, actor) -> None:
    founding = (
        not OfficeTerm.objects.active().filter(office__kind__in=[Office.Kind.SECRETARY, Office.Kind.PRESIDENT]).exists()
    )
    officer = (
        actor is not None
        and OfficeTerm.objects.active().filter(holder=actor, office__body__kind=Body.Kind.BOARD).exists()
    )
    if actor is None or not (officer or (founding and has_role(actor, Role.BOARD))):
        raise PermissionDenied(_("Only the Secretary certifies a result."))
    conflict = _conflict(motion, actor)
    if conflict:
        raise PermissionDenied(conflict + " " + _("Another officer must certify it."))
    if not founding and actor.pk not in _certifiers(motion):
        raise PermissionDenied(
            _(
                "Only the Secretary certifies a result; the President does so only when "
                "the Secretary has a conflict, another Board officer only when both do."
            )
        )


@transaction.atomic
def motion_certify(*, motion: Motion, actor, reason: str) -> Result:
    """The Secretary certifies the count; the result is then immutable and its outcome applied.

    When the Secretary has a conflict (their own office, pay or bonus), the President certifies,
    and when both have one, another Board officer. Before the founding election has filled
    either office, a convener with Board powers does.
    """
    with acting(actor, reason):
        locked = Motion.objects.select_for_update(of=("self",))
        motion = locked.select_related("recall_term", "office").get(pk=motion.pk)
        _check_certifier(motion, actor)
        if not Result.objects.filter(motion=motion).exists():
            raise ValidationError(
                {"motion": _("This encrypted vote is not decrypted yet: its trustees decrypt it first.")}
            )
        motion.transition_to(Motion.Status.CERTIFIED)
        motion.full_clean()
        motion.save()
        result = Result.objects.select_for_update().get(motion=motion)
        result.certified_at, result.certified_by = timezone.now(), actor
        result.full_clean()
        result.save()
        outcome = outcomes.outcome_for(motion.kind)
        if result.adopted:
            _apply(motion, result, actor, reason)
        elif outcome is not None and outcome.refuse is not None:
            outcome.refuse(motion=motion, basis=_basis(motion), actor=actor, reason=reason)
        for hook in _certification_hooks:
            hook(motion=motion, result=result, actor=actor, reason=reason)
        enqueue_on_commit("governance.tasks.notify_result_certified", motion.pk)
    return result


def _basis(motion: Motion) -> str:
    # Kept on the record it adopts, so written in the cooperative's language, not the certifier's.
    with translation.override(cooperative_language()):
        return (_("Motion #%(number)s: %(title)s") % {"number": motion.pk, "title": motion.title})[:200]


def _apply(motion: Motion, result: Result, actor, reason: str) -> None:
    """Carry out what a certified, adopted motion decided."""
    if motion.kind == Motion.Kind.POLICY_CHANGE:
        old = PolicyNumber.objects.get(key=motion.policy_key).value
        number = coop_services.policy_number_adopt(
            key=motion.policy_key, value=motion.policy_value, basis=_basis(motion), actor=actor, reason=reason
        )
        adoption = PolicyAdoption(motion=motion, key=motion.policy_key, old_value=old, new_value=number.value)
        adoption.full_clean()
        adoption.save()
    elif motion.is_amendment:
        coop_services.document_version_adopt(
            version=motion.document_version, basis=_basis(motion), actor=actor, reason=reason
        )
    elif motion.kind == Motion.Kind.ELECTION:
        for term in motion.office.terms.active().select_related("office"):
            office_term_end(term=term, status=OfficeTerm.Status.REPLACED, actor=actor, reason=reason)
        for choice in Choice.objects.filter(pk__in=result.winners).select_related("candidate"):
            office_term_install(
                office=motion.office, holder=choice.candidate, motion=motion, actor=actor, reason=reason
            )
    elif motion.kind == Motion.Kind.RECALL:
        office_term_end(term=motion.recall_term, status=OfficeTerm.Status.RECALLED, actor=actor, reason=reason)
    elif motion.kind == Motion.Kind.MINUTES_ADOPTION:
        minutes_adopt_by_motion(motion=motion, actor=actor, reason=reason)
    elif (outcome := outcomes.outcome_for(motion.kind)) is not None:
        outcome.apply(motion=motion, result=result, basis=_basis(motion), actor=actor, reason=reason)
