"""The Board runs governance from here through actions that call the services.

Ballots and their running totals have no admin page, on purpose: nobody browses choices.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import AuditedModelAdmin, ReadOnlyAdmin, ReadOnlyInline, ReasonForm
from coop.admin_service_forms import ServiceFormAdminMixin

from . import selectors, services
from .models import (
    Body,
    Choice,
    Comment,
    MediationCase,
    Motion,
    Office,
    OfficeTerm,
    Participation,
    PolicyAdoption,
    Proxy,
    Result,
    RollEntry,
)


@admin.register(Body)
class BodyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind"]


class OfficeForm(ReasonForm):
    class Meta:
        model = Office
        fields = ["body", "kind", "title", "seats", "term_months", "role"]


@admin.register(Office)
class OfficeAdmin(ServiceFormAdminMixin, AuditedModelAdmin):
    form = OfficeForm
    list_display = ["title", "body", "kind", "seats", "term_months", "role"]
    list_select_related = ["body"]
    list_filter = ["body"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        created = services.office_create(
            body=data["body"],
            kind=data["kind"],
            title=data["title"],
            seats=data["seats"],
            term_months=data["term_months"],
            role=data["role"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = created.pk


class AppointForm(ReasonForm):
    class Meta:
        model = OfficeTerm
        fields = ["office", "holder"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "office" in self.fields:
            self.fields["office"].queryset = Office.objects.appointed()


@admin.register(OfficeTerm)
class OfficeTermAdmin(ServiceFormAdminMixin, AuditedModelAdmin):
    """Officers and their terms. The Board appoints Operations officers here and removes them by action."""

    form = AppointForm
    list_display = ["office", "holder", "starts_at", "ends_at", "status", "motion"]
    list_select_related = ["office", "holder", "motion"]
    list_filter = ["status", "office__body", "office"]
    actions = [
        service_action(
            "remove_appointees",
            _("Remove the selected appointees"),
            lambda t, **kw: services.office_term_end(term=t, status=OfficeTerm.Status.REMOVED, **kw),
        ),
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        term = services.office_appoint(
            office=form.cleaned_data["office"], holder=form.cleaned_data["holder"], actor=request.user, reason=reason
        )
        obj.pk = term.pk


class MotionForm(ReasonForm):
    class Meta:
        model = Motion
        fields = [
            "body",
            "kind",
            "method",
            "title",
            "text",
            "secret",
            "seats",
            "opens_at",
            "closes_at",
            "policy_key",
            "policy_value",
            "office",
            "recall_term",
            "document_version",
            "pay_band_role",
            "pay_band_minimum",
            "pay_band_maximum",
            "surplus_allocation",
        ]


class ChoiceInline(ReadOnlyInline):
    model = Choice
    fields = ["position", "label", "meaning", "candidate", "nominated_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidate", "nominated_by")


class TurnoutFilter(admin.SimpleListFilter):
    title = _("voting")
    parameter_name = "voting"

    def lookups(self, request, model_admin):
        return [("open", _("Open now")), ("decided", _("Closed or certified"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() == "decided":
            return queryset.decided()
        return queryset


@admin.register(Motion)
class MotionAdmin(AuditedModelAdmin):
    """Motions and votes. Turnout is shown live as counts only; choices appear after the close."""

    form = MotionForm
    list_display = ["title", "body", "kind", "method", "secret", "status", "closes_at", "turnout"]
    list_filter = [TurnoutFilter, "status", "kind", "body", "secret"]
    search_fields = ["title"]
    inlines = [ChoiceInline]
    actions = [
        service_action(
            "open_votes", _("Open the vote (freeze the roll)"), lambda m, **kw: services.motion_open(motion=m, **kw)
        ),
        service_action(
            "close_votes",
            _("Close and count"),
            lambda m, **kw: services.motion_close(motion=m, **kw),
            permissions=("view",),
        ),
        service_action(
            "certify_results",
            _("Certify the result (Secretary)"),
            lambda m, **kw: services.motion_certify(motion=m, **kw),
            permissions=("view",),
        ),
    ]

    def get_queryset(self, request):
        return selectors.with_turnout(super().get_queryset(request).select_related("body"))

    @admin.display(description=_("turnout"))
    def turnout(self, obj):
        if obj.status in {Motion.Status.DRAFT, Motion.Status.SCHEDULED, Motion.Status.WITHDRAWN}:
            return "—"
        return f"{obj.participant_count} / {obj.roll_count}"

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [f for f in MotionForm.Meta.fields if f not in {"opens_at", "closes_at"}] + ["status"]

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.status in {Motion.Status.DRAFT, Motion.Status.SCHEDULED})

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        if change:
            services.motion_schedule(
                motion=obj, opens_at=data["opens_at"], closes_at=data["closes_at"], actor=request.user, reason=reason
            )
            return
        fields = {k: v for k, v in data.items() if k in MotionForm.Meta.fields}
        motion = services.motion_propose(proposer=request.user, actor=request.user, reason=reason, **fields)
        obj.pk = motion.pk


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["motion", "quorum_met", "adopted", "participants", "cast_weight", "certified_at", "certified_by"]
    list_select_related = ["motion", "certified_by"]
    list_filter = ["adopted", "quorum_met"]


@admin.register(PolicyAdoption)
class PolicyAdoptionAdmin(ReadOnlyAdmin):
    """Which motion set each policy number, from which value to which."""

    list_display = ["key", "old_value", "new_value", "motion", "adopted_at"]
    list_select_related = ["motion"]
    list_filter = ["key"]


@admin.register(Proxy)
class ProxyAdmin(ReadOnlyAdmin):
    """The Board sees who carries which proxy."""

    list_display = ["grantor", "holder", "motion", "starts_at", "ends_at", "status"]
    list_select_related = ["grantor", "holder", "motion"]
    list_filter = ["status", "holder"]


@admin.register(RollEntry)
class RollEntryAdmin(ReadOnlyAdmin):
    list_display = ["motion", "voter", "weight", "rule"]
    list_select_related = ["motion", "voter"]
    list_filter = ["motion"]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    """Who took part, never what they chose."""

    list_display = ["motion", "voter", "cast_by", "cast_at"]
    fields = ["motion", "voter", "cast_by", "proxy", "cast_at"]
    list_select_related = ["motion", "voter", "cast_by"]
    list_filter = ["motion"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["motion", "author", "created_at"]
    list_select_related = ["motion", "author"]


class MediationForm(ReasonForm):
    class Meta:
        model = MediationCase
        fields = ["title", "parties", "mediator", "escalation_body"]


@admin.register(MediationCase)
class MediationCaseAdmin(AuditedModelAdmin):
    """Cases, without their confidential notes: those are for parties, mediator and auditors."""

    form = MediationForm
    list_display = ["title", "mediator", "status", "escalation_body", "opened_at"]
    list_select_related = ["mediator", "escalation_body"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        case = services.mediation_open(
            title=data["title"],
            parties=list(data["parties"]),
            mediator=data["mediator"],
            escalation_body=data["escalation_body"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = case.pk

    def save_related(self, request, form, formsets, change):
        """The service already set the parties."""
