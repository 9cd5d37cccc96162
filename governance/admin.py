"""The Board runs governance from here through actions that call the services.

Ballots and their running totals have no admin page, on purpose: nobody browses choices. Nor
have the tellers' paper ballot entries: the chair compares them on the portal, once both tellers
have finished, and a teller who sits on the Board must not read the other teller's entries here.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coop import policy
from coop.admin_actions import service_action
from coop.admin_mixins import (
    REASON_FIELD,
    AuditedModelAdmin,
    ReadOnlyAdmin,
    ReadOnlyInline,
    ReadOnlyUntrackedAdmin,
    ReasonForm,
)
from coop.admin_service_forms import ServiceFormAdminMixin
from coop.numbers import plain_number
from coop.roles import Role
from membership.selectors.voting import rule_label

from . import outcomes, selectors, services
from .forms import motion_form_for, proposable_kinds
from .models import (
    AgendaItem,
    AgendaSpeaker,
    Attendance,
    Body,
    Choice,
    Comment,
    EncryptedBallot,
    EncryptedElection,
    EncryptedVoter,
    MediationCase,
    Meeting,
    MeetingDocument,
    MeetingMinutes,
    MeetingPetition,
    Motion,
    Office,
    OfficeTerm,
    PaperBallotIssue,
    PaperBallotsAdded,
    PaperResolution,
    PartialDecryption,
    Participation,
    PetitionSignature,
    PolicyAdoption,
    Proxy,
    Result,
    RollEntry,
    SealedShare,
    ShowOfHands,
    Teller,
    Trustee,
)
from .results_view import result_context
from .services.encrypted_phases import ballot_choices


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
            "counting_rule",
            "opens_at",
            "closes_at",
            "policy_key",
            "policy_value",
            "office",
            "recall_term",
            "document_version",
        ]


class ChoiceInline(ReadOnlyInline):
    model = Choice
    fields = ["position", "label", "meaning", "candidate", "nominated_by", "consent"]

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


def weight_text(value: Decimal | None) -> str:
    """A voting weight as people write it: `41`, `20.5`, `1,250.25`."""
    if value is None:
        return "—"
    text = f"{Decimal(value).quantize(Decimal('0.01')):,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _close_details(queryset) -> dict:
    """What the close confirmation shows: each vote's time left and live turnout by weight."""
    checks = selectors.close_checks(queryset)
    rows = [
        {
            "check": check,
            "cast": weight_text(check.cast_weight),
            "roll": weight_text(check.roll_weight),
            "quorum": weight_text(check.quorum_weight),
            "missing": weight_text(check.weight_missing),
        }
        for check in checks
    ]
    return {"close_rows": rows, "any_early": any(c.early for c in checks)}


def _certify_details(queryset) -> dict:
    """What the certification confirmation shows: the outcome each result will apply."""
    motions = queryset.select_related(
        "result", "office", "recall_term__holder", "recall_term__office", "document_version__document"
    )
    return {"certify_rows": [(m, selectors.certification_preview(m)) for m in motions]}


