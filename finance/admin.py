"""Finance in the admin: read-mostly registers, workflow actions through the services, reports."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import ReadOnlyAdmin, ReadOnlyInline
from coop.roles import Role
from coop.selectors import cooperative_current

from . import pdf, reports, selectors, services
from .admin_doors import (
    BonusAwardAdminBase,
    DisputeReferMixin,
    LedgerExportMixin,
    MemberRateAdminBase,
    PayrollRunAdminBase,
    SurplusAllocationAdminBase,
)
from .desk import DEPARTURE_FILTER, DEPARTURE_OWED
from .models import (
    Account,
    BonusAward,
    JournalEntry,
    JournalLine,
    MemberRate,
    PatronageDividend,
    PayBand,
    PayrollLine,
    PayrollRun,
    RateAdjustmentProposal,
    Review,
    ReviewCycle,
    ReviewDispute,
    SolidarityCommitment,
    SurplusAllocation,
)


class DepartedCapitalFilter(admin.SimpleListFilter):
    """The capital accounts of departed members whose retained allocations are still owed: the
    desk's link, and where the Board pays them out."""

    title = _("departure")
    parameter_name = DEPARTURE_FILTER

    def lookups(self, request, model_admin):
        return [(DEPARTURE_OWED, _("Departed, capital still owed"))]

    def queryset(self, request, queryset):
        if self.value() != DEPARTURE_OWED:
            return queryset
        return queryset.filter(type=Account.Type.EQUITY, member__in=selectors.departed_capital_owed().values("user_id"))


def _pay_out_departed(account, *, actor, reason):
    membership = getattr(account.member, "membership", None) if account.member_id else None
    if membership is None:
        raise ValidationError({"member": _("Choose the capital account of a departed member.")})
    services.departed_capital_redeem(member=membership, actor=actor, reason=reason)


