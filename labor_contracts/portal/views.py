"""The owner's labor-contract pages: assignments, timesheets with their state, contract pay."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from .. import selectors, services
from ..models import Assignment, LaborContract


class TimesheetForm(forms.Form):
    contract = forms.ModelChoiceField(queryset=LaborContract.objects.none(), label=gettext_lazy("Contract"))
    day = forms.DateField(label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=gettext_lazy("Hours"), max_digits=4, decimal_places=2)
    description = forms.CharField(label=gettext_lazy("Work done"), max_length=500, required=False)
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept in the history)"), max_length=500, initial=gettext_lazy("Hours worked")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = LaborContract.objects.filter(
            status=LaborContract.Status.ACTIVE, assignments__owner=user, assignments__status=Assignment.Status.ACTIVE
        ).select_related("client")


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@require_safe
def overview(request):
    return render(
        request,
        "labor_contracts/overview.html",
        {
            "assignments": selectors.assignments().filter(owner=request.user).order_by("-contract__starts_on"),
            "bonus_suspension": selectors.bonus_suspension(),
            "progress": selectors.labor_progress(),
            "capital": selectors.capital_against_target(),
        },
    )


@login_required
def timesheets(request):
    form = TimesheetForm(request.POST or None, user=request.user, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.timesheet_log(
                    owner=request.user,
                    contract=data["contract"],
                    day=data["day"],
                    hours=data["hours"],
                    description=data["description"],
                    actor=request.user,
                    reason=data["reason"],
                )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your hours are saved as a draft; submit them when ready."))
            return redirect("labor_contracts_portal:timesheets")
    entries = selectors.timesheets().filter(owner=request.user).order_by("-day")[:200]
    return render(request, "labor_contracts/timesheets.html", {"form": form, "entries": entries})


@login_required
@require_POST
def timesheet_submit(request, pk):
    entry = get_object_or_404(selectors.timesheets().filter(owner=request.user), pk=pk)
    try:
        with transaction.atomic():
            services.timesheet_submit(entry=entry, actor=request.user, reason=_("Submitted for approval"))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Submitted for a manager's approval."))
    return redirect("labor_contracts_portal:timesheets")


@login_required
@require_safe
def pay(request):
    return render(request, "labor_contracts/pay.html", {"rows": selectors.owner_pay_for(request.user)})
