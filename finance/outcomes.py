"""The motions whose outcome finance carries out, registered with governance in `ready()`.

A pay band change and a surplus allocation are put to the General Conference as motions; their
terms are checked and recorded by `finance.services`, shown here, and put in force on
certification. Governance sees only the `Outcome` objects below.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import serializers

from governance.models import Motion
from governance.outcomes import Outcome

from . import selectors, services
from .models import SurplusAllocation


def _pay_band_form_fields() -> dict:
    return {
        "pay_band_role": forms.CharField(label=_lazy("pay band role"), max_length=100, required=False),
        "pay_band_minimum": forms.DecimalField(
            label=_lazy("new minimum hourly rate"), max_digits=14, decimal_places=2, required=False
        ),
        "pay_band_maximum": forms.DecimalField(
            label=_lazy("new maximum hourly rate"), max_digits=14, decimal_places=2, required=False
        ),
    }


def _pay_band_api_fields() -> dict:
    return {
        "pay_band_role": serializers.CharField(required=False, default="", allow_blank=True, max_length=100),
        "pay_band_minimum": serializers.DecimalField(required=False, max_digits=14, decimal_places=2),
        "pay_band_maximum": serializers.DecimalField(required=False, max_digits=14, decimal_places=2),
    }


def _pay_band_terms(motion: Motion) -> dict:
    terms = getattr(motion, "pay_band_motion", None)
    if terms is None:
        return {}
    return {"pay_band_role": terms.role, "pay_band_minimum": str(terms.minimum), "pay_band_maximum": str(terms.maximum)}


def _pay_band_describe(motion: Motion) -> str:
    terms = getattr(motion, "pay_band_motion", None)
    if terms is None:
        return ""
    return _("Sets the %(role)s pay band to %(low)s–%(high)s per hour.") % {
        "role": terms.role,
        "low": terms.minimum,
        "high": terms.maximum,
    }


def _surplus_form_fields() -> dict:
    return {
        "surplus_allocation": forms.ModelChoiceField(
            label=_lazy("surplus allocation"),
            queryset=SurplusAllocation.objects.filter(status=SurplusAllocation.Status.PROPOSED),
            required=False,
            help_text=_lazy("The Board's proposed allocation put to the vote."),
        )
    }


def _surplus_api_fields() -> dict:
    return {"surplus_allocation": serializers.IntegerField(required=False)}


def _surplus_terms(motion: Motion) -> dict:
    terms = getattr(motion, "surplus_motion", None)
    return {"surplus_allocation": terms.allocation_id} if terms else {}


def _surplus_describe(motion: Motion) -> str:
    terms = getattr(motion, "surplus_motion", None)
    if terms is None:
        return ""
    a = terms.allocation
    text = _(
        "Allocates the surplus of %(start)s to %(end)s (%(surplus)s): %(reserves)s to reserves, "
        "%(bonuses)s to bonuses, %(dividends)s as patronage dividends."
    )
    if a.solidarity:
        text = _(
            "Allocates the surplus of %(start)s to %(end)s (%(surplus)s): %(solidarity)s to the alliance's "
            "solidarity fund, %(reserves)s to reserves, %(bonuses)s to bonuses, %(dividends)s as patronage "
            "dividends."
        )
    return text % {
        "start": a.period_start,
        "end": a.period_end,
        "surplus": a.surplus,
        "solidarity": a.solidarity,
        "reserves": a.reserves,
        "bonuses": a.bonuses,
        "dividends": a.dividends,
    }


PAY_BAND_CHANGE = Outcome(
    kind=Motion.Kind.PAY_BAND_CHANGE,
    clean=services.pay_band_motion_check,
    record=services.pay_band_motion_record,
    apply=services.pay_band_motion_apply,
    terms_of=_pay_band_terms,
    describe=_pay_band_describe,
    form_fields=_pay_band_form_fields,
    api_fields=_pay_band_api_fields,
    related=("pay_band_motion",),
)

SURPLUS_ALLOCATION = Outcome(
    kind=Motion.Kind.SURPLUS_ALLOCATION,
    clean=services.surplus_motion_check,
    record=services.surplus_motion_record,
    apply=services.surplus_motion_apply,
    refuse=services.surplus_motion_refuse,
    terms_of=_surplus_terms,
    describe=_surplus_describe,
    form_fields=_surplus_form_fields,
    api_fields=_surplus_api_fields,
    related=("surplus_motion__allocation",),
)

OUTCOMES = (PAY_BAND_CHANGE, SURPLUS_ALLOCATION)
# (check, matches) pairs for governance's conflict registry.
CONFLICTS = ((selectors.motion_pay_conflict, selectors.motion_pay_conflict_matches),)
