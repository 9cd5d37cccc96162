"""Writes for staffing: which owners work on a contract, in which role."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.money import MONEY
from coop.roles import Role
from coop.services_common import exact_decimal, require_role

from ..models import Assignment, LaborContract
from ._common import require_owner


@transaction.atomic
def assignment_create(*, contract: LaborContract, owner, role: str, hourly_rate=None, actor, reason: str) -> Assignment:
    """Staff `owner` on `contract` in `role`; the rate is given only for contracts billed per owner."""
    require_role(actor, Role.OPERATIONS, action=_("staff labor contracts"))
    require_owner(owner)
    with acting(actor, reason):
        contract = LaborContract.objects.select_for_update().get(pk=contract.pk)
        if not contract.is_staffable:
            raise ValidationError(
                {
                    "contract": _("A %(status)s contract takes no new owners.")
                    % {"status": contract.get_status_display().lower()}
                }
            )
        basis = contract.billing_basis
        if basis == LaborContract.BillingBasis.HOURLY_OWNER:
            if hourly_rate is None:
                raise ValidationError({"hourly_rate": _("This contract is billed per owner: give the owner's rate.")})
            hourly_rate = exact_decimal(hourly_rate, field="hourly_rate", positive=True, **MONEY)
        elif hourly_rate is not None:
            raise ValidationError({"hourly_rate": _("Only a contract billed per owner takes a rate per assignment.")})
        if basis == LaborContract.BillingBasis.HOURLY_ROLE and not contract.role_rates.filter(role=role).exists():
            raise ValidationError({"role": _("This contract has no rate for the role %(role)s.") % {"role": role}})
        if Assignment.objects.filter(contract=contract, owner=owner).exists():
            raise ValidationError({"owner": _("This owner is already assigned to this contract.")})
        assignment = Assignment(contract=contract, owner=owner, role=role, hourly_rate=hourly_rate)
        assignment.full_clean()
        assignment.save()
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, actor, reason: str) -> Assignment:
    """Take an owner off a contract; hours already logged stay."""
    require_role(actor, Role.OPERATIONS, action=_("staff labor contracts"))
    with acting(actor, reason):
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        assignment.transition_to(Assignment.Status.ENDED)
        assignment.full_clean()
        assignment.save()
    return assignment
