"""Governance reads: querysets for the admin, the portal and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    IntegerField,
    OuterRef,
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

from coop import policy
from coop.models import PolicyNumber, User
from coop.roles import Role, has_role
from coop.selectors import policy_values

from .. import outcomes
from ..models import (
    Ballot,
    BallotTotal,
    Body,
    Choice,
    MediationCase,
    Motion,
    Office,
    OfficeTerm,
    Participation,
    Proxy,
    RollEntry,
)

# Meeting reads live in their own module; re-exported so callers read `selectors.meeting_quorum`.
from .meetings import *  # noqa: F403
from .minutes import *  # noqa: F403
from .petitions import *  # noqa: F403
from .tellers import *  # noqa: F403


def _count(subquery: QuerySet, expression) -> Coalesce:
    per_motion = subquery.order_by().values("motion").annotate(n=expression).values("n")
    return Coalesce(Subquery(per_motion, output_field=IntegerField()), Value(0))


def with_participant_count(queryset: QuerySet[Motion]) -> QuerySet[Motion]:
    """Annotate `participant_count` from the running totals: one ballot per participation, kept in
    the casting transaction, a few rows per motion however many ballots were cast."""
    return queryset.annotate(
        participant_count=_count(BallotTotal.objects.filter(motion=OuterRef("pk")), Sum("ballots"))
    )


def with_turnout(queryset: QuerySet[Motion]) -> QuerySet[Motion]:
    """Annotate `participant_count` and `roll_count`, each a subquery on its own index.

    Two COUNTs over joined roll and participations would multiply the rows (a vote of 100,000
    would join 10^10 pairs) and group every motion; a subquery per listed motion reads one index.
    """
    roll = _count(RollEntry.objects.filter(motion=OuterRef("pk")), Count("pk"))
    return with_participant_count(queryset).annotate(roll_count=roll)


def _weight(subquery: QuerySet, expression) -> Coalesce:
    per_motion = subquery.order_by().values("motion").annotate(w=expression).values("w")
    weight = DecimalField(max_digits=14, decimal_places=2)
    return Coalesce(Subquery(per_motion, output_field=weight), Value(Decimal(0)), output_field=weight)


def with_turnout_weight(queryset: QuerySet[Motion]) -> QuerySet[Motion]:
    """Annotate `cast_weight` (the frozen weight of those who took part) and `roll_weight` (the
    roll's whole weight), the figures quorum is measured in, each a subquery per listed motion.

    The cast weight comes from the running totals (each ballot adds its voter's frozen weight to
    the total of its marks, in the casting transaction): a few rows per motion, never the ballots
    or the participations, so the cost does not grow with the votes cast."""
    return queryset.annotate(
        roll_weight=_weight(RollEntry.objects.filter(motion=OuterRef("pk")), Sum("weight")),
        cast_weight=_weight(BallotTotal.objects.filter(motion=OuterRef("pk")), Sum("weight")),
    )


def quorum_weight(motion: Motion, roll_weight: Decimal) -> Decimal | None:
    """The weight that must take part for `motion` to count, as the close will compute it."""
    if motion.quorum_percent is None:
        return None
    return (roll_weight * motion.quorum_percent / Decimal(100)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class CloseCheck:
    """What an officer sees before closing a vote: the time it still had and the turnout by weight."""

    motion: Motion
    early: bool
    time_left: timedelta | None
    participants: int
    roll_count: int
    cast_weight: Decimal
    roll_weight: Decimal
    quorum_percent: Decimal | None
    quorum_weight: Decimal | None

    @property
    def quorum_met(self) -> bool:
        return self.participants > 0 and self.quorum_weight is not None and self.cast_weight >= self.quorum_weight

    @property
    def weight_missing(self) -> Decimal:
        """How much more weight must take part for the quorum."""
        if self.quorum_weight is None:
            return Decimal(0)
        return max(self.quorum_weight - self.cast_weight, Decimal(0))


def close_checks(motions) -> list[CloseCheck]:
    """For each motion to be closed: whether it closes early, how long it had left, and the live
    turnout by weight against the quorum weight, in two queries whatever the number of motions."""
    now = timezone.now()
    pks = [m.pk for m in motions]
    rows = with_turnout_weight(with_turnout(Motion.objects.filter(pk__in=pks))).order_by("closes_at", "pk")
    checks = []
    for motion in rows:
        early = motion.status == Motion.Status.OPEN and motion.closes_at is not None and motion.closes_at > now
        checks.append(
            CloseCheck(
                motion=motion,
                early=early,
                time_left=(motion.closes_at - now) if early else None,
                participants=motion.participant_count,
                roll_count=motion.roll_count,
                cast_weight=motion.cast_weight,
                roll_weight=motion.roll_weight,
                quorum_percent=motion.quorum_percent,
                quorum_weight=quorum_weight(motion, motion.roll_weight),
            )
        )
    return checks


def _policy_label(key: str) -> str:
    found = policy.DEFINITIONS.get(key)
    return str(found.label) if found else key


def adoption_sentence(motion: Motion) -> str:
    """One sentence on what `motion` does once adopted, for every kind: governance's own kinds
    here, the kinds another app carries out through `governance.outcomes.describe`."""
    kind = motion.kind
    if kind == Motion.Kind.POLICY_CHANGE:
        current = PolicyNumber.objects.filter(key=motion.policy_key).values_list("value", flat=True).first()
        if current is None and motion.policy_key in policy.DEFINITIONS:
            current = policy.DEFINITIONS[motion.policy_key].default
        return _("Sets the policy number “%(label)s” from %(old)s to %(new)s.") % {
            "label": _policy_label(motion.policy_key),
            "old": current,
            "new": motion.policy_value,
        }
    if motion.is_amendment and motion.document_version_id:
        version = motion.document_version
        return _("Puts version %(number)s of %(document)s in force: %(summary)s") % {
            "number": version.number,
            "document": version.document,
            "summary": version.summary,
        }
    if kind == Motion.Kind.ELECTION and motion.office_id:
        return _("Installs the elected for a term in the office of %(office)s; the terms in force end.") % {
            "office": motion.office
        }
    if kind == Motion.Kind.RECALL and motion.recall_term_id:
        term = motion.recall_term
        return _("Removes %(holder)s from the office of %(office)s.") % {"holder": term.holder, "office": term.office}
    if kind == Motion.Kind.MEDIATION_ESCALATION:
        return _("Decides the escalated mediation case as the ballot says.")
    if kind == Motion.Kind.ORDINARY:
        return _("Records the decision; nothing changes automatically.")
    if kind == Motion.Kind.MINUTES_ADOPTION:
        return _("Adopts the minutes of a past meeting: their text is then frozen.")
    return outcomes.describe(motion)


def certification_preview(motion: Motion) -> str:
    """What certifying the counted `motion` will do, from its result: the outcome it applies when
    adopted, or that nothing changes when it was not."""
    result = getattr(motion, "result", None)
    if result is None:
        return _("Not counted yet: close the vote first.")
    if not result.adopted:
        why = _("the quorum was not met") if not result.quorum_met else _("it did not reach its threshold")
        if motion.kind == Motion.Kind.ELECTION:
            why = _("the quorum was not met") if not result.quorum_met else _("the count is tied")
        return _("Not adopted (%(why)s): certifying records the result and changes nothing.") % {"why": why}
    if motion.kind == Motion.Kind.ELECTION:
        elected = ", ".join(c.label for c in motion.choices.filter(pk__in=result.winners))
        return _("Adopted. Elected: %(names)s. %(effect)s") % {"names": elected, "effect": adoption_sentence(motion)}
    return _("Adopted. %(effect)s") % {"effect": adoption_sentence(motion)}


def policy_choices() -> list[tuple[str, str]]:
    """Every policy number as (key, "Label (now value)") for a select: people choose by label."""
    values = policy_values()
    return [
        (key, _("%(label)s (now %(value)s)") % {"label": label, "value": values[key]})
        for key, label in policy.choices()
    ]


def nominations_for(user) -> QuerySet[Choice]:
    """The nominations of `user` in elections that have not opened, unanswered first."""
    return (
        Choice.objects.filter(
            candidate=user,
            meaning=Choice.Meaning.CANDIDATE,
            motion__status__in=[Motion.Status.DRAFT, Motion.Status.SCHEDULED],
        )
        .select_related("motion__office", "nominated_by")
        .order_by("-consent", "motion__pk")
    )


def motions_visible_to(user) -> QuerySet[Motion]:
    """Every motion `user` may see: all of them for the Board and auditors, else all but others' drafts.

    The bare rows, for an action on one motion (a cast) that needs none of what a list shows.
    """
    qs = Motion.objects.all()
    if not (has_role(user, Role.BOARD) or has_role(user, Role.AUDITOR)):
        qs = qs.filter(~Q(status=Motion.Status.DRAFT) | Q(proposer=user) | Q(kind=Motion.Kind.ELECTION))
    return qs


def motions_for(user) -> QuerySet[Motion]:
    """Every motion but drafts of others, newest first, with what a list shows, in a fixed number of
    queries and at a cost that does not grow with the ballots cast."""
    return with_participant_count(
        motions_visible_to(user).select_related("body", "proposer", "office", "result", *outcomes.related())
    ).order_by("-opens_at", "-id")


def motion_for(user, motion_id: int) -> Motion:
    """Return motion `motion_id` if `user` may see it (drafts only to their proposer), else 404."""
    return get_object_or_404(motions_for(user), pk=motion_id)


def open_motions_for_voter(user) -> QuerySet[Motion]:
    """Open motions where `user` is on the roll, flagged with whether they already took part."""
    return (
        Motion.objects.open()
        .filter(roll__voter=user)
        .select_related("body")
        .annotate(has_voted=Exists(Participation.objects.filter(motion=OuterRef("pk"), voter=user)))
        .order_by("closes_at")
    )


def ballots_awaiting(user) -> QuerySet[Motion]:
    """Open motions where `user` is on the frozen roll and has not yet taken part: ballots to cast."""
    return open_motions_for_voter(user).filter(has_voted=False)


def proxy_votes_for(user) -> QuerySet[Proxy]:
    """Proxies `user` carries, for open votes they may cast."""
    return Proxy.objects.active().filter(holder=user).select_related("grantor", "motion")


def roll_entry(motion: Motion, user) -> RollEntry | None:
    """Return `user`'s entry on the motion's voter roll, or None when they are not on it."""
    return RollEntry.objects.filter(motion=motion, voter=user).first()


def roll_voters(motion: Motion) -> QuerySet:
    """Return the accounts on the motion's roll (key, email and language only), for their notices."""
    voters = RollEntry.objects.filter(motion=motion).values("voter_id")
    return User.objects.filter(pk__in=voters).order_by("pk").only("pk", "email", "language")


def turnout(motion: Motion) -> dict:
    """Counts only, never choices: how many on the roll have taken part."""
    return {
        "eligible": RollEntry.objects.filter(motion=motion).count(),
        "participants": Participation.objects.filter(motion=motion).count(),
    }


def published_ballots(motion: Motion) -> QuerySet[Ballot]:
    """The counted ballots with their receipts, after the close only."""
    if not Motion.objects.decided().filter(pk=motion.pk).exists():
        raise PermissionDenied("Ballots are published after the close.")
    return Ballot.objects.filter(motion=motion).order_by("receipt")


def recorded_votes(motion: Motion) -> QuerySet[Participation]:
    """Who voted how, for a recorded vote after the close."""
    if motion.secret or not Motion.objects.decided().filter(pk=motion.pk).exists():
        raise PermissionDenied("Recorded votes are shown after the close of a recorded vote only.")
    return Participation.objects.filter(motion=motion).select_related("voter", "ballot", "cast_by")


def my_recorded_ballot(motion: Motion, user) -> Participation | None:
    """Return `user`'s own participation in a recorded vote, with the ballot cast for them, or
    None. A secret vote never has one: nothing links its ballots to voters."""
    if motion.secret or getattr(user, "pk", None) is None:
        return None
    found = Participation.objects.filter(motion=motion, voter=user, ballot__isnull=False)
    return found.select_related("ballot", "cast_by").first()


def my_participations(user) -> QuerySet[Participation]:
    """Return the motions `user` took part in, newest first; never how they voted."""
    return Participation.objects.filter(voter=user).select_related("motion", "cast_by").order_by("-cast_at")


def officers_in_office() -> QuerySet[OfficeTerm]:
    """Return the office terms in force: who holds which office, elected by which motion."""
    return OfficeTerm.objects.active().select_related("office__body", "holder", "motion")


def proxies() -> QuerySet[Proxy]:
    """Return every proxy, with its grantor, holder and motion."""
    return Proxy.objects.select_related("grantor", "holder", "motion")


# The desk: what waits for the Board, each a single query whatever the number of rows.

# Who certifies a result, in order: the Secretary; the President when every Secretary has a
# conflict; any other Board officer when both do (services.results._certifiers).
CERTIFIER_TIER = {Office.Kind.SECRETARY: 0, Office.Kind.PRESIDENT: 1}
TERMS_EXPIRING_DAYS = 30


def motions_to_open() -> QuerySet[Motion]:
    """Return the drafts the Board may open or schedule (nominations are taken while in draft)."""
    return Motion.objects.filter(status=Motion.Status.DRAFT)


def motions_to_close(at: datetime | None = None) -> QuerySet[Motion]:
    """Return the open votes whose closing time has come (`at`, default now): the Board closes and counts them."""
    return Motion.objects.filter(status=Motion.Status.OPEN, closes_at__lte=at or timezone.now())


def _conflict(holder_id: int) -> Q:
    """Match the motions `holder_id` may not certify: by governance's own rules (they stand in the
    election, the motion recalls them, or they are a party to the mediation it decides) and by
    the rules other apps register (a motion about their own pay)."""
    stands = Exists(Choice.objects.filter(motion=OuterRef("pk"), candidate_id=holder_id))
    party = Exists(
        MediationCase.parties.through.objects.filter(mediationcase__motion=OuterRef("pk"), user_id=holder_id)
    )
    return Q(stands) | Q(recall_term__holder_id=holder_id) | Q(party) | outcomes.conflict_matches(holder_id)


def motions_to_certify(user) -> QuerySet[Motion] | None:
    """Return the closed motions `user` is the one to certify, or None when certifying is not theirs.

    The Secretary certifies; the President those where every Secretary has a conflict; another
    Board officer those where the Secretary and President all do. Before the founding election
    fills either office, any Board officer (a convener) certifies. Every conflict is read here,
    governance's own and those other apps register with a match; a fixed number of queries
    whatever the number of motions.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    terms = list(
        OfficeTerm.objects.active().filter(office__body__kind=Body.Kind.BOARD).values_list("holder_id", "office__kind")
    )
    closed = Motion.objects.filter(status=Motion.Status.CLOSED).exclude(_conflict(user.pk))
    founding = not any(kind in CERTIFIER_TIER for _holder, kind in terms)
    mine = [CERTIFIER_TIER.get(kind, 2) for holder, kind in terms if holder == user.pk]
    if founding:
        return closed if mine or has_role(user, Role.BOARD) else None
    if not mine:
        return None
    tier = min(mine)
    for holder, kind in terms:
        if CERTIFIER_TIER.get(kind, 2) < tier:
            closed = closed.filter(_conflict(holder))
    return closed


def terms_expiring(*, today: date | None = None, within_days: int = TERMS_EXPIRING_DAYS) -> QuerySet[OfficeTerm]:
    """Return the terms in office that end within `within_days` of `today` (or have ended and await
    their close): the Board calls the election that fills the seat."""
    today = today or timezone.localdate()
    return OfficeTerm.objects.filter(
        status=OfficeTerm.Status.ACTIVE, ends_at__date__lte=today + timedelta(days=within_days)
    )
