"""The Board runs governance from here through actions that call the services.

Ballots and their running totals have no admin page, on purpose: nobody browses choices.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from coop.admin_mixins import AuditedModelAdmin, HistoryAdmin, ReasonForm

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


class ReadOnlyAdmin(HistoryAdmin):
    """Records that change only through votes and services: visible, never edited here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ActionReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason for this change"), max_length=500)


def service_action(admin_obj, request, queryset, *, title: str, run) -> TemplateResponse | None:
    """Ask for a reason on a confirmation page, then run `run(obj, actor, reason)` on each row."""
    form = ActionReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        done = 0
        for obj in queryset:
            try:
                with transaction.atomic():
                    run(obj, request.user, form.cleaned_data["reason"])
                done += 1
            except ValidationError as error:
                admin_obj.message_user(request, f"{obj}: {'; '.join(error.messages)}", messages.ERROR)
        if done:
            admin_obj.message_user(request, _("%(title)s: %(n)s done.") % {"title": title, "n": done}, messages.SUCCESS)
        return None
    return TemplateResponse(request, "admin/governance/confirm_action.html", {
        **admin_obj.admin_site.each_context(request), "title": title, "objects": queryset, "form": form,
        "action": request.POST.get("action"), "opts": admin_obj.model._meta,
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
    })


@admin.register(Body)
class BodyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind"]


class OfficeForm(ReasonForm):
    class Meta:
        model = Office
        fields = ["body", "kind", "title", "seats", "term_months", "role"]


@admin.register(Office)
class OfficeAdmin(AuditedModelAdmin):
    form = OfficeForm
    list_display = ["title", "body", "kind", "seats", "term_months", "role"]
    list_select_related = ["body"]
    list_filter = ["body"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        created = services.office_create(body=data["body"], kind=data["kind"], title=data["title"],
                                         seats=data["seats"], term_months=data["term_months"], role=data["role"],
                                         actor=request.user, reason=reason)
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
class OfficeTermAdmin(AuditedModelAdmin):
    """Officers and their terms. The Board appoints Operations officers here and removes them by action."""

    form = AppointForm
    list_display = ["office", "holder", "starts_at", "ends_at", "status", "motion"]
    list_select_related = ["office", "holder", "motion"]
    list_filter = ["status", "office__body", "office"]
    actions = ["remove_appointees"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        term = services.office_appoint(office=form.cleaned_data["office"], holder=form.cleaned_data["holder"],
                                       actor=request.user, reason=reason)
        obj.pk = term.pk

    @admin.action(description=_("Remove the selected appointees"), permissions=["change"])
    def remove_appointees(self, request, queryset):
        return service_action(self, request, queryset, title=_("Remove appointees"), run=lambda t, actor, reason:
                              services.office_term_end(term=t, status=OfficeTerm.Status.REMOVED, actor=actor,
                                                       reason=reason))


class MotionForm(ReasonForm):
    class Meta:
        model = Motion
        fields = ["body", "kind", "method", "title", "text", "secret", "seats", "opens_at", "closes_at",
                  "policy_key", "policy_value", "office", "recall_term", "document_version", "pay_band_role",
                  "pay_band_minimum", "pay_band_maximum", "surplus_allocation"]


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ["position", "label", "meaning", "candidate", "nominated_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


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
    actions = ["open_votes", "close_votes", "certify_results"]

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
            services.motion_schedule(motion=obj, opens_at=data["opens_at"], closes_at=data["closes_at"],
                                     actor=request.user, reason=reason)
            return
        fields = {k: v for k, v in data.items() if k in MotionForm.Meta.fields}
        motion = services.motion_propose(proposer=request.user, actor=request.user, reason=reason, **fields)
        obj.pk = motion.pk

    @admin.action(description=_("Open the vote (freeze the roll)"), permissions=["change"])
    def open_votes(self, request, queryset):
        return service_action(self, request, queryset, title=_("Open votes"),
                              run=lambda m, actor, reason: services.motion_open(motion=m, actor=actor, reason=reason))

    @admin.action(description=_("Close and count"), permissions=["view"])
    def close_votes(self, request, queryset):
        return service_action(self, request, queryset, title=_("Close votes"),
                              run=lambda m, actor, reason: services.motion_close(motion=m, actor=actor, reason=reason))

    @admin.action(description=_("Certify the result (Secretary)"), permissions=["view"])
    def certify_results(self, request, queryset):
        return service_action(self, request, queryset, title=_("Certify results"),
                              run=lambda m, actor, reason: services.motion_certify(motion=m, actor=actor,
                                                                                   reason=reason))


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
        case = services.mediation_open(title=data["title"], parties=list(data["parties"]), mediator=data["mediator"],
                                       escalation_body=data["escalation_body"], actor=request.user, reason=reason)
        obj.pk = case.pk

    def save_related(self, request, form, formsets, change):
        """The service already set the parties."""
