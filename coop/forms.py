"""Forms of the core's portal pages. They collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import NoticeDelivery, NoticeKind


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        widget=forms.RadioSelect,
        # Each language is named in itself, so that whoever reads only one of them finds it.
        choices=[("", _("My browser's language, else the cooperative's")), *settings.LANGUAGES],
    )


class NoticePreferencesForm(forms.Form):
    """One choice per kind of notice: at once, a daily or weekly digest, or the inbox only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            self.fields[kind] = forms.ChoiceField(label=label, choices=NoticeDelivery.choices)
