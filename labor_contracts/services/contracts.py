"""Writes for labor contracts: terms while in draft, then the lifecycle
draft → negotiated → approved → active → completed or terminated."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.models import DocumentVersion, GoverningDocument
from coop.money import MONEY
from coop.roles import Role
from coop.selectors import cooperative_current, policy_value
from coop.services_common import exact_decimal, require_role

from ..models import Assignment, ContractRoleRate, LaborContract, Milestone

TERM_FIELDS = frozenset(
    {"client", "title", "scope", "msa_version", "billing_basis", "fixed_value", "starts_on", "ends_on"}
)
Status = LaborContract.Status


def _reject_terms(fields: dict) -> None:
    if "owner_percent" in fields:
        raise ValidationError(
            {
                "owner_percent": _(
                    "The owners' percentage cannot be typed in: it is captured from the policy number "
                    "the General Conference set, when the Board approves the contract."
                )
            }
        )
    unknown = set(fields) - TERM_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in sorted(unknown)})
    if fields.get("fixed_value") is not None:
        fields["fixed_value"] = exact_decimal(fields["fixed_value"], field="fixed_value", positive=True, **MONEY)


def _locked(contract: LaborContract) -> LaborContract:
    return LaborContract.objects.select_for_update().get(pk=contract.pk)


def _require_draft(contract: LaborContract) -> None:
    if not contract.terms_editable:
        raise ValidationError(
            {
                "status": _("The terms of a %(status)s contract are fixed; only a draft changes.")
                % {"status": contract.get_status_display().lower()}
            }
        )


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def contract_create(*, actor, reason: str, **terms) -> LaborContract:
    """Write a draft labor contract with a client."""
    require_role(actor, Role.OPERATIONS, action=_("write labor contracts"))
    _reject_terms(terms)
    with acting(actor, reason):
        return _save(LaborContract(**terms))


@transaction.atomic
def contract_update(*, contract: LaborContract, actor, reason: str, **changes) -> LaborContract:
    """Change the terms of a draft contract."""
    require_role(actor, Role.OPERATIONS, action=_("change labor contracts"))
    _reject_terms(changes)
    with acting(actor, reason):
        contract = _locked(contract)
        _require_draft(contract)
        for name, value in changes.items():
            setattr(contract, name, value)
        return _save(contract)


@transaction.atomic
def contract_role_rate_set(*, contract: LaborContract, role: str, hourly_rate, actor, reason: str) -> ContractRoleRate:
    """Set the hourly rate billed for `role` on a draft contract billed per role."""
    require_role(actor, Role.OPERATIONS, action=_("set contract rates"))
    hourly_rate = exact_decimal(hourly_rate, field="hourly_rate", positive=True, **MONEY)
    with acting(actor, reason):
        contract = _locked(contract)
        _require_draft(contract)
        if contract.billing_basis != LaborContract.BillingBasis.HOURLY_ROLE:
            raise ValidationError({"role": _("Only a contract billed per role has role rates.")})
        rate = ContractRoleRate.objects.filter(contract=contract, role=role).first() or ContractRoleRate(
            contract=contract, role=role
        )
        rate.hourly_rate = hourly_rate
        return _save(rate)


@transaction.atomic
def milestone_add(*, contract: LaborContract, title: str, amount, due_on: date, actor, reason: str) -> Milestone:
    """Add a billable milestone to a draft fixed-value contract."""
    require_role(actor, Role.OPERATIONS, action=_("set milestones"))
    amount = exact_decimal(amount, field="amount", positive=True, **MONEY)
    with acting(actor, reason):
        contract = _locked(contract)
        _require_draft(contract)
        if contract.billing_basis != LaborContract.BillingBasis.FIXED:
            raise ValidationError({"amount": _("Only a fixed-value contract has milestones.")})
        if not (contract.starts_on <= due_on <= contract.ends_on):
            raise ValidationError({"due_on": _("A milestone falls due within the contract's dates.")})
        return _save(Milestone(contract=contract, title=title, amount=amount, due_on=due_on))


@transaction.atomic
def milestone_reach(*, milestone: Milestone, reached_on: date, actor, reason: str) -> Milestone:
    """Record that a milestone was delivered, so it can be invoiced."""
    require_role(actor, Role.OPERATIONS, action=_("record milestones"))
    with acting(actor, reason):
        milestone = Milestone.objects.select_for_update().select_related("contract").get(pk=milestone.pk)
        if milestone.contract.status != Status.ACTIVE:
            raise ValidationError({"milestone": _("Milestones are reached only on an active contract.")})
        if reached_on > timezone.localdate():
            raise ValidationError({"reached_on": _("A milestone cannot be reached in the future.")})
        milestone.transition_to(Milestone.Status.REACHED)
        milestone.reached_on = reached_on
        return _save(milestone)


def _msa_in_force() -> DocumentVersion | None:
    return DocumentVersion.objects.filter(
        document__kind=GoverningDocument.Kind.MASTER_STAFFING_AGREEMENT, status=DocumentVersion.Status.ADOPTED
    ).first()


def _check_complete_terms(contract: LaborContract) -> None:
    if contract.billing_basis == LaborContract.BillingBasis.HOURLY_ROLE and not contract.role_rates.exists():
        raise ValidationError({"role_rates": _("Set the hourly rate of at least one role before negotiating.")})
    if contract.billing_basis == LaborContract.BillingBasis.FIXED:
        total = contract.milestones.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if total != contract.fixed_value:
            raise ValidationError(
                {
                    "milestones": _(
                        "The milestones add up to %(total)s; they must add up to the fixed value %(value)s."
                    )
                    % {"total": total, "value": contract.fixed_value}
                }
            )


def terms_agree(contract: LaborContract) -> None:
    """Check that `contract`'s terms are complete and fix them under the Master Staffing Agreement in
    force, as the client agrees to them (negotiated here, or offered to a peer cooperative)."""
    msa = _msa_in_force()
    if msa is None:
        raise ValidationError({"msa_version": _("No Master Staffing Agreement is in force; adopt one first.")})
    if contract.msa_version_id not in (None, msa.pk):
        raise ValidationError(
            {
                "msa_version": _("%(version)s is not in force; negotiate under %(current)s.")
                % {"version": contract.msa_version, "current": msa}
            }
        )
    _check_complete_terms(contract)
    contract.msa_version = msa


@transaction.atomic
def contract_negotiate(*, contract: LaborContract, actor, reason: str) -> LaborContract:
    """Record that the CEO or a manager agreed the terms with the client, under the Master
    Staffing Agreement version in force."""
    require_role(actor, Role.OPERATIONS, action=_("negotiate labor contracts"))
    with acting(actor, reason):
        contract = _locked(contract)
        if contract.client.peer_id is not None:
            raise ValidationError(
                {
                    "client": _(
                        "The client is a peer cooperative: its CEO agrees to the terms on its own installation. "
                        "Offer the contract to it instead."
                    )
                }
            )
        contract.transition_to(Status.NEGOTIATED)
        terms_agree(contract)
        contract.negotiated_by = person(actor)
        contract.negotiated_at = timezone.now()
        return _save(contract)


@transaction.atomic
def contract_reopen(*, contract: LaborContract, actor, reason: str) -> LaborContract:
    """Send a negotiated contract back to draft to change its terms before the Board approves."""
    require_role(actor, Role.OPERATIONS, action=_("reopen labor contracts"))
    with acting(actor, reason):
        contract = _locked(contract)
        if contract.client.peer_id is not None:
            raise ValidationError(
                {"status": _("Both cooperatives agreed to these terms; a contract with a peer is not reopened.")}
            )
        contract.transition_to(Status.DRAFT)
        contract.negotiated_by = None
        contract.negotiated_at = None
        return _save(contract)


@transaction.atomic
def contract_approve(*, contract: LaborContract, actor, reason: str) -> LaborContract:
    """Approve a negotiated contract for the Board, capturing the owners' percentage in force now."""
    require_role(actor, Role.BOARD, action=_("approve labor contracts"))
    cooperative = cooperative_current()
    if cooperative is None or not cooperative.is_incorporated:
        raise ValidationError(
            {
                "status": _(
                    "The cooperative is still in the club phase: complete the Incorporation step of the startup "
                    "sequence before the Board approves a labor contract."
                )
            }
        )
    with acting(actor, reason):
        contract = _locked(contract)
        contract.transition_to(Status.APPROVED)
        # Captured once: a later vote changes new contracts, never this one.
        contract.owner_percent = policy_value("owner_contract_percent")
        contract.approved_by = person(actor)
        contract.approved_at = timezone.now()
        return _save(contract)


