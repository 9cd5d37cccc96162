from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy

from . import selectors, services
from .admin_mixins import AuditedModelAdmin, ReadOnlyAdmin, ReadOnlyAdminMixin, ReadOnlyUntrackedAdmin, reason_field
from .documents import LAWYER_NOTICE, render_markdown
from .models import (
    Cooperative,
    DocumentVersion,
    GoverningDocument,
    Notice,
    NoticePreference,
    OutboxMessage,
    PolicyNumber,
    User,
)
from .roles import ROLE_LABELS

# The libraries' own admin pages are doors no role uses, so they are shut: groups are the roles,
# set by code (coop/roles.py); sites, tokens, email addresses and second factors belong to each
# person's account pages (allauth, the portal's API token page).
for library_model in (Group, Site, TokenProxy, EmailAddress, Authenticator):
    if admin.site.is_registered(library_model):
        admin.site.unregister(library_model)


@admin.register(Cooperative)
class CooperativeAdmin(AuditedModelAdmin):
    list_display = ["name", "legal_form", "jurisdiction", "unit", "incorporated_on"]
    readonly_fields = ["legal_form", "incorporated_on", "registration_number"]
    fieldsets = [
        (None, {"fields": ["name", "mission", "jurisdiction", "default_language"]}),
        (_("Unit of account"), {"fields": ["unit", "currency_code"]}),
        (_("Legal standing"), {"fields": ["founded_on", "legal_form", "incorporated_on", "registration_number"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "default_language":
            # The languages come from settings, not from the column: shipping one needs no migration.
            return forms.ChoiceField(
                choices=settings.LANGUAGES, label=db_field.verbose_name.capitalize(), help_text=db_field.help_text
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_via_service(self, request, obj, form, change, reason):
        editable = services.COOPERATIVE_EDITABLE_FIELDS
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in editable}
        services.cooperative_update(cooperative=obj, actor=request.user, reason=reason, **changes)


@admin.register(PolicyNumber)
class PolicyNumberAdmin(ReadOnlyAdmin):
    """Read-only everywhere: a policy number changes only when the General Conference adopts a motion."""

    list_display = ["key", "display_value", "adopted_at", "basis"]
    readonly_fields = ["key", "value", "adopted_at", "basis"]

    @admin.display(description=_("value"))
    def display_value(self, obj):
        return obj.display_value


class RoleFilter(admin.SimpleListFilter):
    """Filter accounts by role, named in the reader's language (the groups' own names are keys)."""

    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role.value, label) for role, label in ROLE_LABELS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(groups__name=self.value()) if self.value() else queryset


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """Accounts, read-only here: roles follow offices and membership services."""

    list_display = ["email", "first_name", "last_name", "role_names", "is_active", "last_login"]
    list_filter = [RoleFilter, "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["email", "first_name", "last_name", "role_names", "is_active", "date_joined", "last_login"]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, obj):
        return ", ".join(sorted(str(ROLE_LABELS.get(group.name, group.name)) for group in obj.groups.all()))


class DocumentProposeForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the new version (Markdown)"),
        widget=forms.Textarea(
            attrs={"rows": 30, "class": "doc-editor-text", "spellcheck": "true", "aria-describedby": "doc-editor-help"}
        ),
    )
    summary = forms.CharField(label=_("Summary of the change"), max_length=500)
    change_reason = reason_field()


@admin.register(GoverningDocument)
class GoverningDocumentAdmin(ReadOnlyAdmin):
    """Read-only: a governing document changes only when the General Conference adopts a motion.
    The Board may propose a new version, which changes nothing in force."""

    list_display = ["title", "kind", "adoption_threshold", "current_number", "in_force_since", "current_basis"]
    list_filter = ["kind"]
    fields = ["title", "kind", "slug", "adoption_threshold", "links", "current_text"]
    readonly_fields = fields

    def get_queryset(self, request):
        return selectors.documents_with_current()

    @admin.display(description=_("version in force"))
    def current_number(self, obj):
        return obj.current_version.number if obj.current_version else "-"

    @admin.display(description=_("in force since"))
    def in_force_since(self, obj):
        return obj.current_version.adopted_at if obj.current_version else "-"

    @admin.display(description=_("basis"))
    def current_basis(self, obj):
        return obj.current_version.basis if obj.current_version else "-"

    @admin.display(description=_("text in force"))
    def current_text(self, obj):
        current = obj.current_version
        return render_markdown(current.text) if current else "-"

    @admin.display(description=_("see also"))
    def links(self, obj):
        items = [
            (reverse("admin:coop_documentversion_changelist") + f"?document__id__exact={obj.pk}", _("Version history")),
            (reverse("admin:coop_governingdocument_diff", args=[obj.pk]), _("Differences between versions")),
            (reverse("portal:document_detail", args=[obj.slug]), _("Page in the member portal")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', items)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "may_propose": request.user.has_perm("coop.add_documentversion")}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        own = [
            path(
                "<int:object_id>/propose/",
                self.admin_site.admin_view(self.propose_view),
                name="coop_governingdocument_propose",
            ),
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="coop_governingdocument_preview",
            ),
            path(
                "<int:object_id>/diff/",
                self.admin_site.admin_view(self.diff_view, read_only=True),
                name="coop_governingdocument_diff",
            ),
        ]
        return own + super().get_urls()

    def propose_view(self, request, object_id):
        """Write a proposed version through the service; the version in force stays in force."""
        if not request.user.has_perm("coop.add_documentversion"):
            raise PermissionDenied
        document = get_object_or_404(selectors.documents_with_current(), pk=object_id)
        current = document.current_version
        if "_preview" in request.POST:
            # Previewing (without script) proposes nothing: the form comes back holding what was typed.
            form = DocumentProposeForm(
                initial={name: request.POST.get(name, "") for name in DocumentProposeForm.base_fields}
            )
        else:
            form = DocumentProposeForm(request.POST or None, initial={"text": current.text if current else ""})
        if request.method == "POST" and form.is_bound and form.is_valid():
            try:
                version = services.document_version_propose(
                    document=document,
                    text=form.cleaned_data["text"],
                    summary=form.cleaned_data["summary"],
                    actor=request.user,
                    reason=form.cleaned_data["change_reason"],
                )
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
                for field, texts in errors.items():
                    field = "change_reason" if field == "reason" else field
                    form.add_error(field if field in form.fields else None, texts)
            else:
                self.message_user(
                    request,
                    _("Version %(number)s is proposed. It takes effect only if the General Conference adopts it.")
                    % {"number": version.number},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:coop_documentversion_change", args=[version.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Propose a new version of %(document)s") % {"document": document},
            # The editor needs the page's whole width for the text beside its preview.
            "is_nav_sidebar_enabled": False,
            "document": document,
            "form": form,
            "preview": render_markdown(form["text"].value() or ""),
            "lawyer_notice": LAWYER_NOTICE,
        }
        return TemplateResponse(request, "admin/coop/governingdocument/propose.html", context)

    def preview_view(self, request, object_id):
        """Return the posted text rendered as members will read it; nothing is saved."""
        if not request.user.has_perm("coop.add_documentversion"):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        get_object_or_404(GoverningDocument, pk=object_id)
        return HttpResponse(render_markdown(request.POST.get("text", "")))

    def diff_view(self, request, object_id):
        """Show the redline between any two versions, chosen with `from` and `to`."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = get_object_or_404(GoverningDocument, pk=object_id)
        versions = list(selectors.document_versions(document=document))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Differences in %(document)s") % {"document": document},
            "document": document,
            "versions": versions,
        }
        if versions:
            default_from = versions[1].number if len(versions) > 1 else versions[0].number
            context["from_number"] = request.GET.get("from", default_from)
            context["to_number"] = request.GET.get("to", versions[0].number)
            try:
                context["old"], context["new"], context["redline"] = selectors.document_redline(
                    document=document, from_number=context["from_number"], to_number=context["to_number"]
                )
            except ValidationError as error:
                context["errors"] = error.messages
        return TemplateResponse(request, "admin/coop/governingdocument/diff.html", context)


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    """Every version ever written, read-only: its text never changes, its status only through services."""

    list_display = [
        "document",
        "number",
        "status",
        "summary",
        "proposed_by",
        "proposed_at",
        "adopted_at",
        "basis",
        "diff_link",
    ]
    list_filter = ["status", "document"]
    list_select_related = ["document", "proposed_by"]
    search_fields = ["summary", "basis", "document__title"]
    fields = [
        "document",
        "number",
        "status",
        "summary",
        "proposed_by",
        "proposed_at",
        "adopted_at",
        "basis",
        "diff_link",
        "rendered_text",
    ]
    readonly_fields = fields

    @admin.display(description=_("difference"))
    def diff_link(self, obj):
        url = reverse("admin:coop_governingdocument_diff", args=[obj.document_id])
        return format_html(
            '<a href="{}?from={}&amp;to={}">{}</a>',
            url,
            max(obj.number - 1, 1),
            obj.number,
            _("against the previous version"),
        )

    @admin.display(description=_("text"))
    def rendered_text(self, obj):
        return render_markdown(obj.text)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyUntrackedAdmin):
    """What the outbox handed to Celery, and what waits for a broker that was down. The arguments
    are left out: an unsent email's text (an invitation's link) is nobody's to read here."""

    list_display = ["task", "created_at", "attempts", "sent_at", "done_at", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), ("done_at", admin.EmptyFieldListFilter)]
    fields = ["task", "created_at", "attempts", "sent_at", "done_at", "last_error"]
    readonly_fields = fields
    search_fields = ["task"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The notices sent, and whether each was read and emailed: read-only, for the Board and the
    Auditor to check that a notice reached the people it had to."""

    list_display = ["subject", "recipient", "kind", "created_at", "delivery", "emailed_at", "read_at", "email_error"]
    list_filter = [
        "kind",
        "delivery",
        ("emailed_at", admin.EmptyFieldListFilter),
        ("read_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["recipient"]
    fields = [
        "recipient",
        "kind",
        "subject",
        "body",
        "link",
        "created_at",
        "delivery",
        "emailed_at",
        "email_attempts",
        "email_error",
        "read_at",
    ]
    readonly_fields = fields
    search_fields = ["subject", "recipient__email"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        # Refused before the row is looked up: who may not read notices learns nothing of their keys.
        if not self.has_view_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)


@admin.register(NoticePreference)
class NoticePreferenceAdmin(ReadOnlyAdmin):
    """How each person chose to receive each kind of notice; changed by the person only, in the portal."""

    list_display = ["user", "kind", "delivery", "changed_at"]
    list_filter = ["kind", "delivery"]
    list_select_related = ["user"]
    fields = ["user", "kind", "delivery", "changed_at"]
    readonly_fields = fields
    search_fields = ["user__email"]
