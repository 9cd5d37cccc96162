"""The share ledger and members' share requests in the admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import AuditedModelAdmin, ReasonForm
from coop.pagination import EstimatedCountPaginator
from coop.roles import Role

from .. import services
from ..models import ShareRequest, ShareTransaction


class ShareTransactionForm(ReasonForm):
    class Meta:
        model = ShareTransaction
        fields = ["member", "kind", "quantity"]


@admin.register(ShareTransaction)
class ShareTransactionAdmin(AuditedModelAdmin):
    """The ledger: the Board issues or redeems shares here; nothing recorded is ever edited."""

    form = ShareTransactionForm
    list_display = ["occurred_at", "member", "kind", "quantity", "balance_after", "par_value", "amount", "note"]
    list_filter = ["kind", ("occurred_at", admin.DateFieldListFilter)]
    list_select_related = ["member__user"]
    search_fields = ["member__legal_name", "member__user__email", "note"]
    autocomplete_fields = ["member"]
    # No date_hierarchy: its year links scan the whole ledger (a DISTINCT over a million rows per page,
    # see docs/performance.md); the date filter above narrows by period without reading every row.
    show_full_result_count = False
    paginator = EstimatedCountPaginator  # no COUNT(*) of the whole table per page (docs/performance.md)
    fields = ["member", "kind", "quantity"]
    readonly_fields = [
        "change",
        "balance_after",
        "par_value",
        "amount",
        "occurred_at",
        "recorded_by",
        "request",
        "note",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*self.fields, "change_reason"]
        return [*self.fields, *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [*self.fields, *self.readonly_fields] if obj is not None else []

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        action = services.share_purchase if obj.kind == ShareTransaction.Kind.ISSUE else services.share_redeem
        saved = action(member=obj.member, quantity=obj.quantity, actor=request.user, reason=reason)
        # The confirmation names what was recorded (member, shares, amount at par), not the blank form.
        for field in saved._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))


@admin.register(ShareRequest)
class ShareRequestAdmin(AuditedModelAdmin):
    """Members ask in the portal; the Board approves or rejects here, with a reason."""

    list_display = ["submitted_at", "member", "kind", "quantity", "status", "note", "decided_by", "decision_note"]
    list_filter = ["status", "kind"]
    list_select_related = ["member__user", "decided_by"]
    search_fields = ["member__legal_name", "member__user__email"]
    readonly_fields = [
        "member",
        "kind",
        "quantity",
        "status",
        "submitted_at",
        "note",
        "decided_at",
        "decided_by",
        "decision_note",
    ]
    fields = readonly_fields
    actions = [
        service_action(
            "approve",
            _("Approve the selected requests"),
            lambda r, **kw: services.share_request_approve(share_request=r, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "reject",
            _("Reject the selected requests"),
            lambda r, **kw: services.share_request_reject(share_request=r, **kw),
            roles=(Role.BOARD,),
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def get_fields(self, request, obj=None):
        return self.fields

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": self.fields})]

    def save_via_service(self, request, obj, form, change, reason):
        raise forms.ValidationError(_("Decide a request with the Approve or Reject action."))