@admin.register(Account)
class AccountAdmin(LedgerExportMixin, ReadOnlyAdmin):
    list_display = ["code", "name", "type", "member"]
    list_filter = ["type", DepartedCapitalFilter]
    actions = [
        service_action(
            "pay_out_departed_capital",
            _("Pay the selected departed members their retained allocations"),
            _pay_out_departed,
            permissions=("view",),
            roles=(Role.BOARD,),
        )
    ]
    list_select_related = ["member"]
    search_fields = ["code", "name", "member__email"]

    def get_urls(self):
        return [
            path("reports/", self.admin_site.admin_view(self.reports_view, read_only=True), name="finance_reports"),
            path(
                "statements/",
                self.admin_site.admin_view(self.statements_view, read_only=True),
                name="finance_statements",
            ),
            path(
                "statements/pdf/",
                self.admin_site.admin_view(self.statements_pdf_view, read_only=True),
                name="finance_statements_pdf",
            ),
            *super().get_urls(),
        ]

    def reports_view(self, request):
        """The Board's and auditors' reports, computed in the database, drawn as SVG."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "title": _("Finance reports"), **reports.board_reports()}
        return TemplateResponse(request, "admin/finance/reports.html", context)

    @staticmethod
    def _statements_year(request) -> int:
        this_year = timezone.localdate().year
        try:
            year = int(request.GET.get("year", this_year))
        except ValueError:
            year = this_year
        return min(max(year, 1900), this_year)

    def statements_view(self, request):
        """The yearly statements: balance sheet, income statement and members' equity, printable."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        this_year = timezone.localdate().year
        context = {
            **self.admin_site.each_context(request),
            "title": _("Yearly statements"),
            "statements": selectors.yearly_statements(self._statements_year(request)),
            "years": range(this_year, this_year - 10, -1),
        }
        return TemplateResponse(request, "admin/finance/statements.html", context)

    def statements_pdf_view(self, request):
        """The same yearly statements as a PDF file made on the server."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        year = self._statements_year(request)
        content = pdf.statements_pdf(selectors.yearly_statements(year), cooperative_current())
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="statements-{year}.pdf"'
        return response


class JournalLineInline(ReadOnlyInline):
    model = JournalLine
    fields = ["account", "debit", "credit", "memo"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("account")


def _reverse(entry, *, actor, reason):
    services.journal_entry_reverse(entry=entry, actor=actor, reason=reason)


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ["pk", "date", "memo", "posted", "reversal_of", "source"]
    list_filter = ["posted"]
    list_select_related = ["reversal_of"]
    search_fields = ["memo", "source"]
    date_hierarchy = "date"
    inlines = [JournalLineInline]
    # Reversing posts a new entry against the selected one: the changelist's action, never a form.
    actions = [service_action("reverse_entries", _("Reverse the selected entries"), _reverse)]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and request.user.has_perm("finance.change_journalentry")


@admin.register(PayBand)
class PayBandAdmin(ReadOnlyAdmin):
    list_display = ["role", "minimum", "maximum", "pending_minimum", "pending_maximum", "basis", "adopted_at"]


@admin.register(MemberRate)
class MemberRateAdmin(MemberRateAdminBase):
    """The Board places a member in a band at a rate inside it."""

    list_display = ["member", "band", "rate", "band_minimum", "band_maximum", "effective_from"]
    list_select_related = ["member", "band"]
    list_filter = ["band"]
    search_fields = ["member__email"]


@admin.register(RateAdjustmentProposal)
class RateAdjustmentProposalAdmin(ReadOnlyAdmin):
    list_display = ["member_rate", "source", "status", "current_rate", "proposed_rate", "explanation"]
    list_select_related = ["member_rate__member", "member_rate__band"]
    list_filter = ["status", "source"]
    actions = [
        service_action(
            "approve_proposals",
            _("Approve the selected rate proposals"),
            lambda p, **kw: services.rate_adjustment_approve(proposal=p, **kw),
            permissions=("change",),
            roles=(Role.BOARD,),
        ),
        service_action(
            "reject_proposals",
            _("Reject the selected rate proposals"),
            lambda p, **kw: services.rate_adjustment_reject(proposal=p, **kw),
            permissions=("change",),
            roles=(Role.BOARD,),
        ),
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        # The action needs the permission; the form stays read-only because every field is.
        return obj is None and request.user.has_perm("finance.change_rateadjustmentproposal")


@admin.register(ReviewCycle)
class ReviewCycleAdmin(ReadOnlyAdmin):
    list_display = ["name", "period_start", "period_end", "status", "rate_changes_opted_in"]
    list_filter = ["status"]
    actions = [
        service_action(
            "close_cycles", _("Close the selected cycles"), lambda c, **kw: services.review_cycle_close(cycle=c, **kw)
        )
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and request.user.has_perm("finance.change_reviewcycle")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "reviewer", "reviewee", "submitted_at"]
    list_select_related = ["cycle", "reviewer", "reviewee"]
    list_filter = ["cycle"]


@admin.register(ReviewDispute)
class ReviewDisputeAdmin(DisputeReferMixin, ReadOnlyAdmin):
    list_display = ["review", "raised_at", "mediation_case", "refer_link"]
    list_select_related = ["review__cycle", "review__reviewer", "review__reviewee", "mediation_case"]

    @admin.display(description=_("mediation"))
    def refer_link(self, obj):
        if obj.mediation_case_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:finance_reviewdispute_refer", args=[obj.pk]), _("Refer to mediation")
        )


class PayrollLineInline(admin.TabularInline):
    model = PayrollLine
    fields = [
        "member",
        "band",
        "rate",
        "hours",
        "contract_hours",
        "internal_pay",
        "contract_pay",
        "amount",
        "share_instalment",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        # Each payslip's name shows its run: read with it, not once per payslip.
        return super().get_queryset(request).select_related("run", "member", "band")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.action(description=_("Export the selected runs as CSV"), permissions=["view"])
def export_csv(modeladmin, request, queryset):
    """Every line of the selected runs as CSV, streamed from one query."""
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="payroll.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "run",
            "period_start",
            "period_end",
            "status",
            "member",
            "band",
            "rate",
            "hours",
            "contract_hours",
            "internal_pay",
            "contract_pay",
            "gross_pay",
            "share_instalment",
            "net_pay",
        ]
    )
    for line in selectors.payslips().filter(run__in=queryset).order_by("run", "member__email"):
        writer.writerow(
            [
                line.run_id,
                line.run.period_start,
                line.run.period_end,
                line.run.status,
                line.member.email,
                line.band.role if line.band else "",
                line.rate,
                line.hours,
                line.contract_hours,
                line.internal_pay,
                line.contract_pay,
                line.amount,
                line.share_instalment,
                line.net_pay,
            ]
        )
    return response


@admin.register(PayrollRun)
class PayrollRunAdmin(PayrollRunAdminBase):
    """Operations drafts a run here; the actions review, approve and post it."""

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    list_display = ["__str__", "status", "line_count", "total_hours", "total", "posted_at"]
    list_filter = ["status"]
    inlines = [PayrollLineInline]
    actions = [
        export_csv,
        service_action(
            "review_runs",
            _("Mark the selected runs reviewed"),
            lambda r, **kw: services.payroll_run_review(run=r, **kw),
            roles=(Role.OPERATIONS,),
        ),
        service_action(
            "approve_runs",
            _("Approve the selected runs"),
            lambda r, **kw: services.payroll_run_approve(run=r, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "post_runs",
            _("Post the selected runs to the ledger"),
            lambda r, **kw: services.payroll_run_post(run=r, **kw),
        ),
    ]


@admin.register(BonusAward)
class BonusAwardAdmin(BonusAwardAdminBase):
    """The Board awards a bonus here, computed by the formula; refused while suspended."""

    list_display = ["kind", "holder", "period_start", "period_end", "amount", "inputs"]
    list_select_related = ["holder"]


class PatronageDividendInline(ReadOnlyInline):
    model = PatronageDividend
    fields = ["member", "hours", "pay", "amount", "cash", "retained", "redemption"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "allocation", "redemption")


RECORDED_SPLIT = [
    "status",
    "revenue",
    "expenses",
    "surplus",
    "non_patronage",
    "solidarity",
    "solidarity_commitment",
    "reserves",
    "bonuses",
    "dividends",
    "solidarity_payment",
    "basis",
]


@admin.register(SurplusAllocation)
class SurplusAllocationAdmin(SurplusAllocationAdminBase):
    list_display = [
        "__str__",
        "status",
        "surplus",
        "non_patronage",
        "solidarity",
        "reserves",
        "bonuses",
        "dividends",
        "hours_percent",
        "cash_percent",
        "cash_due",
        "cash_payment",
        "redemption",
        "solidarity_payment",
        "bonuses_suspended",
        "basis",
    ]
    list_filter = ["status"]
    list_select_related = ["cash_payment", "redemption", "solidarity_payment"]
    inlines = [PatronageDividendInline]
    actions = [
        service_action(
            "pay_dividends_in_cash",
            _("Pay the cash part of the selected allocations' dividends"),
            lambda a, **kw: services.patronage_cash_pay(allocation=a, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "pay_solidarity_contribution",
            _("Pay the selected allocations' solidarity contribution to the alliance"),
            lambda a, **kw: services.solidarity_contribution_pay(allocation=a, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "redeem_retained_allocations",
            _("Redeem the selected allocations' retained parts under the revolving plan"),
            lambda a, **kw: services.retained_allocations_redeem(allocation=a, **kw),
            roles=(Role.BOARD,),
        ),
    ]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        # A proposed allocation shows how its surplus is split, the alliance's contribution first;
        # the add form asks only for the period and the shares, the service works out the rest.
        if obj is None:
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), *RECORDED_SPLIT]


@admin.register(SolidarityCommitment)
class SolidarityCommitmentAdmin(ReadOnlyAdmin):
    """What the alliance voted for its solidarity fund, as its messages told it: read-only, since
    only the alliance's signed message records a commitment."""

    list_display = [
        "__str__",
        "peer",
        "percent",
        "starts_on",
        "motion_number",
        "motion_title",
        "certified_on",
        "received_at",
    ]
    list_select_related = ["peer"]

    def get_queryset(self, request):
        return selectors.solidarity_commitments()