@admin.register(Motion)
class MotionAdmin(ServiceFormAdminMixin, AuditedModelAdmin):
    """Motions and votes. Turnout is shown live as weight only; choices appear after the close.

    "Add motion" first asks for the kind, then shows the form of that kind (`governance.forms`).
    Closing a vote before its time and certifying a result each show what they will do first.
    """

    form = MotionForm
    list_display = ["title", "body", "kind", "method", "secret", "status", "closes_at", "turnout"]
    list_filter = [TurnoutFilter, "status", "kind", "body", "secret"]
    search_fields = ["title"]
    inlines = [ChoiceInline]
    actions = [
        service_action(
            "open_votes",
            _("Open the vote (freeze the roll)"),
            lambda m, **kw: services.motion_open(motion=m, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "close_votes",
            _("Close and count"),
            lambda m, **kw: services.motion_close(motion=m, **kw),
            permissions=("view",),
            roles=(Role.BOARD,),
            template="admin/governance/motion/confirm_close.html",
            details=_close_details,
        ),
        service_action(
            "certify_results",
            _("Certify the result (Secretary)"),
            lambda m, **kw: services.motion_certify(motion=m, **kw),
            permissions=("view",),
            roles=(Role.BOARD,),
            template="admin/governance/motion/confirm_certify.html",
            details=_certify_details,
        ),
    ]

    def get_queryset(self, request):
        return selectors.with_turnout_weight(
            selectors.with_turnout(super().get_queryset(request).select_related("body"))
        )

    @admin.display(description=_("turnout (weight)"))
    def turnout(self, obj):
        if obj.status in {Motion.Status.DRAFT, Motion.Status.SCHEDULED, Motion.Status.WITHDRAWN}:
            return "—"
        quorum = selectors.quorum_weight(obj, obj.roll_weight)
        text = gettext("%(cast)s of %(roll)s weight") % {
            "cast": weight_text(obj.cast_weight),
            "roll": weight_text(obj.roll_weight),
        }
        if quorum is not None:
            text += "; " + gettext("quorum %(quorum)s") % {"quorum": weight_text(quorum)}
        return text

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def _kind(self, request) -> str | None:
        kind = request.GET.get("kind", "")
        return kind if kind in {value for value, _label, _help in proposable_kinds()} else None

    def add_view(self, request, form_url="", extra_context=None):
        """First the kind of motion, then the form that asks only what that kind needs."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        kind = self._kind(request)
        if kind is None:
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("Propose a motion: choose its kind"),
                "opts": self.model._meta,
                "kinds": proposable_kinds(),
                "general_conference_only": {str(k) for k in Motion.GENERAL_CONFERENCE_ONLY}
                | {str(Motion.Kind.DOCUMENT_AMENDMENT)},
                "secret_kinds": {str(k) for k in Motion.SECRET_BY_BYLAWS},
            }
            return TemplateResponse(request, "admin/governance/motion/choose_kind.html", context)
        extra_context = {
            **(extra_context or {}),
            "title": gettext("Propose: %(kind)s") % {"kind": Motion.Kind(kind).label},
            "motion_kind": Motion.Kind(kind),
        }
        return super().add_view(request, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            # The kind's own form; a kind another app carries out takes that app's terms (a pay band's limits).
            kwargs["form"] = motion_form_for(self._kind(request) or Motion.Kind.ORDINARY)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None:
            # The policy number by its label (`policy_change`), never by its internal key.
            return [f for f in fields if f not in {"policy_key", "policy_value"}]
        # The kind's own questions come right after the title; when and how it is voted come last.
        last = ["text", "secret", "opens_at", "closes_at", REASON_FIELD]
        first = ["body", "title"]
        return (
            [f for f in first if f in fields]
            + [f for f in fields if f not in first + last]
            + [f for f in last if f in fields]
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        own = [f for f in MotionForm.Meta.fields if f not in {"opens_at", "closes_at"}]
        return [*own, "policy_change", "outcome", "status"]

    @admin.display(description=_("policy number"))
    def policy_change(self, obj):
        if not obj.policy_key:
            return "—"
        found = policy.DEFINITIONS.get(obj.policy_key)
        return f"{found.label if found else obj.policy_key} → {obj.policy_value}"

    @admin.display(description=_("when adopted"))
    def outcome(self, obj):
        return selectors.adoption_sentence(obj) or "—"

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
        fields = {k: v for k, v in data.items() if k in MotionForm.Meta.fields and k != "kind"}
        outcome = outcomes.outcome_for(form.kind)
        terms = {k: data.get(k) for k in outcome.form_fields()} if outcome is not None else None
        motion = services.motion_propose(
            proposer=request.user, actor=request.user, reason=reason, kind=form.kind, terms=terms, **fields
        )
        obj.pk = motion.pk


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    """The count of each closed motion, explained: adopted or not, by how much, against which
    quorum and threshold, with the chart and the rounds the members see."""

    list_display = ["motion", "verdict", "quorum_met", "participants", "weight_cast", "certified_at", "certified_by"]
    list_select_related = ["motion", "certified_by"]
    list_filter = ["adopted", "quorum_met"]
    fields = ["motion", "what_was_decided", "tallied_at", "certified_at", "certified_by"]
    readonly_fields = fields

    class Media:
        css = {"all": ["governance/results.css"]}

    @admin.display(description=_("outcome"), ordering="adopted")
    def verdict(self, obj):
        if obj.motion.kind == Motion.Kind.ELECTION:
            return _("Elected") if obj.adopted else _("Nobody elected")
        return _("Adopted") if obj.adopted else _("Not adopted")

    @admin.display(description=_("weight that took part"), ordering="cast_weight")
    def weight_cast(self, obj):
        return plain_number(obj.cast_weight)

    @admin.display(description=_("what was decided"))
    def what_was_decided(self, obj):
        context = result_context(obj.motion, obj)
        return mark_safe(  # noqa: S308 - our own templates, every value escaped by them
            "".join(
                render_to_string(name, context)
                for name in (
                    "governance/_result_summary.html",
                    "governance/_result_chart.html",
                    "governance/_result_rounds.html",
                )
            )
        )


class PolicyNumberFilter(admin.SimpleListFilter):
    """Filter adoptions by policy number, each named as its page names it (the keys are codes)."""

    title = _("policy number")
    parameter_name = "key"

    def lookups(self, request, model_admin):
        return [(key, definition.label) for key, definition in policy.DEFINITIONS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(key=self.value()) if self.value() else queryset


@admin.register(PolicyAdoption)
class PolicyAdoptionAdmin(ReadOnlyAdmin):
    """Which motion set each policy number, from which value to which."""

    list_display = ["policy_number", "old_value", "new_value", "motion", "adopted_at"]
    fields = ["policy_number", "old_value", "new_value", "motion", "adopted_at"]
    readonly_fields = ["policy_number"]
    list_select_related = ["motion"]
    list_filter = [PolicyNumberFilter]

    @admin.display(description=_("policy number"), ordering="key")
    def policy_number(self, obj):
        return obj.key_label


@admin.register(Proxy)
class ProxyAdmin(ReadOnlyAdmin):
    """The Board sees who carries which proxy."""

    list_display = ["grantor", "holder", "motion", "starts_at", "ends_at", "status"]
    list_select_related = ["grantor", "holder", "motion"]
    list_filter = ["status", "holder"]


@admin.register(RollEntry)
class RollEntryAdmin(ReadOnlyAdmin):
    list_display = ["motion", "voter", "weight", "rule_words"]
    fields = ["motion", "voter", "weight", "rule_words"]
    readonly_fields = ["rule_words"]
    list_select_related = ["motion", "voter"]
    list_filter = ["motion"]

    @admin.display(description=_("rule"))
    def rule_words(self, obj):
        # The roll keeps the rule as a code, frozen when the vote opened; a person reads its words.
        return rule_label(obj.rule)


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


# ---------------------------------------------------------------------------------------------
# Meetings: the Board calls them here, builds the agenda and opens, closes or cancels them; the
# chair's page with the check-in code and the live quorum is in the portal.
# ---------------------------------------------------------------------------------------------


class MeetingForm(ReasonForm):
    video_link = forms.URLField(label=_("video link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["body", "kind", "title", "starts_at", "ends_at", "place", "video_link"]


class AgendaInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["order", "kind", "title", "motion"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting", "motion")


class MeetingDocumentInline(ReadOnlyInline):
    model = MeetingDocument
    fields = ["title", "document_version", "link"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting", "document_version__document")


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ["attendee", "how", "proxy", "checked_in_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting", "attendee", "proxy__grantor", "proxy__holder")


@admin.register(Meeting)
class MeetingAdmin(AuditedModelAdmin):
    """Meetings of every body. Calling one checks the notice the bylaws set; the purpose given as
    the reason is the meeting's purpose."""

    form = MeetingForm
    list_display = ["title", "body", "kind", "starts_at", "status", "called_by"]
    list_select_related = ["body", "called_by"]
    list_filter = ["status", "kind", "body"]
    inlines = [AgendaInline, MeetingDocumentInline, AttendanceInline]
    actions = [
        service_action(
            "open_meetings",
            _("Open the meeting (check-in starts)"),
            lambda m, **kw: services.meeting_open(meeting=m, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "close_meetings",
            _("Close the meeting"),
            lambda m, **kw: services.meeting_close(meeting=m, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "cancel_meetings",
            _("Cancel the meeting"),
            lambda m, **kw: services.meeting_cancel(meeting=m, **kw),
            roles=(Role.BOARD,),
        ),
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        # A called meeting changes by its actions, never by editing the call.
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        meeting = services.meeting_call(
            body=data["body"],
            kind=data["kind"],
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            video_link=data["video_link"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = meeting.pk


class AgendaItemForm(ReasonForm):
    class Meta:
        model = AgendaItem
        fields = ["meeting", "kind", "motion", "title", "notes"]


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedModelAdmin):
    """Items go at the end of a meeting's agenda; a motion item names a motion of the meeting's body."""

    form = AgendaItemForm
    list_display = ["meeting", "order", "kind", "title", "motion"]
    list_select_related = ["meeting", "motion"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        item = services.agenda_item_add(
            meeting=data["meeting"],
            kind=data["kind"],
            motion=data["motion"],
            title=data["title"],
            notes=data["notes"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = item.pk


class MeetingDocumentForm(ReasonForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = MeetingDocument
        fields = ["meeting", "title", "document_version", "link"]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(AuditedModelAdmin):
    form = MeetingDocumentForm
    list_display = ["meeting", "title", "document_version", "link"]
    list_select_related = ["meeting", "document_version__document"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        document = services.meeting_document_attach(
            meeting=data["meeting"],
            title=data["title"],
            document_version=data["document_version"],
            link=data["link"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = document.pk


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    """Who checked in, how, and by whose proxy: members check themselves in from the portal."""

    list_display = ["meeting", "attendee", "how", "proxy", "checked_in_at"]
    list_select_related = ["meeting", "attendee", "proxy__holder", "proxy__grantor"]
    list_filter = ["how", "meeting"]


@admin.register(MeetingMinutes)
class MeetingMinutesAdmin(ReadOnlyAdmin):
    """A meeting's minutes with their history: the Secretary drafts, edits and proposes them in the
    portal, and a motion of the body adopts them; nothing is written here."""

    list_display = ["meeting", "status", "motion", "adopted_at"]
    list_select_related = ["meeting", "motion"]
    list_filter = ["status"]


@admin.register(AgendaSpeaker)
class AgendaSpeakerAdmin(ReadOnlyAdmin):
    """The speakers' list of each agenda item: the chair keeps it from the chair's page."""

    list_display = ["item", "order", "speaker", "note", "recorded_at"]
    list_select_related = ["item__meeting", "speaker"]


# Owners' petitions for a special General Conference: read here, started, signed and withdrawn by
# the owners themselves in the portal, through the services (governance/services/petitions.py).


class PetitionSignatureInline(ReadOnlyInline):
    model = PetitionSignature
    fields = ["signer", "signed_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("petition", "signer")


@admin.register(MeetingPetition)
class MeetingPetitionAdmin(ReadOnlyAdmin):
    """A petition with its signatures as they stand; a signature taken back shows in the history of
    the petition's signatures, with who took it back and why."""

    list_display = ["title", "started_by", "started_at", "status", "meeting"]
    list_select_related = ["started_by", "meeting"]
    list_filter = ["status"]
    inlines = [PetitionSignatureInline]


@admin.register(PetitionSignature)
class PetitionSignatureAdmin(ReadOnlyAdmin):
    """Who signed which petition, and when: each owner signs for themselves in the portal."""

    list_display = ["petition", "signer", "signed_at"]
    list_select_related = ["petition", "signer"]


# Hybrid voting in a meeting: read here, written only from the chair's and the tellers' portal pages,
# through the services (governance/services/tellers.py).


@admin.register(Teller)
class TellerAdmin(ReadOnlyAdmin):
    """Who the chair appointed to count paper ballots, and until when."""

    list_display = ["meeting", "teller", "appointed_by", "appointed_at", "ended_at"]
    list_select_related = ["meeting", "teller", "appointed_by"]
    list_filter = ["meeting"]


@admin.register(PaperBallotIssue)
class PaperBallotIssueAdmin(ReadOnlyAdmin):
    """Who was handed a paper ballot: never the paper's serial or what it chose."""

    list_display = ["motion", "voter", "weight", "issued_by", "issued_at"]
    fields = ["motion", "participation", "weight", "issued_by", "issued_at"]
    list_select_related = ["motion", "participation__voter", "issued_by"]
    list_filter = ["motion"]

    @admin.display(description=_("voter"), ordering="participation__voter")
    def voter(self, obj):
        return obj.participation.voter


@admin.register(PaperResolution)
class PaperResolutionAdmin(ReadOnlyAdmin):
    """How the chair resolved each difference between the tellers' entries, and why."""

    list_display = ["motion", "serial", "discarded", "weight", "resolved_by", "resolved_at", "reason"]
    list_select_related = ["motion", "resolved_by"]
    list_filter = ["motion"]


@admin.register(PaperBallotsAdded)
class PaperBallotsAddedAdmin(ReadOnlyAdmin):
    """When each motion's paper ballots were added to its count, and how many."""

    list_display = ["motion", "ballots", "added_by", "added_at"]
    list_select_related = ["motion", "added_by"]


@admin.register(ShowOfHands)
class ShowOfHandsAdmin(ReadOnlyAdmin):
    """The hands the chair counted as a motion's result, and why."""

    list_display = ["motion", "counts", "recorded_by", "recorded_at", "reason"]
    list_select_related = ["motion", "recorded_by"]


# Encrypted votes: written by their services alone (the ceremony, casting, the trustees'
# decryption), shown here read-only. Everything here is public in the election record but the
# voter ids' roll entries, which are not shown: a voter id is linked to its voter nowhere on a page.


@admin.register(EncryptedElection)
class EncryptedElectionAdmin(ReadOnlyAdmin):
    list_display = ["motion", "status", "threshold", "created_at"]
    list_select_related = ["motion"]
    list_filter = ["status"]
    fields = [
        "motion",
        "threshold",
        "status",
        "counts_by_choice",
        "public_key",
        "election_hash",
        "roll_hash",
        "board_genesis",
        "board_head",
        "weight_scale",
        "created_at",
    ]
    readonly_fields = ["counts_by_choice"]

    @admin.display(description=_("decrypted counts"))
    def counts_by_choice(self, obj):
        """Each choice with the weight the trustees decrypted for it, as the result counts it."""
        if not obj.counts:
            return "—"
        choices = ballot_choices(obj.motion)
        return ", ".join(
            f"{choice.label}: {plain_number(Decimal(count) / obj.weight_scale)}"
            for choice, count in zip(choices, obj.counts[0], strict=True)
        )


@admin.register(Trustee)
class TrusteeAdmin(ReadOnlyAdmin):
    list_display = ["election", "index", "user", "name"]
    list_select_related = ["election__motion", "user"]


@admin.register(SealedShare)
class SealedShareAdmin(ReadOnlyUntrackedAdmin):
    list_display = ["__str__", "election"]
    list_select_related = ["dealer__election__motion", "recipient"]

    @admin.display(description=_("election"))
    def election(self, obj):
        return obj.dealer.election


@admin.register(EncryptedVoter)
class EncryptedVoterAdmin(ReadOnlyUntrackedAdmin):
    list_display = ["voter_id", "election", "weight"]
    list_select_related = ["election__motion"]
    fields = ["election", "voter_id", "weight"]


@admin.register(EncryptedBallot)
class EncryptedBallotAdmin(ReadOnlyUntrackedAdmin):
    list_display = ["tracking_code", "election", "position"]
    list_select_related = ["election__motion"]
    exclude = ["ballot"]


@admin.register(PartialDecryption)
class PartialDecryptionAdmin(ReadOnlyUntrackedAdmin):
    list_display = ["trustee", "verified_at"]
    list_select_related = ["trustee__user"]
    exclude = ["decryption"]
