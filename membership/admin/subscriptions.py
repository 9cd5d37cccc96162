"""Shares subscribed by instalments in the admin: the Board subscribes, records cash instalments
and cancels here; each list shows what is owed and in arrears."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import AuditedModelAdmin
from coop.roles import Role

from .. import selectors, services
from ..models import ShareSubscription, SubscriptionPayment


@admin.register(ShareSubscription)
class ShareSubscriptionAdmin(AuditedModelAdmin):
    """The Board subscribes shares for a member here; the payments are recorded on their own page."""

    list_display = [
        "subscribed_at",
        "member",
        "quantity",
        "price",
        "paid",
        "owed_now",
        "arrears",
        "frequency",
        "instalment",
        "status",
    ]
    list_filter = ["status", "frequency"]
    list_select_related = ["member__user"]
    search_fields = ["member__legal_name", "member__user__email"]
    autocomplete_fields = ["member"]
    fields = ["member", "quantity", "down_payment", "instalment", "frequency", "started_on"]
    readonly_fields = [
        "par_value",
        "price",
        "paid",
        "payslips_charged",
        "status",
        "refunded",
        "subscribed_at",
        "subscribed_by",
        "closed_at",
        "note",
    ]
    actions = [
        service_action(
            "cancel",
            _("Cancel the selected subscriptions and return what was paid"),
            lambda s, **kw: services.subscription_cancel(subscription=s, **kw),
            permissions=("add",),
            roles=(Role.BOARD,),
        ),
    ]

    @admin.display(description=_("owed"))
    def owed_now(self, obj):
        return selectors.subscription_standing(obj).owed

    @admin.display(description=_("in arrears"))
    def arrears(self, obj):
        return selectors.subscription_standing(obj).arrears

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*self.fields, "change_reason"]
        return [*self.fields, *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [*self.fields, *self.readonly_fields] if obj is not None else []

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        saved = services.share_subscribe(
            member=obj.member,
            quantity=obj.quantity,
            down_payment=obj.down_payment,
            instalment=obj.instalment,
            frequency=obj.frequency,
            started_on=obj.started_on,
            actor=request.user,
            reason=reason,
        )
        for field in saved._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))


@admin.register(SubscriptionPayment)
class SubscriptionPaymentAdmin(AuditedModelAdmin):
    """Instalments paid in cash are recorded here; down payments and payroll deductions arrive by themselves."""

    list_display = ["paid_on", "subscription", "amount", "source", "reference", "recorded_by"]
    list_filter = ["source", ("paid_on", admin.DateFieldListFilter)]
    list_select_related = ["subscription__member", "recorded_by"]
    search_fields = ["subscription__member__legal_name", "subscription__member__user__email", "reference"]
    autocomplete_fields = ["subscription"]
    fields = ["subscription", "amount", "paid_on"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.fields, "source", "reference", "recorded_by", "note"] if obj is not None else []

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        saved = services.subscription_pay(
            subscription=obj.subscription, amount=obj.amount, paid_on=obj.paid_on, actor=request.user, reason=reason
        )
        obj.pk = saved.pk
