"""Reads about people: pay bands and rates, office holders, reviews."""

from __future__ import annotations

from django.db.models import Avg, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from coop.roles import Role, has_role
from governance.models import Motion, Office, OfficeTerm

from ..models import (
    MemberRate,
    PayBand,
    PayBandMotion,
    RateAdjustmentProposal,
    Review,
    ReviewCycle,
    ReviewDispute,
    ReviewScore,
    ReviewTeamMember,
    SurplusMotion,
)


def pay_bands() -> QuerySet[PayBand]:
    """Return the pay bands, each with its number of members, lowest first."""
    # An aggregate drops the model's ordering; pages and the API need it to paginate stably.
    return PayBand.objects.annotate(members=Count("rates")).order_by("minimum", "role")


def member_rates() -> QuerySet[MemberRate]:
    """Return each member's rate and the pay band it sits in."""
    return MemberRate.objects.select_related("member", "band")


def pay_band_role_of(user) -> str | None:
    """Return the role of the band `user` is paid in, or None when they have no hourly rate."""
    return MemberRate.objects.filter(member_id=getattr(user, "pk", None)).values_list("band__role", flat=True).first()


# Policy numbers that set an office holder's own pay: that holder never certifies the vote.
PAY_KEYS = {
    "president_bonus_payroll_percent": Office.Kind.PRESIDENT,
    "president_bonus_equity_percent": Office.Kind.PRESIDENT,
    "ceo_bonus_surplus_percent": Office.Kind.CEO,
}


def _holds(user, kind: str) -> bool:
    return OfficeTerm.objects.active().filter(holder=user, office__kind=kind).exists()


def motion_pay_conflict(motion: Motion, user) -> str | None:
    """Return why `motion` touches `user`'s own pay or bonus, so they may not certify it, or None:
    a policy number that sets the pay of an office they hold, a change of their own role's pay
    band, or a surplus allocation that funds the bonus of an office they hold."""
    if motion.kind == Motion.Kind.POLICY_CHANGE:
        office_kind = PAY_KEYS.get(motion.policy_key)
        if office_kind and _holds(user, office_kind):
            return _("This motion sets the pay of an office you hold.")
    if motion.kind == Motion.Kind.PAY_BAND_CHANGE:
        terms = PayBandMotion.objects.filter(motion=motion).first()
        if terms is not None and pay_band_role_of(user) == terms.role:
            return _("This motion changes the pay band of your own role.")
    if motion.kind == Motion.Kind.SURPLUS_ALLOCATION:
        funds_bonus = SurplusMotion.objects.filter(motion=motion, allocation__bonuses__gt=0).exists()
        if funds_bonus and (_holds(user, Office.Kind.PRESIDENT) or _holds(user, Office.Kind.CEO)):
            return _("This allocation funds the bonus of an office you hold.")
    return None


def motion_pay_conflict_matches(user_id: int) -> Q:
    """Match the motions `motion_pay_conflict` keeps `user_id` from certifying, in no query of its
    own: the offices they hold and the band they are paid in are subqueries of the match, so the
    desk counts the motions to certify in one query however many officers it checks."""
    held = OfficeTerm.objects.active().filter(holder_id=user_id)
    role = MemberRate.objects.filter(member_id=user_id).values("band__role")[:1]
    # An EXISTS is true or false, never NULL, so the match also holds inside exclude().
    own_band = PayBandMotion.objects.filter(motion=OuterRef("pk"), role=Subquery(role))
    match = Q(kind=Motion.Kind.PAY_BAND_CHANGE) & Q(Exists(own_band))
    for key, office_kind in PAY_KEYS.items():
        match |= Q(kind=Motion.Kind.POLICY_CHANGE, policy_key=key) & Q(Exists(held.filter(office__kind=office_kind)))
    bonus_offices = held.filter(office__kind__in=[Office.Kind.PRESIDENT, Office.Kind.CEO])
    funds_bonus = Q(kind=Motion.Kind.SURPLUS_ALLOCATION, surplus_motion__allocation__bonuses__gt=0)
    match |= funds_bonus & Q(Exists(bonus_offices))
    return match


def rate_proposals() -> QuerySet[RateAdjustmentProposal]:
    """Return the rate adjustment proposals, with the rate, review cycle and decider."""
    return RateAdjustmentProposal.objects.select_related(
        "member_rate__member", "member_rate__band", "review_cycle", "decided_by"
    )


def office_holder(kind: str):
    """Return the user holding the office `kind` ("president" or "ceo") now, or None.

    The offices are governance's: the holder is whoever has an active term of that office.
    """
    term = OfficeTerm.objects.active().filter(office__kind=kind).select_related("holder").order_by("starts_at").first()
    return term.holder if term else None


def review_cycles() -> QuerySet[ReviewCycle]:
    """Return the review cycles, newest first, each with its criteria, team and number of reviews."""
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
    """Return the peer reviews with their cycle, reviewer, reviewee and scores."""
    scores = ReviewScore.objects.select_related("criterion")
    return Review.objects.select_related("cycle", "reviewer", "reviewee").prefetch_related(
        Prefetch("scores", queryset=scores)
    )


def reviews_visible_to(user) -> QuerySet[Review]:
    """Officers and auditors see every review; a member sees the reviews they wrote and those
    about them (the latter shown without the reviewer's name)."""
    if any(has_role(user, r) for r in (Role.BOARD, Role.OPERATIONS, Role.AUDITOR)):
        return reviews()
    return reviews().filter(Q(reviewer=user) | Q(reviewee=user))


def feedback_for(user) -> QuerySet[Review]:
    """Reviews about `user`, newest cycle first. Callers never show the reviewer."""
    return reviews().filter(reviewee=user).order_by("-cycle__period_end", "pk")


def mean_scores_for(user) -> QuerySet:
    """Return `user`'s mean score per cycle and criterion; never who gave which score."""
    return (
        ReviewScore.objects.filter(review__reviewee=user)
        .values("review__cycle__name", "criterion__name")
        .annotate(mean=Avg("score"))
        .order_by("review__cycle__name", "criterion__name")
    )


def disputes_to_refer() -> QuerySet[ReviewDispute]:
    """Return the review disputes raised and not yet referred to mediation by the Board."""
    return ReviewDispute.objects.filter(mediation_case__isnull=True)


def rate_proposals_pending() -> QuerySet[RateAdjustmentProposal]:
    """Return the rate adjustment proposals waiting for the Board's decision."""
    return RateAdjustmentProposal.objects.filter(status=RateAdjustmentProposal.Status.PENDING)


def disputes() -> QuerySet[ReviewDispute]:
    """Return the review disputes, with the review and the mediation case they went to."""
    return ReviewDispute.objects.select_related("review__cycle", "review__reviewee", "mediation_case")
