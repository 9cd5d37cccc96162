"""Forms of the founding pages. They collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coop.models import Cooperative


class SetupForm(forms.Form):
    token = forms.CharField(
        label=_("Setup token"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "Proof that you run this server: the link printed on the server's console when it "
            "starts, or by “python manage.py setup_token”, fills it in."
        ),
    )
    name = forms.CharField(label=_("Name of the cooperative"), max_length=200)
    jurisdiction = forms.CharField(label=_("State or country of incorporation"), max_length=100)
    unit = forms.ChoiceField(label=_("Unit of account"), choices=Cooperative.Unit.choices)
    currency_code = forms.CharField(label=_("Currency (ISO code, in money mode)"), max_length=3, initial="USD")
    mission = forms.CharField(label=_("Mission statement"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    default_language = forms.ChoiceField(
        label=_("Default language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_(
            "The language of the governing documents' templates, and of everyone who chooses none and whose "
            "browser asks for none the platform has."
        ),
    )
    email = forms.EmailField(label=_("Your email address (first convener)"))
    first_name = forms.CharField(label=_("Your first name"), max_length=150)
    last_name = forms.CharField(label=_("Your last name"), max_length=150)
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, min_length=10)
    other_conveners = forms.CharField(
        label=_("Other conveners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line: email, first name, last name. They set their password through "
            "“Forgot your password?” on the login page."
        ),
    )


class ApplicationForm(forms.Form):
    legal_name = forms.CharField(label=_("Your legal name"), max_length=200)
    email = forms.CharField(label=_("Email address"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=question.required,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (kept in the history)"), max_length=500)


class VoteWindowForm(ReasonForm):
    closes_at = forms.DateTimeField(
        label=_("Voting closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class PlanForm(ReasonForm):
    capital_target = forms.DecimalField(label=_("Capital target"), max_digits=14, decimal_places=2, min_value=0)
    milestones = forms.CharField(
        label=_("Milestones"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: target date (YYYY-MM-DD), title, measure."),
    )


class IncorporationForm(ReasonForm):
    legal_form = forms.ChoiceField(
        label=_("Incorporated as"),
        choices=[c for c in Cooperative.LegalForm.choices if c[0] != Cooperative.LegalForm.CLUB],
    )
    incorporated_on = forms.DateField(label=_("Filing date"), widget=forms.DateInput(attrs={"type": "date"}))
    registration_number = forms.CharField(label=_("Registration number"), max_length=100)
