"""Forms of the core's portal pages. They collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        widget=forms.RadioSelect,
        # Each language is named in itself, so that whoever reads only one of them finds it.
        choices=[("", _("My browser's language, else the cooperative's")), *settings.LANGUAGES],
    )
