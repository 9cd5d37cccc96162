from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import selectors


class TimeEntryForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Task"), queryset=None)
    date = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=_("Hours"), max_digits=4, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        initial=_("Hours worked"),
        help_text=_("Kept in the record's history with your name."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = selectors.loggable_tasks(user)
        self.fields["task"].label_from_instance = lambda task: f"{task.project.name} · {task.name}"
