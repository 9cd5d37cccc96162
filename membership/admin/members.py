"""The member register in the admin: the Board keeps it, Auditors read it, Operations sees staffing facts."""

from __future__ import annotations

from django.contrib import admin
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from coop.admin_actions import service_action
from coop.admin_mixins import AuditedModelAdmin
from coop.admin_search import TableSearchMixin
from coop.pagination import EstimatedCountPaginator

from .. import selectors, services
from ..models import Member
from ..selectors.voting import rule_label
from .resources import MemberResource

PERSONAL_FIELDS = ("legal_name", "email", "phone", "postal_address")


class SharesHeldFilter(admin.SimpleListFilter):
    title = _("shares held")
    parameter_name = "shares"

    def lookups(self, request, model_admin):
        return [("none", _("None")), ("1-9", _("1 to 9")), ("10+", _("10 or more"))]

    def queryset(self, request, queryset):
        return {
            "none": lambda: queryset.filter(share_balance=0),
            "1-9": lambda: queryset.filter(share_balance__gte=1, share_balance__lte=9),
            "10+": lambda: queryset.filter(share_balance__gte=10),
        }.get(self.value(), lambda: queryset)()


def _remind(member, *, actor, reason):
    services.dues_reminders_send(members=[member], actor=actor, reason=reason)


@admin.register(Member)
class MemberAdmin(ImportExportMixin, TableSearchMixin, AuditedModelAdmin):
    resource_classes = [MemberResource]
    list_filter = [
        "status",
        ("applied_on", admin.DateFieldListFilter),
        ("owner_since", admin.DateFieldListFilter),
        SharesHeldFilter,
    ]
    list_select_related = ["user"]
    # No date_hierarchy: its year links scan the whole register on every page (docs/performance.md).
    show_full_result_count = False
    paginator = EstimatedCountPaginator  # no COUNT(*) of the whole table per page (docs/performance.md)
    autocomplete_fields = ["user"]
    search_fields = ["legal_name", "user__email"]  # narrowed per role in get_search_fields; indexed (0004)
    actions = [
        service_action(
            "admit", _("Admit as provisional owners"), lambda m, **kw: services.member_admit(member=m, **kw)
        ),
        service_action("promote", _("Promote to owners"), lambda m, **kw: services.member_promote(member=m, **kw)),
        service_action("suspend", _("Suspend"), lambda m, **kw: services.member_suspend(member=m, **kw)),
        service_action("reinstate", _("Reinstate"), lambda m, **kw: services.member_reinstate(member=m, **kw)),
        service_action("send_dues_reminder", _("Send a dues reminder"), _remind),
    ]

    def get_queryset(self, request):
        return selectors.with_voting_weight(super().get_queryset(request).select_related("user"))

    def _personal(self, request) -> bool:
        return selectors.may_see_personal_data(request.user)

    def get_list_display(self, request):
        if self._personal(request):
            return ["legal_name", "email", "status", "applied_on", "owner_since", "share_balance", "weight_display"]
        return ["display_name", "status", "provisional_since", "owner_since"]

    def get_search_fields(self, request):
        if self._personal(request):
            return ["legal_name", "user__email", "user__first_name", "user__last_name"]
        return ["user__first_name", "user__last_name"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "legal_name", "phone", "postal_address", "applied_on", "change_reason"]
        return super().get_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return super().get_fieldsets(request, obj)
        status = (
            _("Status"),
            {
                "fields": [
                    "status",
                    "applied_on",
                    "provisional_since",
                    "owner_since",
                    "suspended_on",
                    "suspended_from",
                    "departed_on",
                ]
            },
        )
        if not self._personal(request):
            return [(None, {"fields": ["display_name"]}), status]
        sets = [
            (None, {"fields": ["user", "legal_name", "phone", "postal_address"]}),
            status,
            (_("Shares and vote"), {"fields": ["share_balance", "capital", "voting_weight_explained"]}),
        ]
        if self._may_write(request, obj):
            sets.append((_("Audit"), {"fields": ["change_reason"]}))
        return sets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        computed = [
            "display_name",
            "share_balance",
            "capital",
            "voting_weight_explained",
            "user",
            "status",
            "applied_on",
            "provisional_since",
            "owner_since",
            "suspended_on",
            "suspended_from",
            "departed_on",
        ]
        if not self._personal(request) or not self.has_change_permission(request, obj):
            return [*computed, "legal_name", "phone", "postal_address"]
        return computed

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._personal(request):
            actions.pop("export_admin_action", None)
        return actions

    def has_import_permission(self, request) -> bool:
        return self.has_add_permission(request)

    def has_export_permission(self, request) -> bool:
        return self._personal(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "actor": request.user}

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("name"), ordering="user__last_name")
    def display_name(self, obj):
        return obj.user.get_full_name() or obj.legal_name

    @admin.display(description=_("voting weight"), ordering="weight")
    def weight_display(self, obj):
        return f"{formats.localize(obj.weight.normalize())} ({rule_label(obj.weight_rule)})"

    @admin.display(description=_("capital account"))
    def capital(self, obj):
        account = selectors.capital_account(obj)
        return f"{account.shares} × {formats.localize(account.par_value)} = {formats.localize(account.total)}"

    @admin.display(description=_("voting weight, and why"))
    def voting_weight_explained(self, obj):
        weight = selectors.voting_weight(member=obj)
        return f"{formats.localize(weight.weight)}: {weight.explanation}"

    def save_via_service(self, request, obj, form, change, reason):
        if change:
            changes = {n: form.cleaned_data[n] for n in form.changed_data if n in services.MEMBER_EDITABLE_FIELDS}
            saved = services.member_update(member=obj, actor=request.user, reason=reason, **changes)
        else:
            saved = services.member_apply(
                user=form.cleaned_data["user"],
                legal_name=form.cleaned_data["legal_name"],
                phone=form.cleaned_data.get("phone", ""),
                postal_address=form.cleaned_data.get("postal_address", ""),
                applied_on=form.cleaned_data.get("applied_on"),
                actor=request.user,
                reason=reason,
            )
        obj.pk = saved.pk
