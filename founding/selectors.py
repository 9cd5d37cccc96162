"""Founding reads: conveners and the sunset, the application queue, the founding General
Conference's progress, the business plan in force and the capital raised towards its target."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import DecimalField, ExpressionWrapper, F, Prefetch, QuerySet, Sum

from coop.models import DocumentVersion, GoverningDocument
from governance.models import Motion, Office
from governance.startup import REQUIRED
from labor_contracts.selectors import capital_raised
from membership.models import DuesPayment, ShareTransaction

from .models import Application, ApplicationQuestion, BusinessPlanMilestone, BusinessPlanTerms, Convenership, Invitation
from .services._common import founding_election_needs
from .services.recruitment import token_hash

CENT = Decimal("0.01")


def conveners() -> QuerySet[Convenership]:
    """Return the conveners, with the motion that ended each one's powers, if any."""
    return Convenership.objects.select_related("user", "ending_motion")


@dataclass(frozen=True)
class Sunset:
    active: int
    ended: int
    needs: list[str]

    @property
    def has_come(self) -> bool:
        return not self.needs


def convener_sunset() -> Sunset:
    """Return how many conveners still hold Board powers and what the sunset still waits for."""
    active = Convenership.objects.active().count()
    return Sunset(active=active, ended=Convenership.objects.count() - active, needs=founding_election_needs())


def application_questions() -> QuerySet[ApplicationQuestion]:
    """Return the questions the public application form asks now."""
    return ApplicationQuestion.objects.filter(active=True)


APPLICATIONS_WAITING = (Application.Status.RECEIVED, Application.Status.APPLICANT)


def applications() -> QuerySet[Application]:
    """Return the applications to join, with their answers, reviewer and member once admitted."""
    return Application.objects.select_related("member", "reviewed_by").prefetch_related("answers__question")


def applications_waiting() -> QuerySet[Application]:
    """Return the applications waiting for the Board: received (invite or decline) and signed up
    (admit or decline)."""
    return Application.objects.filter(status__in=APPLICATIONS_WAITING)


def invitation_for_token(token: str) -> Invitation | None:
    """Return the usable invitation behind `token`, or None."""
    invitation = Invitation.objects.select_related("application").filter(token_hash=token_hash(token or "")).first()
    return invitation if invitation is not None and invitation.is_usable() else None


# ---------------------------------------------------------------------------------------------
# The founding General Conference
# ---------------------------------------------------------------------------------------------


@dataclass
class ConferenceStep:
    key: str
    title: str
    motion: object | None
    done: bool
    office: object | None = None
    needs: list[str] = field(default_factory=list)


def board_office(pk):
    """Return the Board office with id `pk`, or raise a ValidationError naming the field."""
    office = Office.objects.elected().filter(pk=pk).first() if str(pk or "").isdigit() else None
    if office is None:
        raise ValidationError({"office": "Choose a Board office."})
    return office


def _last_motion(motions, **match):
    for motion in motions:
        if all(getattr(motion, k) == v for k, v in match.items()) and motion.status != "withdrawn":
            return motion
    return None


def founding_conference() -> list[ConferenceStep]:
    """Return the founding General Conference's steps: the Bylaws, then each Board office."""
    motions = list(
        Motion.objects.filter(kind__in=[Motion.Kind.BYLAW_AMENDMENT, Motion.Kind.ELECTION])
        .select_related("office", "result", "document_version")
        .order_by("-pk")
    )
    bylaws_motion = _last_motion(motions, kind=Motion.Kind.BYLAW_AMENDMENT)
    bylaws_adopted = DocumentVersion.objects.filter(
        document__kind=GoverningDocument.Kind.BYLAWS, status=DocumentVersion.Status.ADOPTED, motions__status="certified"
    ).exists()
    steps = [ConferenceStep("bylaws", "Bylaws", bylaws_motion, bylaws_adopted)]
    needs = set(founding_election_needs())
    offices = {o.kind: o for o in Office.objects.filter(kind__in=REQUIRED)}
    for kind in REQUIRED:
        office = offices.get(kind)
        missing = [n for n in needs if str(Office.Kind(kind).label) in n]
        steps.append(
            ConferenceStep(
                kind,
                str(Office.Kind(kind).label),
                _last_motion(motions, office=office),
                not missing,
                office=office,
                needs=missing,
            )
        )
    return steps


# ---------------------------------------------------------------------------------------------
# The business plan and the capital target
# ---------------------------------------------------------------------------------------------


def business_plan_terms_in_force() -> BusinessPlanTerms | None:
    """Return the figures of the business-plan version in force, adopted by vote, or None."""
    milestones = BusinessPlanMilestone.objects.select_related("project")
    return (
        BusinessPlanTerms.objects.filter(
            version__status=DocumentVersion.Status.ADOPTED, version__document__kind=GoverningDocument.Kind.BUSINESS_PLAN
        )
        .select_related("version__document")
        .prefetch_related(Prefetch("milestones", queryset=milestones))
        .first()
    )


def business_plan_terms_proposed() -> QuerySet[BusinessPlanTerms]:
    """Return the business plan terms whose version still awaits the Conference's vote."""
    return BusinessPlanTerms.objects.filter(version__status=DocumentVersion.Status.PROPOSED).select_related("version")


@dataclass(frozen=True)
class CapitalProgress:
    target: Decimal | None
    dues: Decimal
    shares: Decimal
    labor_margin: Decimal

    @property
    def raised(self) -> Decimal:
        return self.dues + self.shares + self.labor_margin

    @property
    def percent(self) -> Decimal | None:
        if not self.target:
            return None
        return min(Decimal(100), (self.raised * 100 / self.target).quantize(Decimal("0.1")))

    @property
    def missing(self) -> Decimal | None:
        return None if self.target is None else max(Decimal(0), self.target - self.raised)


def capital_progress() -> CapitalProgress:
    """Return the capital target in force and what dues, shares and labor contracts raised towards it."""
    terms = business_plan_terms_in_force()
    dues = DuesPayment.objects.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    # Issues add and redemptions take away: `change` carries the sign, at each row's par value.
    signed = ExpressionWrapper(F("change") * F("par_value"), output_field=DecimalField(max_digits=14, decimal_places=2))
    shares = ShareTransaction.objects.aggregate(total=Sum(signed))["total"] or Decimal(0)
    return CapitalProgress(
        target=terms.capital_target if terms else None,
        dues=Decimal(dues).quantize(CENT),
        shares=Decimal(shares).quantize(CENT),
        labor_margin=capital_raised(),
    )
