"""The Board's pages for the alliance: on a cooperative, its alliance memberships (left by an
action); on an alliance, the cooperatives that applied (admitted or refused by actions). The
records are read-only here: only the services write them, each step with its reason."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import ServiceActionsAdmin
from coop.roles import Role

from . import selectors, services
from .models import AllianceMembership, MemberCooperative


@admin.register(AllianceMembership)
class AllianceMembershipAdmin(ServiceActionsAdmin):
    list_display = ["alliance", "status", "requested_at", "requested_by", "decided_at"]
    list_filter = ["status"]
    readonly_fields = ["alliance", "status", "requested_by", "requested_at", "decided_at", "alliance_reason"]
    actions = [
        service_action(
            "alliances_leave",
            _("Leave the selected alliances"),
            lambda m, **kw: services.alliance_leave(membership=m, **kw),
            roles=(Role.BOARD,),
        )
    ]

    def get_queryset(self, request):
        return selectors.alliance_memberships()

    def has_change_permission(self, request, obj=None) -> bool:
        # The action needs the change permission; the record itself stays read-only.
        return obj is None and request.user.has_perm("alliance.change_alliancemembership")


@admin.register(MemberCooperative)
class MemberCooperativeAdmin(ServiceActionsAdmin):
    list_display = ["name", "peer", "status", "applied_at", "decided_by", "decided_at", "profile_received_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    readonly_fields = [
        "name",
        "peer",
        "status",
        "applied_at",
        "decided_by",
        "decided_at",
        "profile_received_at",
        "sector",
        "region",
        "size",
        "skills",
        "contracts_sought",
        "published_fields",
    ]
    actions = [
        service_action(
            "cooperatives_admit",
            _("Admit the selected cooperatives"),
            lambda m, **kw: services.member_admit(member=m, **kw),
            roles=(Role.BOARD,),
        ),
        service_action(
            "cooperatives_refuse",
            _("Refuse the selected cooperatives"),
            lambda m, **kw: services.member_refuse(member=m, **kw),
            roles=(Role.BOARD,),
        ),
    ]

    def get_queryset(self, request):
        return selectors.member_cooperatives()
