"""The Board's and Operations' finance doors in the admin: add forms that call a service, and the
extra page that refers a review dispute to mediation. Each writes only through its service."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from coop.admin_mixins import AuditedModelAdmin, ReasonForm
from coop.admin_service_forms import ServiceFormAdminMixin

from . import exports, selectors, services
from .models import BonusAward, MemberRate, PayrollRun, SurplusAllocation


class ServiceAddAdmin(ServiceFormAdminMixin, AuditedModelAdmin):
    """Adding runs a service; an added record is then read-only (its actions move it on). The
    service's refusal of bad input is a form error; its refusal of the actor is a 403."""

    def has_change_permission(self, request, obj=None) -> bool:
        # Without an object this is the changelist's actions; a record itself is never edited here.
        return obj is None and super().has_change_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        """The service wrote everything there is."""

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        # A recorded row shows what it holds. The add form's own inputs (the share to reserves the
        # service turned into amounts) are not on it, and would read as an empty "None".
        stored = {field.name for field in self.model._meta.get_fields()}
        readonly = set(self.get_readonly_fields(request, obj))
        return [name for name in fields if name in stored or name in readonly]


class MemberRateForm(ReasonForm):
    class Meta:
        model = MemberRate
        fields = ["member", "band", "rate"]

    def validate_unique(self):
        # Setting a new rate for a member who has one updates that row: the service decides.
        return None

    def _post_clean(self):
        # The band's limits are copied by the service; only the fields of the form are checked here.
        self.instance.band_minimum = self.instance.band_maximum = self.cleaned_data.get("rate")
        super()._post_clean()


class MemberRateAdminBase(ServiceAddAdmin):
    form = MemberRateForm

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        row = services.member_rate_set(
            member=data["member"], band=data["band"], rate=data["rate"], actor=request.user, reason=reason
        )
        obj.pk = row.pk


class BonusAwardForm(ReasonForm):
    class Meta:
        model = BonusAward
        fields = ["kind", "period_start", "period_end"]


class BonusAwardAdminBase(ServiceAddAdmin):
    form = BonusAwardForm

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        award = services.bonus_award(
            kind=data["kind"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = award.pk


class SurplusProposeForm(ReasonForm):
    reserves_percent = forms.DecimalField(
        label=_("share to reserves (%)"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    cash_percent = forms.DecimalField(
        label=_("share of each dividend paid in cash (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("At least the bylaws' minimum (policy number patronage_cash_percent), which applies when blank."),
    )

    class Meta:
        model = SurplusAllocation
        fields = ["period_start", "period_end"]

    def _post_clean(self):
        # The figures come from the ledger in the service; the form only checks the period.
        self.instance.revenue = self.instance.expenses = self.instance.surplus = 0
        self.instance.reserves = self.instance.bonuses = self.instance.dividends = 0
        super()._post_clean()


class SurplusAllocationAdminBase(ServiceAddAdmin):
    """The Board proposes here; only a certified General Conference motion adopts an allocation."""

    form = SurplusProposeForm

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        allocation = services.surplus_allocation_propose(
            period_start=data["period_start"],
            period_end=data["period_end"],
            reserves_percent=data["reserves_percent"],
            cash_percent=data.get("cash_percent"),
            actor=request.user,
            reason=reason,
        )
        obj.pk = allocation.pk


class PayrollDraftForm(ReasonForm):
    class Meta:
        model = PayrollRun
        fields = ["period_start", "period_end"]


class PayrollRunAdminBase(ServiceAddAdmin):
    form = PayrollDraftForm

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        run = services.payroll_run_draft(
            period_start=data["period_start"], period_end=data["period_end"], actor=request.user, reason=reason
        )
        obj.pk = run.pk


class ReferForm(forms.Form):
    mediator = forms.ModelChoiceField(label=_("Mediator"), queryset=get_user_model().objects.none())
    reason = forms.CharField(label=_("Reason for this change"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = get_user_model().objects.filter(is_active=True).order_by("email")


class DisputeReferMixin:
    """An extra page per dispute, as `UserAdmin.user_change_password` does, to refer it to mediation."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.refer_view)
        return [path("<int:pk>/refer/", view, name="finance_reviewdispute_refer"), *super().get_urls()]

    def refer_view(self, request, pk: int):
        if not request.user.has_perm("finance.change_reviewdispute"):
            raise PermissionDenied
        dispute = get_object_or_404(selectors.disputes(), pk=pk)
        form = ReferForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    services.review_dispute_refer(
                        dispute=dispute,
                        mediator=form.cleaned_data["mediator"],
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                    )
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("The dispute is referred to mediation."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:finance_reviewdispute_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Refer a review dispute to mediation"),
            "form": form,
            "object": dispute,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/finance/dispute_refer.html", context)


class LedgerExportForm(forms.Form):
    period_start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Export"), choices=exports.ExportKind.choices)


class LedgerExportMixin:
    """A page on the chart of accounts that hands the accountant a period of the posted ledger:
    the general journal or the trial balance as CSV, or the journal for Beancount."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.export_view, read_only=True)
        return [path("export/", view, name="finance_export"), *super().get_urls()]

    def export_view(self, request):
        # The form is sent by GET: an export reads and writes nothing, and its address can be kept.
        exports.require_exporter(request.user)
        form = LedgerExportForm(request.GET if "kind" in request.GET else None)
        if form.is_valid():
            try:
                export = exports.ledger_export(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                response = HttpResponse(export.content, content_type=export.content_type)
                response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
                return response
        context = {
            **self.admin_site.each_context(request),
            "title": _("Export the ledger for the accountant"),
            "form": form,
            "opts": self.model._meta,
        }
        status = 400 if form.errors else 200
        return TemplateResponse(request, "admin/finance/ledger_export.html", context, status=status)