@transaction.atomic
def contract_activate(*, contract: LaborContract, actor, reason: str) -> LaborContract:
    """Start the work: owners log hours, and bonuses are suspended while the contract is active."""
    require_role(actor, Role.OPERATIONS, action=_("activate labor contracts"))
    with acting(actor, reason):
        contract = _locked(contract)
        contract.transition_to(Status.ACTIVE)
        contract.activated_at = timezone.now()
        return _save(contract)


def _close(contract: LaborContract, status: str) -> LaborContract:
    contract = _locked(contract)
    contract.transition_to(status)
    contract.closed_at = timezone.now()
    _save(contract)
    for assignment in Assignment.objects.select_for_update().filter(contract=contract, status=Assignment.Status.ACTIVE):
        assignment.transition_to(Assignment.Status.ENDED)
        _save(assignment)
    return contract


@transaction.atomic
def contract_complete(*, contract: LaborContract, actor, reason: str) -> LaborContract:
    """Close a contract whose work is done; its assignments end."""
    require_role(actor, Role.OPERATIONS, action=_("complete labor contracts"))
    with acting(actor, reason):
        return _close(contract, Status.COMPLETED)


@transaction.atomic
def contract_terminate(*, contract: LaborContract, actor, reason: str) -> LaborContract:
    """End a contract early; its assignments end."""
    require_role(actor, Role.OPERATIONS, Role.BOARD, action=_("terminate labor contracts"))
    with acting(actor, reason):
        return _close(contract, Status.TERMINATED)
