"""The terms of pay band change and surplus allocation motions: checked and recorded when the
motion is proposed, put in force or refused when it is certified. Governance calls these through
the outcomes finance registers (`finance.outcomes`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop.audit import acting
from governance.models import Motion

from ..models import PayBand, PayBandMotion, SurplusAllocation, SurplusMotion
from .pay import check_band, pay_band_adopt
from .surplus import surplus_allocation_adopt, surplus_allocation_refuse


def pay_band_motion_check(terms) -> dict:
    """Return the role and exact limits a pay band change would adopt, or raise a ValidationError
    naming the term, so a motion that could never be put in force is refused before anyone votes."""
    role = (terms.get("pay_band_role") or "").strip()
    if not role:
        raise ValidationError({"pay_band_role": _("Name the role the band is for.")})
    if len(role) > PayBand._meta.get_field("role").max_length:
        raise ValidationError({"pay_band_role": _("A role name has at most 100 characters.")})
    try:
        minimum, maximum = check_band(terms.get("pay_band_minimum"), terms.get("pay_band_maximum"))
    except ValidationError as error:
        raise ValidationError({f"pay_band_{k}": v for k, v in error.message_dict.items()}) from None
    return {"pay_band_role": role, "pay_band_minimum": minimum, "pay_band_maximum": maximum}


@transaction.atomic
def pay_band_motion_record(*, motion: Motion, terms, actor, reason: str) -> PayBandMotion:
    """Record the checked terms of the pay band change `motion` proposes, with the motion."""
    with acting(actor, reason):
        row = PayBandMotion(
            motion=motion,
            role=terms["pay_band_role"],
            minimum=terms["pay_band_minimum"],
            maximum=terms["pay_band_maximum"],
        )
        row.full_clean()
        row.save()
    return row


@transaction.atomic
def pay_band_motion_apply(*, motion: Motion, basis: str, actor, reason: str, **_ignored) -> PayBand:
    """Put in force the band an adopted, certified pay band change `motion` set (`basis` names it)."""
    terms = PayBandMotion.objects.get(motion=motion)
    return pay_band_adopt(
        role=terms.role, minimum=terms.minimum, maximum=terms.maximum, basis=basis, actor=actor, reason=reason
    )


def surplus_motion_check(terms) -> dict:
    """Return the allocation a surplus motion puts to the vote, locked, or raise a ValidationError:
    it must be one the Board proposed, nobody adopted or withdrew, and no other motion carries."""
    chosen = terms.get("surplus_allocation")
    pk = chosen.pk if isinstance(chosen, SurplusAllocation) else chosen
    allocation = SurplusAllocation.objects.select_for_update().filter(pk=pk).first() if pk is not None else None
    if allocation is None or allocation.status != SurplusAllocation.Status.PROPOSED:
        raise ValidationError(
            {
                "surplus_allocation": _(
                    "Name a surplus allocation the Board has proposed and nobody has adopted or withdrawn."
                )
            }
        )
    pending = SurplusMotion.objects.filter(allocation=allocation).exclude(
        motion__status__in=[Motion.Status.WITHDRAWN, Motion.Status.CERTIFIED]
    )
    if pending.exists():
        raise ValidationError(
            {"surplus_allocation": _("A motion on this allocation is already before the General Conference.")}
        )
    return {"surplus_allocation": allocation}


@transaction.atomic
def surplus_motion_record(*, motion: Motion, terms, actor, reason: str) -> SurplusMotion:
    """Record which proposed allocation `motion` puts to the General Conference."""
    with acting(actor, reason):
        row = SurplusMotion(motion=motion, allocation=terms["surplus_allocation"])
        row.full_clean()
        row.save()
    return row


@transaction.atomic
def surplus_motion_apply(*, motion: Motion, basis: str, actor, reason: str, **_ignored) -> SurplusAllocation:
    """Adopt the allocation an adopted, certified surplus `motion` put to the vote."""
    allocation = SurplusMotion.objects.get(motion=motion).allocation
    return surplus_allocation_adopt(allocation=allocation, basis=basis, actor=actor, reason=reason)


@transaction.atomic
def surplus_motion_refuse(*, motion: Motion, basis: str, actor, reason: str) -> SurplusAllocation:
    """Withdraw the allocation the General Conference voted down in `motion`."""
    allocation = SurplusMotion.objects.get(motion=motion).allocation
    return surplus_allocation_refuse(allocation=allocation, basis=basis, actor=actor, reason=reason)
