from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coop.admin_mixins import AuditedModelAdmin, ReadOnlyAdmin, ReasonForm

from .. import selectors, services
from ..models import Invoice, InvoiceLine, OwnerPay, Payment, PeriodSettlement


class InvoiceIssueForm(ReasonForm):
    class Meta:
        model = Invoice
        fields = ["contract", "period_start", "period_end", "issued_on", "due_on"]

    def _post_clean(self):
        # The number and total come from the service; only check the typed fields here.
        pass


@admin.register(Invoice)
class InvoiceAdmin(AuditedModelAdmin):
    """Invoices: issue one for a contract's period; it is then fixed, apart from payments."""

    list_display = ["number", "contract", "period_start", "period_end", "total", "paid_total", "status", "print_link"]
    list_filter = ["status"]
    list_select_related = ["contract__client"]
    search_fields = ["number", "contract__title", "contract__client__name"]
    form = InvoiceIssueForm
    readonly_fields = ["number", "total", "paid_total", "status", "issued_by", "print_link"]

    def get_queryset(self, request):
        return selectors.invoices()

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["contract", "period_start", "period_end", "issued_on", "due_on", "change_reason"]
        return ["contract", "period_start", "period_end", "issued_on", "due_on", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["contract", "period_start", "period_end", "issued_on", "due_on", *self.readonly_fields]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("printable"))
    def print_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:labor_contracts_invoice_print", args=[obj.pk]), _("Print")
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/print/",
                self.admin_site.admin_view(self.print_view, read_only=True),
                name="labor_contracts_invoice_print",
            ),
            *super().get_urls(),
        ]

    def print_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        invoice = get_object_or_404(selectors.invoices(), pk=pk)
        invoice = selectors.invoice_detail(invoice.pk)
        return TemplateResponse(request, "labor_contracts/invoice_print.html", {"invoice": invoice})

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        saved = services.invoice_issue(
            contract=data["contract"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            issued_on=data.get("issued_on"),
            due_on=data.get("due_on"),
            actor=request.user,
            reason=reason,
        )
        obj.pk = saved.pk


class PaymentForm(ReasonForm):
    class Meta:
        model = Payment
        fields = ["invoice", "amount", "received_on", "reference"]


@admin.register(Payment)
class PaymentAdmin(AuditedModelAdmin):
    list_display = ["invoice", "amount", "received_on", "reference", "recorded_by"]
    list_select_related = ["invoice__contract__client", "recorded_by"]
    form = PaymentForm
    fields = ["invoice", "amount", "received_on", "reference"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        saved = services.payment_record(
            invoice=data["invoice"],
            amount=data["amount"],
            received_on=data["received_on"],
            reference=data.get("reference", ""),
            actor=request.user,
            reason=reason,
        )
        obj.pk = saved.pk


@admin.register(InvoiceLine)
class InvoiceLineAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "description", "hours", "rate", "amount"]
    list_select_related = ["invoice"]


@admin.register(PeriodSettlement)
class PeriodSettlementAdmin(ReadOnlyAdmin):
    """Owner pay and margin per invoiced period, with the capital-raised summary."""

    change_list_template = "admin/labor_contracts/periodsettlement/change_list.html"
    list_display = [
        "contract",
        "period_start",
        "period_end",
        "owner_percent",
        "value",
        "owner_pay_total",
        "margin",
        "posted_to_ledger",
    ]
    list_select_related = ["contract__client", "invoice"]

    def get_urls(self):
        return [
            path(
                "capital/",
                self.admin_site.admin_view(self.capital_view, read_only=True),
                name="labor_contracts_capital",
            ),
            *super().get_urls(),
        ]

    def capital_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        months = selectors.capital_by_month()
        peak = max((m["cumulative"] for m in months), default=0) or 1
        bars = [{**m, "width": int(m["cumulative"] * 100 / peak)} for m in months]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Capital raised by labor contracts"),
            "opts": self.model._meta,
            "progress": selectors.labor_progress(),
            "capital": selectors.capital_against_target(),
            "bars": bars,
            "bonus_suspension": selectors.bonus_suspension(),
        }
        return TemplateResponse(request, "admin/labor_contracts/capital.html", context)


@admin.register(OwnerPay)
class OwnerPayAdmin(ReadOnlyAdmin):
    list_display = ["owner", "settlement", "hours", "value", "pay"]
    list_select_related = ["owner", "settlement__contract__client"]
    search_fields = ["owner__email", "owner__last_name"]
