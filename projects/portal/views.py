"""Member portal pages: projects, their Gantt chart and critical path, hours and the staffing plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import selectors, services
from ..forms import TimeEntryForm
from ..models import Task

GANTT_FIELDS = ("start_date", "end_date", "progress")


@login_required
@require_safe
def project_list(request):
    return render(request, "projects/project_list.html", {"projects": selectors.projects_for_user(request.user)})


@login_required
@require_safe
def project_detail(request, pk: int):
    project = selectors.project_access(request.user, pk)
    gantt = selectors.gantt_data(project)
    context = {
        "project": project,
        "may_manage": selectors.may_manage(request.user, project),
        "gantt_rows": gantt.rows(),
        "critical_tasks": gantt.critical_tasks(),
        "team": selectors.team_members(project),
        "milestones": project.milestones.all(),
        "managers": selectors.project_managers(project),
        "gantt_messages": {
            "saving": _("Saving"),
            "saved": _("Saved"),
            "notSaved": _("Not saved, the chart was put back:"),
            "refused": _("The change was refused."),
            "network": _("The server could not be reached."),
            "chartLabel": _("Gantt chart of the project's tasks"),
            # A refusal names the field as the person knows it, not by its key in the API.
            "fields": {
                **{name: capfirst(Task._meta.get_field(name).verbose_name) for name in GANTT_FIELDS},
                "reason": _("Reason"),
            },
        },
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_safe
def project_staffing(request, pk: int):
    project = selectors.project_access(request.user, pk)
    return render(request, "projects/staffing.html", {"project": project, "rows": selectors.staffing_plan(project)})


@login_required
def time_log(request):
    """Log hours on a task of one's projects, and list the hours already logged."""
    form = TimeEntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.time_entry_log(user=request.user, actor=request.user, reason=values.pop("reason"), **values)
        except ValidationError as error:
            # The service's own atomic block already undid its writes; the page still renders.
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your hours were logged."))
            return redirect("projects:time_log")
    entries = selectors.time_entries_for_user(request.user).filter(user=request.user)[:50]
    return render(request, "projects/time_log.html", {"form": form, "entries": entries})
