"""What every domain admin shares: history for auditors, a reason for every change, read-only registers."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

REASON_FIELD = "change_reason"
RECORD_HISTORY_HELP = _("Kept in the record's history with your name.")


def reason_field(help_text=RECORD_HISTORY_HELP) -> forms.CharField:
    """Return the required "reason for this change" field that every write in the admin asks for."""
    return forms.CharField(
        label=_("Reason for this change"),
        max_length=500,
        help_text=help_text,
        widget=forms.TextInput(attrs={"size": 80}),
    )


class ReasonForm(forms.ModelForm):
    change_reason = reason_field()


class AuditedModelAdmin(SimpleHistoryAdmin):
    """A ModelAdmin whose changes carry the officer's reason into the history.

    Subclasses implement `save_via_service(request, obj, form, change, reason)` to call the
    app's service; a ValidationError from the service becomes a form error, nothing is written.
    """

    form = ReasonForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not self._may_write(request, obj):
            return fieldsets
        named = {name for _title, options in fieldsets for name in options.get("fields", ())}
        if REASON_FIELD not in named:
            fieldsets = [
                (title, {**options, "fields": [f for f in options.get("fields", ()) if f != REASON_FIELD]})
                for title, options in fieldsets
            ]
            fieldsets.append((_("Audit"), {"fields": [REASON_FIELD]}))
        return fieldsets

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != REASON_FIELD]
        return [*fields, REASON_FIELD] if self._may_write(request, obj) else fields

    def _may_write(self, request, obj) -> bool:
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Records are ended by a service (a status change), never deleted: history must stay whole.
        return False

    def _changeform_view(self, request, object_id, form_url, extra_context):
        try:
            return super()._changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # The admin runs this view in a transaction: undo whatever the service began.
            transaction.set_rollback(True)
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data[REASON_FIELD]
        self.save_via_service(request, obj, form, change, reason)

    def save_via_service(self, request, obj, form, change, reason):
        raise NotImplementedError(f"{type(self).__name__} must save through its app's service.")


class ReadOnlyAdminMixin:
    """Records written only by services elsewhere: visible here, never added, edited or deleted."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Viewable with its history, changed by no one here."""


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Rows shown under their parent, every field read-only, none added or removed here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields
