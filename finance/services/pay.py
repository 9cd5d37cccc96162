"""Pay bands (adopted by vote), members' hourly rates and rate adjustment proposals."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from coop.audit import acting, history_kwargs, person
from coop.roles import Role
from coop.services_common import require_role

from ..models import MemberRate, PayBand, RateAdjustmentProposal
from ._common import amount

PENDING = RateAdjustmentProposal.Status.PENDING
OWN_PROPOSAL = _lazy("No one decides a change of their own rate; another Board member does.")


def check_band(minimum, maximum):
    """Return the exact minimum and maximum of a band, or raise a ValidationError naming the limit."""
    minimum = amount(minimum, field="minimum")
    maximum = amount(maximum, field="maximum")
    if maximum < minimum:
        raise ValidationError(
            {"maximum": _("The maximum (%(max)s) is below the minimum (%(min)s).") % {"max": maximum, "min": minimum}}
        )
    return minimum, maximum


def _clamp(rate, minimum, maximum):
    return min(max(rate, minimum), maximum)


@transaction.atomic
def pay_band_adopt(*, role: str, minimum, maximum, basis: str, actor, reason: str) -> PayBand:
    """Put a band adopted by the General Conference in force. Governance calls this when a
    policy-change motion about pay bands passes; `basis` names the motion.

    When the new band would leave a member's rate outside it, nothing breaks the rule: the
    change waits on the band and each such member gets a proposed adjustment into the new band.
    Once every adjustment is approved the band and those rates change together.
    """
    role = (role or "").strip()
    if not role:
        raise ValidationError({"role": _("Name the role the band is for.")})
    basis = (basis or "").strip()
    if not basis:
        raise ValidationError({"basis": _("Name the motion that adopted this band.")})
    minimum, maximum = check_band(minimum, maximum)
    with acting(actor, reason):
        band = PayBand.objects.select_for_update().filter(role=role).first()
        if band is None:
            band = PayBand(role=role, minimum=minimum, maximum=maximum, basis=basis[:200], adopted_at=timezone.now())
            band.full_clean()
            band.save()
            return band
        rates = list(MemberRate.objects.select_for_update().filter(band=band).select_related("member"))
        outside = [r for r in rates if not (minimum <= r.rate <= maximum)]
        if band.pending_minimum is not None:
            raise ValidationError({"role": _("An earlier change to this band still waits for rate adjustments.")})
        if outside:
            band.pending_minimum, band.pending_maximum, band.pending_basis = minimum, maximum, basis[:200]
            band.full_clean()
            band.save()
            proposals = [
                RateAdjustmentProposal(
                    member_rate=r,
                    source=RateAdjustmentProposal.Source.BAND_CHANGE,
                    current_rate=r.rate,
                    proposed_rate=_clamp(r.rate, minimum, maximum),
                    target_minimum=minimum,
                    target_maximum=maximum,
                    explanation=_("%(basis)s moves the %(role)s band to %(min)s–%(max)s.")
                    % {"basis": basis, "role": role, "min": minimum, "max": maximum},
                )
                for r in outside
            ]
            for proposal in proposals:
                proposal.full_clean()
            bulk_create_with_history(proposals, RateAdjustmentProposal, **history_kwargs())
            return band
        _apply_band(band, minimum, maximum, basis, rates, {})
    return band


def _apply_band(band: PayBand, minimum, maximum, basis: str, rates: list[MemberRate], new_rates: dict) -> None:
    """Change the band and every rate in it at once, each rate row's copy of the limits included."""
    band.minimum, band.maximum, band.basis, band.adopted_at = minimum, maximum, basis[:200], timezone.now()
    band.pending_minimum = band.pending_maximum = None
    band.pending_basis = ""
    band.full_clean()
    band.save()
    for r in rates:
        r.rate = new_rates.get(r.pk, r.rate)
        r.band_minimum, r.band_maximum = minimum, maximum
        r.full_clean(exclude=["member", "band"])
    if rates:
        bulk_update_with_history(rates, MemberRate, ["rate", "band_minimum", "band_maximum"], **history_kwargs())


