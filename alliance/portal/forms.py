"""The portal's forms for the alliance: each only gathers input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PROFILE_FIELDS, PROFILE_LABELS, TEXT_LIMITS


def _reason() -> forms.CharField:
    return forms.CharField(label=_("Reason (kept in the history)"), max_length=500)


class JoinForm(forms.Form):
    peer = forms.ModelChoiceField(label=_("Alliance (an active peer)"), queryset=None)
    reason = _reason()

    def __init__(self, *args, peers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].queryset = peers


class ProfileForm(forms.Form):
    sector = forms.CharField(label=_("Sector"), max_length=TEXT_LIMITS["sector"], required=False)
    region = forms.CharField(label=_("Region"), max_length=TEXT_LIMITS["region"], required=False)
    skills = forms.CharField(
        label=_("Skills it can staff"), max_length=TEXT_LIMITS["skills"], required=False, widget=forms.Textarea
    )
    contracts_sought = forms.CharField(
        label=_("Contracts it seeks"),
        max_length=TEXT_LIMITS["contracts_sought"],
        required=False,
        widget=forms.Textarea,
    )
    published = forms.MultipleChoiceField(
        label=_("Fields published to the alliance"),
        choices=[(field, PROFILE_LABELS[field]) for field in PROFILE_FIELDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only these fields ever leave the cooperative. The size is counted from the member register."),
    )
    reason = _reason()


class ReasonForm(forms.Form):
    reason = _reason()
