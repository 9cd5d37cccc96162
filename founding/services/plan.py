"""The business plan: a new version of the Business Plan document with its capital target and
milestones, put to the General Conference, and the projects that carry the milestones out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop import services as coop_services
from coop.audit import acting
from coop.models import DocumentVersion, GoverningDocument
from coop.roles import Role
from coop.selectors import cooperative_current
from coop.services_common import require_role
from governance.models import Motion
from governance.services import motion_propose
from membership.models import DuesSchedule
from membership.services import dues_schedule_create

from ..models import BusinessPlanMilestone, BusinessPlanTerms
from ._common import require_board
from .conference import LIVE, _general_conference


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    target_date: date
    measure: str = ""
    project: object | None = None


def _amount(value) -> Decimal:
    if isinstance(value, float):
        raise ValidationError({"capital_target": _("Use an exact decimal amount, not a float.")})
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"capital_target": _("Give the capital target as an amount, such as 25000.")}) from None


@transaction.atomic
def business_plan_propose(
    *,
    capital_target,
    milestones: list[MilestoneSpec],
    actor,
    reason: str,
    text: str | None = None,
    summary: str = "",
):
    """Propose a version of the business plan with its capital target and milestones, and put it
    to the General Conference as a document amendment. Return the motion."""
    require_board(actor, action=_("propose the business plan"))
    target = _amount(capital_target)
    if not milestones:
        raise ValidationError({"milestones": _("Name at least one milestone with its target date.")})
    plan = GoverningDocument.objects.filter(kind=GoverningDocument.Kind.BUSINESS_PLAN).first()
    if plan is None:
        raise ValidationError({"document": _("The business plan is not installed; run the setup first.")})
    if Motion.objects.filter(document_version__document=plan, status__in=LIVE).exists():
        raise ValidationError({"motion": _("A business plan is already before the General Conference.")})
    pending = plan.versions.filter(status=DocumentVersion.Status.PROPOSED).order_by("-number").first()
    text = (text or "").replace("\r\n", "\n").strip()
    usable = (
        pending is not None
        and not hasattr(pending, "business_plan_terms")
        and (not text or pending.text.strip() == text)
    )
    with acting(actor, reason):
        if usable:
            version = pending
        else:
            base = text or (pending.text if pending else (plan.current_version.text if plan.current_version else ""))
            version = coop_services.document_version_propose(
                document=plan,
                text=base,
                summary=summary or _("Capital target and milestones"),
                actor=actor,
                reason=reason,
            )
        terms = BusinessPlanTerms(version=version, capital_target=target)
        terms.full_clean()
        terms.save()
        for spec in milestones:
            milestone = BusinessPlanMilestone(
                terms=terms,
                title=(spec.title or "").strip(),
                target_date=spec.target_date,
                measure=spec.measure,
                project=spec.project,
            )
            milestone.full_clean()
            milestone.save()
    return motion_propose(
        body=_general_conference(),
        kind=Motion.Kind.DOCUMENT_AMENDMENT,
        title=_("Adopt the business plan (capital target %(target)s)") % {"target": target},
        proposer=actor,
        actor=actor,
        reason=reason,
        document_version=version,
    )


@transaction.atomic
def milestone_link_project(*, milestone: BusinessPlanMilestone, project, actor, reason: str) -> BusinessPlanMilestone:
    """Name the project that carries a milestone out. The plan's figures stay as adopted."""
    require_role(actor, Role.BOARD, Role.OPERATIONS, action=_("link milestones to projects"))
    with acting(actor, reason):
        milestone = BusinessPlanMilestone.objects.select_for_update().get(pk=milestone.pk)
        milestone.project = project
        milestone.full_clean()
        milestone.save()
    return milestone


@transaction.atomic
def club_dues_start(*, actor, reason: str):
    """Start the club-phase dues schedule at the amount and period the policy numbers fix."""
    require_board(actor, action=_("start the club-phase dues"))
    cooperative = cooperative_current()
    if cooperative is not None and cooperative.is_incorporated:
        raise ValidationError({"schedule": _("Club-phase dues end at incorporation; the cooperative is incorporated.")})
    if DuesSchedule.objects.filter(active=True).exists():
        raise ValidationError({"schedule": _("A dues schedule is already running.")})
    return dues_schedule_create(name=_("Club-phase dues"), actor=actor, reason=reason)
