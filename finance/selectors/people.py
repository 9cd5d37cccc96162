"""Reads about people: pay bands and rates, office holders, reviews."""

from __future__ import annotations

from django.db.models import Avg, Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from coop.roles import Role, has_role

from ..models import (
    MemberRate,
    PayBand,
    RateAdjustmentProposal,
    Review,
    ReviewCycle,
    ReviewDispute,
    ReviewScore,
    ReviewTeamMember,
)


def pay_bands() -> QuerySet[PayBand]:
    # An aggregate drops the model's ordering; pages and the API need it to paginate stably.
    return PayBand.objects.annotate(members=Count("rates")).order_by("minimum", "role")


def member_rates() -> QuerySet[MemberRate]:
    return MemberRate.objects.select_related("member", "band")


def pay_band_role_of(user) -> str | None:
    """Return the role of the band `user` is paid in, or None when they have no hourly rate."""
    return MemberRate.objects.filter(member_id=getattr(user, "pk", None)).values_list("band__role", flat=True).first()


def rate_proposals() -> QuerySet[RateAdjustmentProposal]:
    return RateAdjustmentProposal.objects.select_related(
        "member_rate__member", "member_rate__band", "review_cycle", "decided_by"
    )


def office_holder(kind: str):
    """Return the user holding the office `kind` ("president" or "ceo") now, or None.

    The offices are governance's: the holder is whoever has an active term of that office.
    """
    from governance.models import OfficeTerm

    term = OfficeTerm.objects.active().filter(office__kind=kind).select_related("holder").order_by("starts_at").first()
    return term.holder if term else None


def review_cycles() -> QuerySet[ReviewCycle]:
    return (
        ReviewCycle.objects.prefetch_related("criteria", "team__member")
        .annotate(review_count=Count("reviews"))
        .order_by("-period_end", "name")
    )


def _count_per_cycle(rows: QuerySet) -> Coalesce:
    counted = rows.filter(cycle=OuterRef("pk")).order_by().values("cycle").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def reviews_to_write(user) -> QuerySet[ReviewCycle]:
    """Open cycles where `user` is on the team and has teammates still to review, with `to_review`."""
    return (
        ReviewCycle.objects.filter(status=ReviewCycle.Status.OPEN, team__member=user)
        .annotate(
            to_review=_count_per_cycle(ReviewTeamMember.objects.exclude(member=user))
            - _count_per_cycle(Review.objects.filter(reviewer=user))
        )
        .filter(to_review__gt=0)
        .order_by("period_end", "pk")
    )


def teammates_to_review(*, cycle: ReviewCycle, user) -> QuerySet[ReviewTeamMember]:
    """The members of `cycle`'s team `user` has not reviewed yet (never `user` themselves)."""
    done = Review.objects.filter(cycle=cycle, reviewer=user).values("reviewee")
    return (
        ReviewTeamMember.objects.filter(cycle=cycle)
        .exclude(member=user)
        .exclude(member__in=done)
        .select_related("member")
        .order_by("member__first_name", "member__email")
    )


def reviews() -> QuerySet[Review]:
    scores = ReviewScore.objects.select_related("criterion")
    return Review.objects.select_related("cycle", "reviewer", "reviewee").prefetch_related(
        Prefetch("scores", queryset=scores)
    )


def reviews_visible_to(user) -> QuerySet[Review]:
    """Officers and auditors see every review; a member sees the reviews they wrote and those
    about them (the latter shown without the reviewer's name)."""
    if any(has_role(user, r) for r in (Role.BOARD, Role.OPERATIONS, Role.AUDITOR)):
        return reviews()
    from django.db.models import Q

    return reviews().filter(Q(reviewer=user) | Q(reviewee=user))


def feedback_for(user) -> QuerySet[Review]:
    """Reviews about `user`, newest cycle first. Callers never show the reviewer."""
    return reviews().filter(reviewee=user).order_by("-cycle__period_end", "pk")


def mean_scores_for(user) -> QuerySet:
    return (
        ReviewScore.objects.filter(review__reviewee=user)
        .values("review__cycle__name", "criterion__name")
        .annotate(mean=Avg("score"))
        .order_by("review__cycle__name", "criterion__name")
    )


def disputes() -> QuerySet[ReviewDispute]:
    return ReviewDispute.objects.select_related("review__cycle", "review__reviewee", "mediation_case")
