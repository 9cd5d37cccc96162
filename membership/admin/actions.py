"""Bulk actions that ask the officer for a reason on a confirmation page before calling a service."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ActionReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for this change"), max_length=500,
        help_text=gettext_lazy("Kept in each record's history with your name."),
        widget=forms.TextInput(attrs={"size": 80}),
    )


def reason_action(
    name: str, description, service: Callable, permissions: tuple[str, ...] = ("change",)
) -> Callable:
    """Build an admin action that confirms, asks for a reason and applies `service(obj, actor, reason)`
    to each selected record in its own savepoint, reporting every refusal by name."""

    def action(modeladmin, request, queryset):
        form = ActionReasonForm(request.POST if request.POST.get("confirm") else None)
        if form.is_valid():
            done, refused = 0, []
            for obj in queryset:
                try:
                    with transaction.atomic():
                        service(obj, actor=request.user, reason=form.cleaned_data["reason"])
                    done += 1
                except ValidationError as error:
                    refused.append(f"{obj}: {'; '.join(error.messages)}")
            if done:
                modeladmin.message_user(request, _("%(action)s: %(count)s done.") % {
                    "action": description, "count": done}, messages.SUCCESS)
            for line in refused:
                modeladmin.message_user(request, line, messages.ERROR)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": description,
            "action_name": name,
            "queryset": queryset,
            "form": form,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/membership/action_reason.html", context)

    action.__name__ = name
    return admin.action(description=description, permissions=permissions)(action)
