"""Motions: proposal, nominations, discussion, scheduling and opening with a frozen roll."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from coop import policy
from coop.audit import acting, history_kwargs
from coop.models import DocumentVersion
from coop.queue import enqueue_on_commit
from coop.roles import Role, has_role
from coop.selectors import policy_values
from membership.models import Member
from membership.selectors import voting_roll

from .. import outcomes
from ..models import BallotTotal, Body, Choice, Comment, Motion, OfficeTerm, RollEntry
from .encrypted_phases import encrypted_open
from .ranked_board import ranked_board_open

ONE_VOTE = "One officer, one vote"


def _is_member_or_officer(user) -> bool:
    return has_role(user, Role.MEMBER) or OfficeTerm.objects.active().filter(holder=user).exists()


def _check_body(*, body: Body, kind: str, office, recall_term, document_version) -> None:
    if kind in Motion.GENERAL_CONFERENCE_ONLY and body.kind != Body.Kind.GENERAL_CONFERENCE:
        raise ValidationError(
            {
                "body": _(
                    "Only the General Conference decides a %(kind)s: the Board cannot change "
                    "the rules that constrain it."
                )
                % {"kind": Motion.Kind(kind).label}
            }
        )
    if kind == Motion.Kind.ELECTION and (office is None or office.is_appointed):
        raise ValidationError({"office": _("Elections fill Board offices; the Board appoints Operations officers.")})
    if kind == Motion.Kind.RECALL and (recall_term is None or recall_term.status != OfficeTerm.Status.ACTIVE):
        raise ValidationError({"recall_term": _("Name an officer who is in office.")})
    if kind in Motion.AMENDMENTS:
        if document_version is None or document_version.status != DocumentVersion.Status.PROPOSED:
            raise ValidationError({"document_version": _("An amendment names a proposed version of the document.")})
        expected = {
            "bylaws": Motion.Kind.BYLAW_AMENDMENT,
            "articles": Motion.Kind.ARTICLES_AMENDMENT,
        }.get(document_version.document.kind, Motion.Kind.DOCUMENT_AMENDMENT)
        if kind != expected:
            raise ValidationError(
                {
                    "kind": _("This version amends %(doc)s: use the kind %(kind)s.")
                    % {"doc": document_version.document, "kind": Motion.Kind(expected).label}
                }
            )
        if expected == Motion.Kind.DOCUMENT_AMENDMENT and body.kind != Body.Kind.GENERAL_CONFERENCE:
            raise ValidationError({"body": _("Governing documents change only by a General Conference vote.")})


def secret_ballot_required(kind: str) -> bool:
    """Whether the Bylaws (5.2) require a motion of `kind` to be decided by secret ballot:
    elections, recalls and escalated mediation."""
    return kind in Motion.SECRET_BY_BYLAWS


def _candidate_refusal(candidate) -> str | None:
    """Why `candidate` may not stand for office, in words for the person nominating, or None."""
    name = candidate.get_full_name() or candidate.email
    member = Member.objects.filter(user=candidate).only("status").first()
    if member is None or member.status in Member.RIGHTS_STATUSES:
        if has_role(candidate, Role.MEMBER):
            return None
        return _("%(person)s is not a member of the cooperative; only members stand for office.") % {"person": name}
    why = {
        Member.Status.APPLICANT: _(
            "%(person)s has applied for membership but is not admitted yet; an applicant has no "
            "member's rights and cannot stand for office until the Board admits them."
        ),
        Member.Status.SUSPENDED: _("%(person)s is suspended; a suspended member cannot stand for office."),
        Member.Status.DEPARTED: _("%(person)s has left the cooperative and cannot stand for office."),
    }
    return why.get(member.status, _("%(person)s cannot stand for office.")) % {"person": name}


@transaction.atomic
def motion_propose(
    *,
    body: Body,
    kind: str,
    title: str,
    proposer,
    actor,
    reason: str,
    text: str = "",
    method: str = Motion.Method.YES_NO,
    secret: bool | None = None,
    seats: int | None = None,
    counting_rule: str = Motion.CountingRule.WIGM_EXACT,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    policy_key: str = "",
    policy_value: str = "",
    office=None,
    recall_term=None,
    document_version=None,
    terms: Mapping | None = None,
) -> Motion:
    """Put a motion before `body`. Yes/no motions get their three choices; elections take
    nominations until they open. A kind whose outcome another app carries out (see
    `governance.outcomes`) takes its `terms`, which that app checks and records with the motion.

    Elections, recalls and escalated mediation are decided by secret ballot (Bylaws 5.2): `secret`
    left unset means the ballot the Bylaws require, and a recorded ballot for those kinds is refused.
    A policy change names its policy number by label (as people read it) or by key."""
    if not _is_member_or_officer(proposer):
        raise PermissionDenied(_("Motions are proposed by a member or an officer."))
    _check_body(body=body, kind=kind, office=office, recall_term=recall_term, document_version=document_version)
    is_election = kind == Motion.Kind.ELECTION
    if is_election == (method == Motion.Method.YES_NO):
        raise ValidationError(
            {
                "method": _(
                    "Elections use plurality, approval, instant runoff or STV; "
                    "other motions are voted yes, no or abstain."
                )
            }
        )
    seats = seats or (office.seats if is_election else 1)
    if method == Motion.Method.INSTANT_RUNOFF and seats != 1:
        raise ValidationError({"seats": _("Instant runoff fills one seat; use STV for several.")})
    counting_rule = counting_rule or Motion.CountingRule.WIGM_EXACT
    if counting_rule != Motion.CountingRule.WIGM_EXACT and method != Motion.Method.STV:
        # Only STV has more than one published rule; any other method counts one way.
        raise ValidationError(
            {"counting_rule": _("A counting rule other than the exact Droop quota applies only to STV.")}
        )
    if kind == Motion.Kind.POLICY_CHANGE:
        definition = policy.find(policy_key)
        policy_key = definition.key
        try:
            policy_value = definition.normalise(policy_value)
        except ValidationError as error:
            raise ValidationError({"policy_value": error.messages}) from None
    terms = outcomes.clean_terms(kind, terms, builtin=kind in Motion.BUILTIN)
    secret = secret_ballot_required(kind) if secret is None else bool(secret)
    if not secret and secret_ballot_required(kind):
        raise ValidationError(
            {
                "secret": _("The Bylaws (5.2) decide every %(kind)s by secret ballot; it cannot be a recorded vote.")
                % {"kind": Motion.Kind(kind).label.lower()}
            }
        )
    with acting(actor, reason):
        motion = Motion(
            body=body,
            kind=kind,
            method=method,
            title=title,
            text=text,
            proposer=proposer,
            secret=secret,
            seats=seats,
            counting_rule=counting_rule,
            opens_at=opens_at,
            closes_at=closes_at,
            policy_key=policy_key,
            policy_value=policy_value,
            office=office,
            recall_term=recall_term,
            document_version=document_version,
        )
        motion.full_clean()
        motion.save()
        outcome = outcomes.outcome_for(kind)
        if outcome is not None:
            outcome.record(motion=motion, terms=terms, actor=actor, reason=reason)
        if method == Motion.Method.YES_NO:
            for position, meaning in enumerate(
                [Choice.Meaning.YES, Choice.Meaning.NO, Choice.Meaning.ABSTAIN], start=1
            ):
                choice = Choice(motion=motion, position=position, label=meaning.label, meaning=meaning)
                choice.full_clean()
                choice.save()
    return motion


@transaction.atomic
def nomination_submit(*, motion: Motion, candidate, actor, reason: str) -> Choice:
    """Nominate `candidate` (a provisional owner or an owner) in a draft election.

    Standing is the nominee's own choice: a member who nominates themselves stands at once; the
    nomination of someone else waits for their acceptance (`nomination_answer`), and only accepted
    nominees are on the ballot when the vote opens."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if motion.kind != Motion.Kind.ELECTION or motion.status != Motion.Status.DRAFT:
        raise ValidationError({"motion": _("Nominations are taken only for an election that has not opened.")})
    if actor is None or not _is_member_or_officer(actor):
        raise PermissionDenied(_("Nominations come from a member or an officer."))
    refusal = _candidate_refusal(candidate)
    if refusal:
        raise ValidationError({"candidate": refusal})
    existing = motion.choices.filter(candidate=candidate).first()
    if existing is not None and existing.consent == Choice.Consent.DECLINED:
        raise ValidationError({"candidate": _("This person declined the nomination for this election.")})
    if existing is not None:
        raise ValidationError({"candidate": _("This person is already nominated.")})
    operations = (
        OfficeTerm.objects.active()
        .filter(holder=candidate, office__body__kind=Body.Kind.OPERATIONS)
        .select_related("office")
        .first()
    )
    if operations is not None:
        # Bylaws 7.2: no one holds two offices at once. The Board alone ends an appointment (8.1),
        # so an Operations officer leaves that office before standing, not on being elected.
        raise ValidationError(
            {
                "candidate": _(
                    "%(person)s holds the office of %(office)s; no one holds a Board office and an "
                    "Operations office at once, so they leave it before standing."
                )
                % {"person": candidate, "office": operations.office}
            }
        )
    with acting(actor, reason):
        position = (motion.choices.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        choice = Choice(
            motion=motion,
            position=position,
            label=candidate.get_full_name() or candidate.email,
            meaning=Choice.Meaning.CANDIDATE,
            candidate=candidate,
            nominated_by=actor,
            consent=Choice.Consent.ACCEPTED if actor.pk == candidate.pk else Choice.Consent.PENDING,
            answered_at=timezone.now() if actor.pk == candidate.pk else None,
        )
        choice.full_clean()
        choice.save()
        if choice.consent == Choice.Consent.PENDING:
            enqueue_on_commit("governance.tasks.notify_nomination", choice.pk)
    return choice


@transaction.atomic
def nomination_answer(*, choice: Choice, accept: bool, actor, reason: str) -> Choice:
    """The nominee accepts or declines their nomination, until the vote opens. Only the nominee
    answers; a declined nominee is not on the ballot and is not nominated again in this election."""
    with acting(actor, reason):
        choice = Choice.objects.select_for_update().select_related("motion").get(pk=choice.pk)
        if choice.meaning != Choice.Meaning.CANDIDATE or actor is None or actor.pk != choice.candidate_id:
            raise PermissionDenied(_("Only the person nominated accepts or declines a nomination."))
        if choice.motion.status not in {Motion.Status.DRAFT, Motion.Status.SCHEDULED}:
            raise ValidationError({"motion": _("The vote has opened: the ballot can no longer change.")})
        if accept:
            refusal = _candidate_refusal(actor)
            if refusal:
                raise ValidationError({"candidate": refusal})
        choice.consent = Choice.Consent.ACCEPTED if accept else Choice.Consent.DECLINED
        choice.answered_at = timezone.now()
        choice.full_clean()
        choice.save()
    return choice


@transaction.atomic
def comment_add(*, motion: Motion, author, text: str, actor, reason: str = "Discussion") -> Comment:
    """Add to the motion's discussion thread."""
    if not _is_member_or_officer(author):
        raise PermissionDenied(_("Only members and officers take part in the discussion."))
    if motion.status in {Motion.Status.CERTIFIED, Motion.Status.WITHDRAWN}:
        raise ValidationError({"motion": _("The discussion of a decided motion is closed.")})
    with acting(actor, reason):
        comment = Comment(motion=motion, author=author, text=(text or "").strip())
        comment.full_clean()
        comment.save()
    return comment


def _require_board(actor) -> None:
    # `None` is the scheduler (Celery); a person must be a Board officer.
    if actor is not None and not has_role(actor, Role.BOARD):
        raise PermissionDenied(_("Only the Board opens, closes and schedules votes."))


@transaction.atomic
def motion_schedule(*, motion: Motion, opens_at: datetime, closes_at: datetime, actor, reason: str) -> Motion:
    """Fix when the vote opens and closes; Celery opens and closes it on time."""
    _require_board(actor)
    with acting(actor, reason):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.status == Motion.Status.DRAFT:
            motion.transition_to(Motion.Status.SCHEDULED)
        elif motion.status != Motion.Status.SCHEDULED:
            raise ValidationError({"status": _("Only a motion that has not opened can be scheduled.")})
        if closes_at <= opens_at:
            raise ValidationError({"closes_at": _("The vote must close after it opens.")})
        motion.opens_at, motion.closes_at = opens_at, closes_at
        motion.full_clean()
        motion.save()
    return motion


@transaction.atomic
def motion_withdraw(*, motion: Motion, actor, reason: str) -> Motion:
    """Withdraw a motion not yet open to a vote; only its proposer or the Board withdraws it."""
    with acting(actor, reason):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if actor is None or (actor.pk != motion.proposer_id and not has_role(actor, Role.BOARD)):
            raise PermissionDenied(_("Only the proposer or the Board withdraws a motion."))
        motion.transition_to(Motion.Status.WITHDRAWN)
        motion.full_clean()
        motion.save()
    return motion


def _threshold(motion: Motion, values: dict) -> Decimal | None:
    if motion.kind == Motion.Kind.ELECTION:
        return None
    if motion.kind in {Motion.Kind.ARTICLES_AMENDMENT, Motion.Kind.BYLAW_AMENDMENT}:
        return values["amendment_threshold_percent"]
    if motion.kind == Motion.Kind.DOCUMENT_AMENDMENT:
        return values[motion.document_version.document.adoption_threshold]
    return values["majority_percent"]


def _roll_rows(motion: Motion, at: datetime) -> list[tuple[int, Decimal, str]]:
    """Return (user id, weight, rule) for each eligible voter of `motion` at `at`, in one query."""
    if motion.body.kind == Body.Kind.GENERAL_CONFERENCE:
        # The register as it stands now: the roll is frozen at this instant.
        return list(voting_roll().values_list("user_id", "weight", "weight_rule"))
    holders = (
        OfficeTerm.objects.active(at).filter(office__body=motion.body).values_list("holder_id", flat=True).distinct()
    )
    return [(holder, Decimal(1), ONE_VOTE) for holder in holders]


@transaction.atomic
def motion_open(*, motion: Motion, actor, reason: str, closes_at: datetime | None = None) -> Motion:
    """Open the vote: freeze the roll with each voter's weight and rule, and the quorum and
    threshold in force now. Later share purchases change nothing in this vote."""
    _require_board(actor)
    now = timezone.now()
    with acting(actor, reason):
        locked = Motion.objects.select_for_update(of=("self",))
        motion = locked.select_related("body", "document_version__document").get(pk=motion.pk)
        motion.transition_to(Motion.Status.OPEN)
        motion.closes_at = closes_at or motion.closes_at
        if motion.closes_at is None or motion.closes_at <= now:
            raise ValidationError({"closes_at": _("Set a closing time in the future.")})
        if motion.kind == Motion.Kind.ELECTION:
            # Only nominees who accepted stand: unanswered and declined nominations leave the ballot.
            for choice in motion.choices.exclude(consent=Choice.Consent.ACCEPTED):
                choice.delete()
            candidates = motion.choices.count()
            if candidates < motion.seats:
                raise ValidationError(
                    {
                        "choices": _(
                            "An election needs at least as many candidates who accepted their "
                            "nomination as seats (%(seats)s); %(n)s accepted."
                        )
                        % {"seats": motion.seats, "n": candidates}
                    }
                )
        rows = _roll_rows(motion, now)
        values = policy_values()
        minimum = values["secret_ballot_minimum_voters"]
        if motion.secret and len(rows) < minimum:
            raise ValidationError(
                {
                    "secret": _(
                        "A secret vote needs at least %(min)s eligible voters; this roll has "
                        "%(n)s, so a ballot could be traced to its voter."
                    )
                    % {"min": minimum, "n": len(rows)}
                }
            )
        if not rows:
            raise ValidationError({"roll": _("Nobody is eligible to vote in this body.")})
        motion.quorum_percent = values["quorum_percent"]
        motion.threshold_percent = _threshold(motion, values)
        motion.opens_at = motion.opens_at if motion.opens_at and motion.opens_at <= now else now
        motion.opened_at = now
        motion.full_clean()
        motion.save()
        bulk_create_with_history(
            [RollEntry(motion=motion, voter_id=user_id, weight=weight, rule=rule) for user_id, weight, rule in rows],
            RollEntry,
            batch_size=2000,
            **history_kwargs(),
        )
        encrypted_open(motion)
        ranked_board_open(motion)
        if motion.method in {Motion.Method.YES_NO, Motion.Method.PLURALITY}:
            # Every single-mark total exists from the start, in random order, so neither the
            # creation order nor the id of a total says which choice was picked first.
            marks = [str(pk) for pk in motion.choices.values_list("pk", flat=True)]
            secrets.SystemRandom().shuffle(marks)
            BallotTotal.objects.bulk_create([BallotTotal(motion=motion, marks=m) for m in marks])
        enqueue_on_commit("governance.tasks.notify_vote_opened", motion.pk)
    return motion


@transaction.atomic
def motion_mark_reminded(*, motion: Motion, actor, reason: str) -> Motion:
    """Note that the closing reminder went out, so it goes out once."""
    with acting(actor, reason):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        motion.reminder_sent_at = timezone.now()
        motion.full_clean()
        motion.save()
    return motion
