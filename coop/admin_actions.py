"""Admin actions that confirm, ask for a reason (and a comment when needed), then call a service
on each selected record in its own transaction, reporting every refusal of bad input by name.
A forbidden actor is a 403, as at every other door."""

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

from coop.admin_mixins import reason_field
from coop.roles import Role

CONFIRM_TEMPLATE = "admin/confirm_action.html"


class ActionReasonForm(forms.Form):
    reason = reason_field(help_text=gettext_lazy("Kept in each record's history with your name."))


class ActionCommentForm(ActionReasonForm):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the owner"), max_length=500, widget=forms.TextInput(attrs={"size": 80})
    )


def confirm_and_apply(
    modeladmin,
    request,
    queryset,
    *,
    name: str,
    description,
    service: Callable,
    with_comment: bool = False,
    template: str = CONFIRM_TEMPLATE,
    details: Callable | None = None,
) -> TemplateResponse | None:
    """Show the confirmation page for action `name`; once confirmed with a reason, apply
    `service(obj, actor=, reason=[, comment=])` to each record of `queryset` in its own transaction.

    `template` (extending the standard confirmation page) and `details(queryset) -> dict` show what
    the officer should weigh before confirming: a vote closing early, the outcome a result applies.

    A record refused for a rule writes nothing and is reported with the rule. A PermissionDenied
    (the officer may not act) is not caught: the request ends in a 403 and, the request being one
    transaction, nothing of the action is written."""
    form_class = ActionCommentForm if with_comment else ActionReasonForm
    form = form_class(request.POST if request.POST.get("confirm") else None)
    if not form.is_valid():
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": description,
            "action_name": name,
            "queryset": queryset,
            "form": form,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            **(details(queryset) if details is not None else {}),
        }
        return TemplateResponse(request, template, context)
    extra = {"comment": form.cleaned_data["comment"]} if with_comment else {}
    done, refused = 0, []
    for obj in queryset:
        try:
            with transaction.atomic():
                service(obj, actor=request.user, reason=form.cleaned_data["reason"], **extra)
            done += 1
        except ValidationError as error:
            refused.append(f"{obj}: {'; '.join(error.messages)}")
    if done:
        modeladmin.message_user(
            request, _("%(action)s: %(count)s done.") % {"action": description, "count": done}, messages.SUCCESS
        )
    for line in refused:
        modeladmin.message_user(request, line, messages.ERROR)
    return None


def service_action(
    name: str,
    description,
    service: Callable,
    *,
    permissions=("change",),
    roles: tuple[Role, ...] = (),
    with_comment: bool = False,
    template: str = CONFIRM_TEMPLATE,
    details: Callable | None = None,
) -> Callable:
    """Build the admin action `name` that applies `service(obj, actor=, reason=[, comment=])` to
    each selected record, after a confirmation page asking for the reason (and showing what
    `details(queryset)` returns, in `template`).

    `roles` are the roles the service lets act (its `require_role`): the action is offered only to
    a person holding one of them, so that nobody is shown a button the service will refuse."""

    def action(modeladmin, request, queryset):
        return confirm_and_apply(
            modeladmin,
            request,
            queryset,
            name=name,
            description=description,
            service=service,
            with_comment=with_comment,
            template=template,
            details=details,
        )

    action.__name__ = name
    action.allowed_roles = tuple(roles)
    return admin.action(description=description, permissions=permissions)(action)
