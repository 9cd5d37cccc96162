"""Governance reads: querysets for the admin, the portal and the API."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from coop.roles import Role, has_role

from .models import Ballot, BallotTotal, MediationCase, Motion, OfficeTerm, Participation, Proxy, RollEntry


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


def motions_for(user) -> QuerySet[Motion]:
    """Every motion but drafts of others, newest first, with what a list shows, in a fixed number of
    queries and at a cost that does not grow with the ballots cast."""
    qs = with_participant_count(
        Motion.objects.select_related("body", "proposer", "office", "result", "surplus_allocation")
    ).order_by("-opens_at", "-id")
    if not (has_role(user, Role.BOARD) or has_role(user, Role.AUDITOR)):
        qs = qs.filter(~Q(status=Motion.Status.DRAFT) | Q(proposer=user) | Q(kind=Motion.Kind.ELECTION))
    return qs


def motion_for(user, motion_id: int) -> Motion:
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
    return RollEntry.objects.filter(motion=motion, voter=user).first()


def roll_emails(motion: Motion) -> QuerySet:
    return RollEntry.objects.filter(motion=motion).values_list("voter__email", flat=True)


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


def my_participations(user) -> QuerySet[Participation]:
    return Participation.objects.filter(voter=user).select_related("motion", "cast_by").order_by("-cast_at")


def officers_in_office() -> QuerySet[OfficeTerm]:
    return OfficeTerm.objects.active().select_related("office__body", "holder", "motion")


def proxies() -> QuerySet[Proxy]:
    return Proxy.objects.select_related("grantor", "holder", "motion")


def mediation_cases_for(user) -> QuerySet[MediationCase]:
    qs = MediationCase.objects.select_related("mediator", "escalation_body", "motion").prefetch_related("parties")
    if has_role(user, Role.AUDITOR) or has_role(user, Role.BOARD):
        return qs
    from guardian.shortcuts import get_objects_for_user

    mediated = get_objects_for_user(
        user, "governance.mediate_mediationcase", klass=MediationCase, accept_global_perms=False
    )
    return qs.filter(Q(parties=user) | Q(pk__in=mediated.values("pk"))).distinct()
