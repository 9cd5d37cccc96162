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
        tasks = selectors.loggable_tasks(user)
        field = self.fields["task"]
        field.queryset = tasks
        # Grouped by project, so a member finds their task among every project's without reading
        # the project name on each line; the queryset still decides what is valid.
        groups: dict[str, list] = {}
        for task in tasks:
            groups.setdefault(task.project.name, []).append((task.pk, task.name))
        field.choices = [("", _("Choose a task")), *groups.items()]
        field.widget.attrs.update(
            {
                "data-task-picker": "",
                "data-search-label": _("Find a task by its name or its project's"),
                "data-count-template": _("%s tasks match"),
            }
        )
        # The browser's date picker offers no day to come; the service refuses one anyway.
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