@transaction.atomic
def member_rate_set(
    *, member, band: PayBand, rate, actor, reason: str, effective_from: date | None = None
) -> MemberRate:
    """Place `member` in `band` at `rate`. Refuse a rate outside the band, and refuse the Board
    member who would place themselves: no office-holder sets their own pay or band."""
    require_role(actor, Role.BOARD, action=_("set hourly rates"))
    _refuse_own_rate(member.pk, actor, _("No one sets their own hourly rate or band; another Board member does."))
    rate = amount(rate, field="rate")
    with acting(actor, reason):
        band = PayBand.objects.select_for_update().get(pk=band.pk)
        if not band.contains(rate):
            raise ValidationError(
                {
                    "rate": _("%(rate)s is outside the %(role)s band (%(min)s to %(max)s).")
                    % {"rate": rate, "role": band.role, "min": band.minimum, "max": band.maximum}
                }
            )
        if band.pending_minimum is not None and not band.pending_minimum <= rate <= band.pending_maximum:
            # Else the waiting change could never apply: this rate would fall outside the new band.
            raise ValidationError(
                {
                    "rate": _(
                        "%(rate)s is outside the %(min)s to %(max)s the %(role)s band moves to "
                        "once its waiting adjustments are approved."
                    )
                    % {"rate": rate, "role": band.role, "min": band.pending_minimum, "max": band.pending_maximum}
                }
            )
        current = MemberRate.objects.select_for_update().filter(member=member).first()
        if current is not None and current.proposals.filter(status=PENDING).exists():
            raise ValidationError({"rate": _("A proposed adjustment of this rate waits for a decision first.")})
        row = current or MemberRate(member=member)
        row.band, row.rate = band, rate
        row.band_minimum, row.band_maximum = band.minimum, band.maximum
        row.effective_from = effective_from or timezone.localdate()
        row.full_clean()
        row.save()
    return row


def _refuse_own_rate(member_id: int, actor, message) -> None:
    if member_id == getattr(actor, "pk", None):
        raise PermissionDenied(str(message))


def _decide(proposal: RateAdjustmentProposal, status: str, actor) -> RateAdjustmentProposal:
    proposal.transition_to(status)
    proposal.decided_at, proposal.decided_by = timezone.now(), person(actor)
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def rate_adjustment_approve(*, proposal: RateAdjustmentProposal, actor, reason: str) -> RateAdjustmentProposal:
    """Approve a proposed rate, as the bylaws say (the Board). A review proposal changes the rate at
    once; a band-change proposal waits until all of its band's proposals are approved."""
    require_role(actor, Role.BOARD, action=_("approve rate adjustments"))
    with acting(actor, reason):
        proposal = (
            RateAdjustmentProposal.objects.select_for_update().select_related("member_rate__band").get(pk=proposal.pk)
        )
        _refuse_own_rate(proposal.member_rate.member_id, actor, OWN_PROPOSAL)
        _decide(proposal, RateAdjustmentProposal.Status.APPROVED, actor)
        band = PayBand.objects.select_for_update().get(pk=proposal.member_rate.band_id)
        if proposal.source == RateAdjustmentProposal.Source.REVIEW:
            rate = MemberRate.objects.select_for_update().get(pk=proposal.member_rate_id)
            if not band.contains(proposal.proposed_rate):
                raise ValidationError({"proposed_rate": _("The band changed since; this rate is now outside it.")})
            rate.rate, rate.effective_from = proposal.proposed_rate, timezone.localdate()
            rate.full_clean()
            rate.save()
            return proposal
        waiting = RateAdjustmentProposal.objects.filter(
            member_rate__band=band, source=RateAdjustmentProposal.Source.BAND_CHANGE, status=PENDING
        )
        if not waiting.exists() and band.pending_minimum is not None:
            approved = RateAdjustmentProposal.objects.filter(
                member_rate__band=band,
                source=RateAdjustmentProposal.Source.BAND_CHANGE,
                status=RateAdjustmentProposal.Status.APPROVED,
                target_minimum=band.pending_minimum,
                target_maximum=band.pending_maximum,
            )
            new_rates = dict(approved.values_list("member_rate_id", "proposed_rate"))
            rates = list(MemberRate.objects.select_for_update().filter(band=band))
            _apply_band(band, band.pending_minimum, band.pending_maximum, band.pending_basis, rates, new_rates)
    return proposal


@transaction.atomic
def rate_adjustment_reject(*, proposal: RateAdjustmentProposal, actor, reason: str) -> RateAdjustmentProposal:
    """Reject a review's rate proposal; the rate stays; its member never decides it. A band change
    cannot be rejected here: the General Conference adopted it, so its adjustments are approved
    (possibly amended by vote)."""
    require_role(actor, Role.BOARD, action=_("reject rate adjustments"))
    with acting(actor, reason):
        proposal = RateAdjustmentProposal.objects.select_for_update().select_related("member_rate").get(pk=proposal.pk)
        _refuse_own_rate(proposal.member_rate.member_id, actor, OWN_PROPOSAL)
        if proposal.source == RateAdjustmentProposal.Source.BAND_CHANGE:
            raise ValidationError({"proposal": _("A band adopted by the General Conference is not rejected here.")})
        return _decide(proposal, RateAdjustmentProposal.Status.REJECTED, actor)
