"""What every domain admin shares: history for auditors, a reason for every change, read-only
registers, pages that scale."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import pairwise
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db import models, transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange, ModelDelta
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from coop.roles import ROLE_LABELS, has_role

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


class HistoryAdmin(SimpleHistoryAdmin):
    """A SimpleHistoryAdmin whose history page runs the same number of queries however many versions.

    django-simple-history already pages the versions and joins each one's user and tracked
    foreign keys, but the "Object" column rebuilds every version as a fresh model instance, so a
    `__str__` that follows a foreign key (a member's account) ran one query per row. Each
    version's instance here gets the related objects its row already joined. The oldest version
    of each page is diffed against the one that follows on the next page, so every row shows its
    field-by-field changes, not only those inside one page. The many-to-many fields a history
    tracks (an account's groups) are read for all the page's versions at once.

    The page speaks the reader's language: its own headings, each change's values as the record's
    page shows them (a choice's label, not its stored code), and who acted.
    """

    object_history_list_template = "admin/history_list.html"

    def history_view_title(self, request, obj):
        return gettext("History of %(record)s") % {"record": obj}

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChangeHelper(self.model, historical_record)

    def get_actions(self, request):
        # An action built for some roles only (`service_action(roles=...)`) is not offered to the
        # others: the Auditor, who may view motions, is never shown "Close and count".
        return {name: entry for name, entry in super().get_actions(request).items() if may_run(request.user, entry[0])}

    # simple-history looks the ids of its two pages up as the address gives them: an id that is not
    # a key ("5/change", "abc") would fail in the database as a 500. It is a 404 here.
    def changelist_view(self, request, extra_context=None):
        # A changelist takes a POST only to run an action the person may run: for anyone else it
        # is refused, not quietly shown again as a GET.
        if request.method == "POST" and not self.get_actions(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        _key_or_404(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show one past version of the record as values, never as a form.

        History is evidence. simple-history's own page is the change form filled with the old
        version, and a POST of it saves that version back over the record (a "revert") for every
        role that may merely view the model. Here anything but a read is refused before a row is
        looked up, and the page shows the version's values with who changed them, when and why.
        """
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        _key_or_404(self.model._meta.pk, unquote(object_id))
        history_model = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        _key_or_404(history_model._meta.pk, version_id)
        opts = self.model._meta
        version = get_object_or_404(
            history_model.objects.select_related("history_user"),
            **{opts.pk.attname: unquote(object_id), "history_id": version_id},
        )
        instance = version.instance
        if not self.has_view_history_or_change_history_permission(request, instance):
            raise PermissionDenied
        rows = [
            (field.verbose_name, _display_value(instance, field))
            for field in version.tracked_fields
            if not field.primary_key
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(record)s as it was on %(when)s")
            % {"record": instance, "when": formats.date_format(version.history_date, "DATETIME_FORMAT")},
            "opts": opts,
            "original": instance,
            "version": version,
            "rows": rows,
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history", args=[quote(instance.pk)]
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/history_version.html", context)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        queryset = super().get_history_queryset(request, history_manager, pk_name, object_id)
        # On a model with no tracked foreign key, simple-history's select_related() with no names
        # drops its own join of history_user: name it again.
        return queryset.select_related("history_user")

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = _page_and_the_next_version(historical_records)
        for record in records:
            record.history_object = _version_with_joined_relations(record)
        # simple-history's diff reads the many-to-many rows of both versions of every pair with
        # `.values()`, two queries a row that no prefetch avoids: diff without them, then compare
        # the rows read here for all the page's versions at once.
        m2m_rows = _m2m_rows_by_version(records, foreign_keys_are_objs)
        for new, old in pairwise(records):
            delta = new.diff_against(old, excluded_fields=list(m2m_rows), foreign_keys_are_objs=foreign_keys_are_objs)
            changes = [
                *delta.changes,
                *_changes_outside_forms(old, new, foreign_keys_are_objs),
                *(
                    ModelChange(name, rows[old.pk], rows[new.pk])
                    for name, rows in m2m_rows.items()
                    if rows[old.pk] != rows[new.pk]
                ),
            ]
            changes.sort(key=lambda change: change.field)  # simple-history's order
            delta = ModelDelta(changes, [change.field for change in changes], old, new)
            helper = self.get_historical_record_context_helper(request, new)
            new.history_delta_changes = helper.context_for_delta_changes(delta)
        for record in records:
            record.history_action = HISTORY_ACTIONS.get(record.history_type, record.history_type)


def _page_and_the_next_version(historical_records) -> list:
    """Return the page's versions followed by the first version of the next page, if any, read in
    one query: the page's oldest version is shown as changed from it."""
    if not (isinstance(historical_records, Page) and historical_records.has_next()):
        return list(historical_records)
    page = historical_records
    rows = list(page.paginator.object_list[page.start_index() - 1 : page.end_index() + 1])
    page.object_list = rows[:-1]
    return rows


HISTORY_ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


class ReadableChangeHelper(HistoricalRecordContextHelper):
    """Shows each value of a change as a person reads it on the record's own page: a choice's label,
    yes or no, a number or a date in the reader's format, a dash for nothing, a removed row by its key."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            related = super().prepare_delta_change_value(change, value)
            # An account's groups are its roles: their names are keys, their labels are read.
            return [ROLE_LABELS.get(obj.name, obj.name) if isinstance(obj, Group) else obj for obj in related]
        if isinstance(value, DeletedObject):
            return "—" if value.pk is None else gettext("(deleted: %(key)s)") % {"key": value.pk}
        if value is None or value == "":
            return "—"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, models.Model):
            return value
        if isinstance(value, datetime):
            value = timezone.localtime(value)
        return formats.localize(value)


def may_run(user, action) -> bool:
    """Return whether `user` holds a role that may ever run the admin `action`; an action that
    names no roles is left to its model permissions."""
    roles = getattr(action, "allowed_roles", None)
    return not roles or any(has_role(user, role) for role in roles)


def _changes_outside_forms(old, new, foreign_keys_are_objs: bool) -> list[ModelChange]:
    """The changes of tracked fields kept out of forms (a member's shares held, set only by the
    ledger): simple-history's diff reads values through `model_to_dict`, which skips them, and the
    Auditor must see them too."""
    changes = []
    for field in old.tracked_fields:
        if field.editable or field.primary_key:
            continue
        before, after = getattr(old, field.attname), getattr(new, field.attname)
        if before != after:
            if foreign_keys_are_objs and isinstance(field, models.ForeignKey):
                before, after = getattr(old, field.name), getattr(new, field.name)
            changes.append(ModelChange(field.name, before, after))
    return changes


def _m2m_rows_by_version(records: list, foreign_keys_are_objs: bool) -> dict[str, dict[Any, list[dict]]]:
    """Return the through-rows of every tracked many-to-many field of `records` by history id,
    as simple-history's `diff_against` lists them, in one query per field."""
    if not records:
        return {}
    found = {}
    for field in records[0]._history_m2m_fields:
        m2m_model = getattr(records[0], field.name).model
        opts = m2m_model._meta
        # The fields simple-history compares, and those it shows as objects.
        names = [f.name for f in opts.fields if f.editable and f.name not in ["id", "m2m_history_id", "history"]]
        fks = [name for name in names if isinstance(opts.get_field(name), models.ForeignKey)]
        rows = (
            m2m_model._default_manager.filter(history__in=[record.pk for record in records])
            .order_by(get_m2m_reverse_field_name(field))
            .select_related(*(fks if foreign_keys_are_objs else ()))
        )
        found[field.name] = by_version = defaultdict(list)
        for row in rows:
            by_version[row.history_id].append(
                {name: _through_value(row, name, fks, foreign_keys_are_objs) for name in names}
            )
    return found


def _through_value(row, name: str, fks: list[str], foreign_keys_are_objs: bool):
    """Return the value simple-history's diff gives the field `name` of a through-`row`."""
    if name not in fks:
        return getattr(row, name)
    field = row._meta.get_field(name)
    if not foreign_keys_are_objs:
        return getattr(row, field.attname)
    related = getattr(row, name)  # joined; None when the related row was since deleted
    return related if related is not None else DeletedObject(field.related_model, getattr(row, field.attname))


def _display_value(instance: models.Model, field: models.Field) -> str:
    """Return what a person reads for `field` of `instance`: a choice's label, a related row's name."""
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    if isinstance(field, models.ForeignKey):
        try:
            related = getattr(instance, field.name)
        except field.related_model.DoesNotExist:
            return gettext("(deleted: %(key)s)") % {"key": getattr(instance, field.attname)}
        return "" if related is None else str(related)
    value = getattr(instance, field.attname)
    return "" if value is None else formats.localize(value)


def _key_or_404(field: models.Field, value: str) -> None:
    try:
        field.to_python(value)
    except ValidationError:
        raise Http404 from None


def _version_with_joined_relations(record) -> models.Model:
    """Return the model instance of a historical `record`, its foreign keys filled from the joined rows."""
    instance = record.history_object
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        try:
            joined = record._meta.get_field(field.name)
        except FieldDoesNotExist:
            continue  # a field kept out of the history
        related = joined.get_cached_value(record, default=None)
        if related is not None:  # a related row since deleted is left to the usual lookup
            field.set_cached_value(instance, related)
    return instance


def add_service_errors(form, error: ValidationError) -> None:
    """Put each message of `error` next to its field, or above the form when the form has no such field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class AuditedModelAdmin(HistoryAdmin):
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
        if getattr(request, "showing_history_version", False):
            return False
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def action_checkbox(self, obj):
        # Django's markup, without rendering a form widget's template for each row: on a changelist
        # of 100 members those templates took about a fifth of the page's time.
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Records are ended by a service (a status change), never deleted: history must stay whole.
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "_service_refusal", None)
        if refusal is None:
            return form_class

        class RefusedForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                add_service_errors(self, refusal)

        RefusedForm.__name__ = form_class.__name__
        return RefusedForm

    def _changeform_view(self, request, object_id, form_url, extra_context):
        if request.method != "POST":  # only a save can be refused: a page that is read needs no savepoint
            return super()._changeform_view(request, object_id, form_url, extra_context)
        try:
            # A savepoint: a refusal undoes whatever the service began, and the page is drawn again.
            with transaction.atomic():
                return super()._changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # Show the same form again, bound to what was typed, with the service's words next to
            # each field it names (above the form for the others): nothing typed is lost.
            request._service_refusal = error
            return super()._changeform_view(request, object_id, form_url, extra_context)

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


class ReadOnlyAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Viewable with its history, changed by no one here."""


class ServiceActionsAdmin(ReadOnlyAdmin):
    """Records only services move, through the list's actions: each record's page is read with its
    history, a POST to it is refused whether the record exists or not, and the actions are offered
    to whoever holds the model's change permission (the services still decide who may act)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    def has_change_permission(self, request, obj=None) -> bool:
        # The actions need the change permission; the record itself stays read-only.
        opts = self.opts
        return obj is None and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class ReadOnlyUntrackedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Viewable, changed by no one here, for a table that keeps no history (its model says why in
    HISTORY_EXEMPT_REASON): a POST to its list or its (empty) history page is refused, as on
    every other read-only page."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        # Django looks the record up first, and sends anyone to the index when it is missing: someone
        # who may not read the table is refused whether the record exists or not.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context=extra_context)


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Rows shown under their parent, every field read-only, none added or removed here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields
