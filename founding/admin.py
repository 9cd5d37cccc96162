"""The Board's founding tools in the admin: the application queue and its questions, the
conveners with their sunset, the business plan's figures with the capital raised, and the
startup sequence page."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from coop import startup
from coop.admin_actions import confirm_and_apply, service_action
from coop.admin_mixins import AuditedModelAdmin, ReadOnlyAdmin, ReadOnlyInline, ReasonForm
from coop.selectors import cooperative_current

from . import selectors, services
from .models import (
    Application,
    ApplicationAnswer,
    ApplicationQuestion,
    BusinessPlanMilestone,
    BusinessPlanTerms,
    Convenership,
)


class QuestionForm(ReasonForm):
    class Meta:
        model = ApplicationQuestion
        fields = ["text", "help_text", "position", "required", "active"]


@admin.register(ApplicationQuestion)
class ApplicationQuestionAdmin(AuditedModelAdmin):
    form = QuestionForm
    list_display = ["text", "position", "required", "active"]
    list_filter = ["active"]

    def save_via_service(self, request, obj, form, change, reason):
        data = {k: v for k, v in form.cleaned_data.items() if k in QuestionForm.Meta.fields}
        if change:
            services.application_question_update(question=obj, actor=request.user, reason=reason, **data)
        else:
            data.pop("active")
            obj.pk = services.application_question_create(actor=request.user, reason=reason, **data).pk


class AnswerInline(ReadOnlyInline):
    model = ApplicationAnswer
    fields = ["question", "text"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """The review queue: invite, admit (a provisional owner) or decline, each with a reason."""

    list_display = ["legal_name", "email", "status", "submitted_at", "member", "reviewed_by"]
    list_filter = ["status"]
    list_select_related = ["member", "reviewed_by"]
    search_fields = ["legal_name", "email"]
    inlines = [AnswerInline]
    actions = [
        "invite",
        service_action(
            "admit", _("Admit as provisional owner"), lambda a, **kw: services.application_admit(application=a, **kw)
        ),
        service_action("decline", _("Decline"), lambda a, **kw: services.application_decline(application=a, **kw)),
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        # The actions need the change permission; the form itself stays read-only.
        return obj is None and request.user.has_perm("founding.change_application")

    @admin.action(description=_("Email a sign-up invitation"), permissions=["change"])
    def invite(self, request, queryset):
        # The invitation links back to this site, which only the request knows.
        base = request.build_absolute_uri("/")
        return confirm_and_apply(
            self,
            request,
            queryset,
            name="invite",
            description=_("Email a sign-up invitation"),
            service=lambda a, **kw: services.application_invite(application=a, base_url=base, **kw),
        )


@admin.register(Convenership)
class ConvenershipAdmin(ReadOnlyAdmin):
    """Who convened, since when, and the sunset; the startup sequence page hangs from here."""

    list_display = ["user", "since", "status", "ended_at", "ending_motion", "sunset"]
    list_select_related = ["user", "ending_motion"]
    change_list_template = "admin/founding/convenership/change_list.html"

    @admin.display(description=_("sunset condition"))
    def sunset(self, obj):
        return obj.sunset_condition

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "sunset": selectors.convener_sunset()})

    def get_urls(self):
        view = self.admin_site.admin_view(self.startup_view, read_only=True)
        return [path("startup/", view, name="founding_startup"), *super().get_urls()]

    def startup_view(self, request):
        """The startup sequence, as the portal shows it, for officers in the admin."""
        return TemplateResponse(
            request,
            "admin/founding/startup.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Startup sequence"),
                "steps": startup.evaluate(cooperative_current()),
                "sunset": selectors.convener_sunset(),
                "progress": selectors.capital_progress(),
                "opts": self.model._meta,
            },
        )


class MilestoneInline(ReadOnlyInline):
    model = BusinessPlanMilestone
    fields = ["title", "target_date", "measure", "project"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project")


@admin.register(BusinessPlanTerms)
class BusinessPlanTermsAdmin(ReadOnlyAdmin):
    """The business plan's figures per version, with the capital raised towards the target in force."""

    list_display = ["version", "capital_target", "status"]
    list_select_related = ["version__document"]
    inlines = [MilestoneInline]
    change_list_template = "admin/founding/businessplanterms/change_list.html"

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.version.get_status_display()

    def changelist_view(self, request, extra_context=None):
        extra = {**(extra_context or {}), "progress": selectors.capital_progress()}
        return super().changelist_view(request, extra)


class MilestoneForm(ReasonForm):
    class Meta:
        model = BusinessPlanMilestone
        fields = ["project"]


@admin.register(BusinessPlanMilestone)
class BusinessPlanMilestoneAdmin(AuditedModelAdmin):
    """Operations and the Board link milestones to projects; the figures stay as adopted."""

    form = MilestoneForm
    list_display = ["title", "target_date", "project", "terms"]
    list_select_related = ["project", "terms__version__document"]

    def has_add_permission(self, request) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        services.milestone_link_project(
            milestone=obj, project=form.cleaned_data["project"], actor=request.user, reason=reason
        )
