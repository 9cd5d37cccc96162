from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import AuditedModelAdmin
from coop.roles import Role

from .. import selectors, services
from ..models import Assignment, ContractRoleRate, LaborContract, Milestone

CONTRACT_TERMS = ["client", "title", "scope", "billing_basis", "fixed_value", "starts_on", "ends_on"]


def _lifecycle(name, description, service):
    return service_action(name, description, lambda obj, **kw: service(contract=obj, **kw))


@admin.register(LaborContract)
class LaborContractAdmin(AuditedModelAdmin):
    """Contracts and their lifecycle: Operations negotiates, activates and completes; the Board approves."""

    change_list_template = "admin/labor_contracts/laborcontract/change_list.html"
    list_display = ["title", "client", "status", "billing_basis", "starts_on", "ends_on", "owner_percent"]
    list_filter = ["status", "billing_basis"]
    search_fields = ["title", "client__name"]
    readonly_fields = [
        "status",
        "msa_version",
        "owner_percent",
        "negotiated_by",
        "negotiated_at",
        "approved_by",
        "approved_at",
        "activated_at",
        "closed_at",
    ]
    actions = [
        _lifecycle("negotiate", _("Record as negotiated (CEO or manager)"), services.contract_negotiate),
        service_action(
            "offer",
            _("Offer to the peer cooperative that is the client (the CEO)"),
            lambda obj, **kw: services.contract_offer(contract=obj, **kw),
            roles=(Role.OPERATIONS,),
        ),
        _lifecycle("reopen", _("Reopen to draft"), services.contract_reopen),
        _lifecycle("approve", _("Approve (the Board)"), services.contract_approve),
        _lifecycle("activate", _("Activate: work starts"), services.contract_activate),
        _lifecycle("complete", _("Complete"), services.contract_complete),
        _lifecycle("terminate", _("Terminate"), services.contract_terminate),
        service_action(
            "send_hours",
            _("Send the approved hours not yet sent to the client cooperative"),
            lambda obj, **kw: services.peer_timesheet_send(
                contract=obj, period_start=obj.starts_on, period_end=min(obj.ends_on, timezone.localdate()), **kw
            ),
            roles=(Role.OPERATIONS,),
        ),
    ]

    def get_queryset(self, request):
        return selectors.contracts()

    def get_fields(self, request, obj=None):
        fields = [*CONTRACT_TERMS, *self.readonly_fields]
        return [*fields, "change_reason"] if self._may_write(request, obj) else fields

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.terms_editable:
            return [*CONTRACT_TERMS, *self.readonly_fields]
        return self.readonly_fields

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "bonus_suspension": selectors.bonus_suspension()}
        return super().changelist_view(request, extra_context)

    def save_via_service(self, request, obj, form, change, reason):
        values = {name: form.cleaned_data[name] for name in CONTRACT_TERMS if name in form.cleaned_data}
        if change:
            changed = {name: values[name] for name in form.changed_data if name in values}
            saved = services.contract_update(contract=obj, actor=request.user, reason=reason, **changed)
        else:
            saved = services.contract_create(actor=request.user, reason=reason, **values)
        obj.pk = saved.pk


@admin.register(ContractRoleRate)
class ContractRoleRateAdmin(AuditedModelAdmin):
    list_display = ["contract", "role", "hourly_rate"]
    list_select_related = ["contract__client"]
    fields = ["contract", "role", "hourly_rate"]

    def get_readonly_fields(self, request, obj=None):
        return ["contract", "role"] if obj else []

    def save_via_service(self, request, obj, form, change, reason):
        saved = services.contract_role_rate_set(
            contract=obj.contract,
            role=obj.role,
            hourly_rate=form.cleaned_data["hourly_rate"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = saved.pk


@admin.register(Milestone)
class MilestoneAdmin(AuditedModelAdmin):
    list_display = ["title", "contract", "amount", "due_on", "status", "reached_on", "invoice"]
    list_filter = ["status"]
    list_select_related = ["contract__client", "invoice"]
    fields = ["contract", "title", "amount", "due_on"]
    actions = [
        service_action(
            "reach",
            _("Record as reached today"),
            lambda obj, **kw: services.milestone_reach(milestone=obj, reached_on=_today(), **kw),
        )
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        # A milestone is written once; it moves on only through its actions.
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        saved = services.milestone_add(
            contract=form.cleaned_data["contract"],
            title=form.cleaned_data["title"],
            amount=form.cleaned_data["amount"],
            due_on=form.cleaned_data["due_on"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = saved.pk


def _today():
    return timezone.localdate()


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ["owner", "contract", "role", "hourly_rate", "status", "assigned_at"]
    list_filter = ["status"]
    list_select_related = ["owner", "contract__client"]
    search_fields = ["owner__email", "owner__last_name", "contract__title"]
    fields = ["contract", "owner", "role", "hourly_rate"]
    actions = [
        service_action("end", _("End the assignment"), lambda obj, **kw: services.assignment_end(assignment=obj, **kw))
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        saved = services.assignment_create(
            contract=form.cleaned_data["contract"],
            owner=form.cleaned_data["owner"],
            role=form.cleaned_data["role"],
            hourly_rate=form.cleaned_data.get("hourly_rate"),
            actor=request.user,
            reason=reason,
        )
        obj.pk = saved.pk
