"""Mutual performance reviews: cycles, teams, reviews, results and disputes."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from coop.audit import acting, history_kwargs
from coop.models import NoticeKind
from coop.notices import notices_send
from coop.roles import Role
from coop.services_common import require_role
from governance.models import Body
from governance.services.mediation import mediation_open

from ..models import (
    MemberRate,
    RateAdjustmentProposal,
    Review,
    ReviewCriterion,
    ReviewCycle,
    ReviewDispute,
    ReviewScore,
    ReviewTeamMember,
)
from ._common import CENT, check_period

# A mean score of 3 keeps the rate; each point above or below moves it by this share, inside the band.
STEP_PER_POINT = Decimal("0.025")


@transaction.atomic
def review_criterion_create(*, name: str, description: str, actor, reason: str) -> ReviewCriterion:
    """Define a criterion reviews score; the Board or Operations defines them."""
    require_role(actor, Role.BOARD, Role.OPERATIONS, action=_("define review criteria"))
    with acting(actor, reason):
        criterion = ReviewCriterion(name=(name or "").strip(), description=(description or "").strip())
        criterion.full_clean()
        criterion.save()
    return criterion


@transaction.atomic
def review_cycle_open(
    *,
    name: str,
    period_start: date,
    period_end: date,
    team: list,
    criteria: list,
    rate_changes_opted_in: bool,
    actor,
    reason: str,
) -> ReviewCycle:
    """Open a cycle in which each member of `team` reviews their teammates on `criteria`."""
    require_role(actor, Role.BOARD, Role.OPERATIONS, action=_("open review cycles"))
    check_period(period_start, period_end)
    members = {m.pk: m for m in team}
    if len(members) < 2:
        raise ValidationError({"team": _("A team has at least two members, so each has a teammate to review.")})
    if not criteria:
        raise ValidationError({"criteria": _("State at least one criterion the reviews follow.")})
    with acting(actor, reason):
        cycle = ReviewCycle(
            name=(name or "").strip(),
            period_start=period_start,
            period_end=period_end,
            rate_changes_opted_in=bool(rate_changes_opted_in),
        )
        cycle.full_clean()
        cycle.save()
        cycle.criteria.set(criteria)
        rows = [ReviewTeamMember(cycle=cycle, member=m) for m in members.values()]
        bulk_create_with_history(rows, ReviewTeamMember, **history_kwargs())
    notices_send(
        members.values(),
        NoticeKind.REVIEW_CYCLE_OPENED,
        lambda: (
            _("A review cycle opens: %(name)s") % {"name": cycle.name},
            _(
                "Review each of your teammates on %(name)s, for the work of %(start)s to %(end)s: a score per "
                "criterion and constructive comments. Reviewers' names are not shown to the person reviewed."
            )
            % {"name": cycle.name, "start": date_format(period_start), "end": date_format(period_end)},
        ),
        link=reverse("finance_portal:review_write", args=[cycle.pk]),
    )
    return cycle


@transaction.atomic
def review_submit(*, cycle: ReviewCycle, reviewee, scores: dict, comments: str, actor, reason: str) -> Review:
    """Record `actor`'s review of a teammate: a score from 1 to 5 per criterion and constructive comments.

    `scores` maps criterion ids (or criteria) to scores. Refuse a review of oneself, of someone
    outside the team, by someone outside the team, or a second review of the same person.
    """
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != ReviewCycle.Status.OPEN:
        raise ValidationError({"cycle": _("This review cycle is closed.")})
    if reviewee.pk == getattr(actor, "pk", None):
        raise ValidationError({"reviewee": _("No one reviews themselves; review a teammate.")})
    team = set(cycle.team.values_list("member_id", flat=True))
    if getattr(actor, "pk", None) not in team:
        raise PermissionDenied(_("Only members of this cycle's team write its reviews."))
    if reviewee.pk not in team:
        raise ValidationError({"reviewee": _("%(person)s is not on this cycle's team.") % {"person": reviewee}})
    comments = (comments or "").strip()
    if len(comments) < 20:
        raise ValidationError({"comments": _("Write constructive comments of at least 20 characters.")})
    criteria = {c.pk: c for c in cycle.criteria.all()}
    given = {getattr(k, "pk", k): v for k, v in (scores or {}).items()}
    try:
        given = {int(k): v for k, v in given.items()}
    except (TypeError, ValueError):
        raise ValidationError({"scores": _("Name each criterion by its id.")}) from None
    if set(given) != set(criteria):
        raise ValidationError(
            {
                "scores": _("Score every criterion of this cycle, and only those: %(names)s.")
                % {"names": ", ".join(c.name for c in criteria.values())}
            }
        )
    for value in given.values():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError({"scores": _("Each score is a whole number from 1 to 5.")})
    if Review.objects.filter(cycle=cycle, reviewer=actor, reviewee=reviewee).exists():
        raise ValidationError({"reviewee": _("You already reviewed this teammate in this cycle.")})
    with acting(actor, reason):
        review = Review(cycle=cycle, reviewer=actor, reviewee=reviewee, comments=comments, submitted_at=timezone.now())
        review.full_clean()
        review.save()
        rows = [ReviewScore(review=review, criterion=criteria[pk], score=value) for pk, value in given.items()]
        bulk_create_with_history(rows, ReviewScore, **history_kwargs())
    return review


@transaction.atomic
def review_cycle_close(*, cycle: ReviewCycle, actor, reason: str) -> ReviewCycle:
    """Close the cycle. Where the team opted in, propose for each reviewee a rate moved by their
    mean score, inside their band; the Board approves before anything changes. Refuse an actor
    the cycle would propose a new rate for: no office-holder proposes their own pay."""
    require_role(actor, Role.BOARD, Role.OPERATIONS, action=_("close review cycles"))
    with acting(actor, reason):
        cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
        cycle.transition_to(ReviewCycle.Status.CLOSED)
        cycle.closed_at = timezone.now()
        cycle.full_clean()
        cycle.save()
        if not cycle.rate_changes_opted_in:
            return cycle
        means = dict(
            ReviewScore.objects.filter(review__cycle=cycle)
            .values("review__reviewee")
            .annotate(mean=Avg("score"))
            .values_list("review__reviewee", "mean")
        )
        rates = MemberRate.objects.filter(member_id__in=means).select_related("band", "member")
        proposals = []
        for r in rates:
            mean = Decimal(str(means[r.member_id])).quantize(Decimal("0.01"))
            factor = 1 + (mean - 3) * STEP_PER_POINT
            proposed = min(
                max((r.rate * factor).quantize(CENT, rounding=ROUND_HALF_UP), r.band.minimum), r.band.maximum
            )
            if proposed == r.rate:
                continue
            proposals.append(
                RateAdjustmentProposal(
                    member_rate=r,
                    source=RateAdjustmentProposal.Source.REVIEW,
                    current_rate=r.rate,
                    proposed_rate=proposed,
                    target_minimum=r.band.minimum,
                    target_maximum=r.band.maximum,
                    review_cycle=cycle,
                    explanation=_("Mean review score %(mean)s in %(cycle)s.") % {"mean": mean, "cycle": cycle.name},
                )
            )
        if any(p.member_rate.member_id == getattr(actor, "pk", None) for p in proposals):
            raise PermissionDenied(
                _("Closing this cycle proposes a change of your own rate; another officer closes it.")
            )
        for proposal in proposals:
            proposal.clean_fields()
        bulk_create_with_history(proposals, RateAdjustmentProposal, **history_kwargs())
    return cycle


@transaction.atomic
def review_dispute_raise(*, review: Review, statement: str, actor, reason: str) -> ReviewDispute:
    """The reviewee disputes a review; the Board then refers it to a mediator (`review_dispute_refer`)."""
    if review.reviewee_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the member reviewed disputes a review."))
    statement = (statement or "").strip()
    if len(statement) < 10:
        raise ValidationError({"statement": _("Say what you dispute, in at least 10 characters.")})
    if ReviewDispute.objects.filter(review=review).exists():
        raise ValidationError({"review": _("This review is already disputed.")})
    with acting(actor, reason):
        dispute = ReviewDispute(review=review, statement=statement, raised_at=timezone.now())
        dispute.full_clean()
        dispute.save()
    return dispute


@transaction.atomic
def review_dispute_refer(*, dispute: ReviewDispute, mediator, actor, reason: str) -> ReviewDispute:
    """Open governance's mediation case between reviewer and reviewee; the Board opens cases."""
    require_role(actor, Role.BOARD, action=_("refer disputes to mediation"))
    with acting(actor, reason):
        dispute = (
            ReviewDispute.objects.select_for_update()
            .select_related("review__cycle", "review__reviewer", "review__reviewee")
            .get(pk=dispute.pk)
        )
        if dispute.mediation_case_id:
            raise ValidationError({"dispute": _("This dispute is already in mediation.")})
        review = dispute.review
        if mediator is None or mediator.pk in (review.reviewer_id, review.reviewee_id):
            raise ValidationError({"mediator": _("Choose a mediator who is neither party.")})
        body = Body.objects.filter(kind=Body.Kind.GENERAL_CONFERENCE).first()
        if body is None:
            raise ValidationError({"mediator": _("The General Conference is not set up yet.")})
        dispute.mediation_case = mediation_open(
            title=_("Review dispute: %(cycle)s") % {"cycle": review.cycle.name},
            parties=[review.reviewer, review.reviewee],
            mediator=mediator,
            escalation_body=body,
            actor=actor,
            reason=reason,
        )
        dispute.full_clean()
        dispute.save()
    return dispute
