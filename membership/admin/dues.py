"""Club-phase dues in the admin: schedules, charges, payments and reminders."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import AuditedModelAdmin, ReadOnlyAdmin

from .. import services
from ..models import DuesCharge, DuesPayment, DuesReminder, DuesSchedule


@admin.register(DuesSchedule)
class DuesScheduleAdmin(AuditedModelAdmin):
    list_display = ["name", "amount", "period_days", "starts_on", "active"]
    list_filter = ["active"]
    fields = ["name", "amount", "period_days", "starts_on"]
    actions = [
        service_action(
            "charge_current_period",
            _("Charge the current period to every owner"),
            lambda s, **kw: services.dues_charge_period(schedule=s, **kw),
            permissions=("add",),
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.fields, "active"] if obj is not None else []

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        saved = services.dues_schedule_create(
            name=obj.name,
            amount=obj.amount,
            period_days=obj.period_days,
            starts_on=obj.starts_on,
            actor=request.user,
            reason=reason,
        )
        obj.pk = saved.pk


@admin.register(DuesCharge)
class DuesChargeAdmin(ReadOnlyAdmin):
    list_display = ["member", "period_start", "period_end", "amount", "schedule"]
    list_filter = ["schedule", ("period_start", admin.DateFieldListFilter)]
    list_select_related = ["member__user", "schedule"]
    search_fields = ["member__legal_name", "member__user__email"]


@admin.register(DuesPayment)
class DuesPaymentAdmin(AuditedModelAdmin):
    list_display = ["member", "amount", "paid_on", "reference", "recorded_by"]
    list_filter = [("paid_on", admin.DateFieldListFilter)]
    list_select_related = ["member__user", "recorded_by"]
    search_fields = ["member__legal_name", "member__user__email", "reference"]
    autocomplete_fields = ["member"]
    fields = ["member", "amount", "paid_on", "reference"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.fields, "recorded_by"] if obj is not None else []

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        saved = services.dues_payment_record(
            member=obj.member,
            amount=obj.amount,
            paid_on=obj.paid_on,
            reference=obj.reference,
            actor=request.user,
            reason=reason,
        )
        obj.pk = saved.pk


@admin.register(DuesReminder)
class DuesReminderAdmin(ReadOnlyAdmin):
    list_display = ["member", "sent_at", "arrears"]
    list_select_related = ["member__user"]
    search_fields = ["member__legal_name", "member__user__email"]
