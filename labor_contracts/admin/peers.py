"""Contracts between cooperatives in the admin. On the client's side: the contracts a peer
cooperative offered (the CEO accepts or declines them), the hours it sent (Operations confirms or
disputes them) and its invoices (Operations pays them). On the provider's side: the hours sent to
the client cooperative, with its answer. The records are read-only here: the services move them,
each step with its reason, and tell the peer."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import ReadOnlyAdmin, ReadOnlyInline, ServiceActionsAdmin
from coop.roles import Role

from .. import services
from ..models import IncomingContract, IncomingContractRate, IncomingInvoice, IncomingTimesheet, PeerTimesheet


class IncomingContractRateInline(ReadOnlyInline):
    model = IncomingContractRate
    fields = ["role", "hourly_rate"]


@admin.register(IncomingContract)
class IncomingContractAdmin(ServiceActionsAdmin):
    list_display = ["title", "peer", "starts_on", "ends_on", "status", "received_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["peer", "decided_by"]
    search_fields = ["title"]
    readonly_fields = [
        "peer",
        "remote_ref",
        "title",
        "scope",
        "starts_on",
        "ends_on",
        "status",
        "received_at",
        "decided_by",
        "decided_at",
    ]
    inlines = [IncomingContractRateInline]
    actions = [
        service_action(
            "incoming_contracts_accept",
            _("Accept the selected contracts (CEO)"),
            lambda contract, **kw: services.incoming_contract_accept(contract=contract, **kw),
            roles=(Role.OPERATIONS,),
        ),
        service_action(
            "incoming_contracts_decline",
            _("Decline the selected contracts (CEO)"),
            lambda contract, **kw: services.incoming_contract_decline(contract=contract, **kw),
            roles=(Role.OPERATIONS,),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("peer", "decided_by")


@admin.register(IncomingTimesheet)
class IncomingTimesheetAdmin(ServiceActionsAdmin):
    list_display = ["contract", "period_start", "period_end", "hours", "status", "received_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["contract__peer", "decided_by"]
    readonly_fields = [
        "contract",
        "remote_ref",
        "period_start",
        "period_end",
        "hours",
        "hours_by_role",
        "status",
        "received_at",
        "decided_by",
        "decided_at",
        "comment",
    ]
    actions = [
        service_action(
            "incoming_timesheets_confirm",
            _("Confirm the selected hours"),
            lambda timesheet, **kw: services.incoming_timesheet_confirm(timesheet=timesheet, **kw),
            roles=(Role.OPERATIONS,),
        ),
        service_action(
            "incoming_timesheets_dispute",
            _("Dispute the selected hours"),
            lambda timesheet, **kw: services.incoming_timesheet_dispute(timesheet=timesheet, **kw),
            roles=(Role.OPERATIONS,),
            with_comment=True,
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contract__peer", "decided_by")


@admin.register(IncomingInvoice)
class IncomingInvoiceAdmin(ServiceActionsAdmin):
    list_display = ["number", "contract", "issued_on", "due_on", "total", "status", "paid_on"]
    list_filter = ["status"]
    list_select_related = ["contract__peer"]
    search_fields = ["number"]
    readonly_fields = [
        "contract",
        "number",
        "period_start",
        "period_end",
        "issued_on",
        "due_on",
        "hours",
        "total",
        "lines",
        "status",
        "received_at",
        "paid_on",
        "paid_by",
        "reference",
    ]
    actions = [
        service_action(
            "incoming_invoices_pay",
            _("Pay the selected invoices in full today"),
            lambda invoice, **kw: services.incoming_invoice_pay(invoice=invoice, paid_on=timezone.localdate(), **kw),
            roles=(Role.OPERATIONS,),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contract__peer", "paid_by")


@admin.register(PeerTimesheet)
class PeerTimesheetAdmin(ReadOnlyAdmin):
    list_display = ["contract", "period_start", "period_end", "hours", "status", "sent_at", "answered_at"]
    list_filter = ["status"]
    list_select_related = ["contract__client"]
    readonly_fields = [
        "contract",
        "period_start",
        "period_end",
        "hours",
        "status",
        "sent_by",
        "sent_at",
        "answered_at",
        "comment",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contract__client", "sent_by")
