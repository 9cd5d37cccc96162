"""The Board's pages for the alliance: peers registered here and approved on their own page, moved
on by actions; one page per peer lists every message sent to it and received from it. The messages
themselves are read-only: only the services write them."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import AuditedModelAdmin, ReadOnlyUntrackedAdmin, ReasonForm, add_service_errors, reason_field
from coop.admin_service_forms import ServiceFormAdminMixin
from coop.roles import Role

from . import selectors, services
from .models import InboundMessage, OutboundMessage, Peer

MESSAGES_PER_PAGE = 25


ADD_FIELDS = ["name", "base_url", "public_key"]


class PeerForm(ReasonForm):
    class Meta:
        model = Peer
        # The address comes from the admin's get_fields, built with formfield_overrides (https assumed).
        fields = ["name", "public_key"]


class ApproveForm(forms.Form):
    fingerprint = forms.CharField(
        label=_("Fingerprint the other Board read to you"),
        max_length=60,
        help_text=_("Eight groups of four characters, as the other installation's Board reads them aloud."),
    )
    reason = reason_field()


def _board_action(name: str, description, service):
    return service_action(name, description, lambda peer, **kw: service(peer=peer, **kw), roles=(Role.BOARD,))


@admin.register(Peer)
class PeerAdmin(ServiceFormAdminMixin, AuditedModelAdmin):
    form = PeerForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/federation/peer/change_form.html"
    change_list_template = "admin/federation/peer/change_list.html"
    list_display = ["name", "base_url", "status", "fingerprint", "announced_software", "last_hello_at"]
    list_filter = ["status"]
    search_fields = ["name", "base_url"]
    readonly_fields = [
        "fingerprint",
        "status",
        "approved_by",
        "approved_at",
        "announced_name",
        "announced_software",
        "last_hello_at",
        "created_at",
    ]
    actions = [
        _board_action("peers_suspend", _("Suspend the selected peers"), services.peer_suspend),
        _board_action("peers_resume", _("Resume the selected peers"), services.peer_resume),
        _board_action("peers_remove", _("Remove the selected peers"), services.peer_remove),
        _board_action("peers_hello", _("Send a hello to the selected peers"), services.peer_hello_send),
    ]

    def get_queryset(self, request):
        return selectors.peers()

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*ADD_FIELDS, "change_reason"]
        return ["name", "base_url", "public_key", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else ["name", "base_url", "public_key", *self.readonly_fields]

    def has_change_permission(self, request, obj=None) -> bool:
        # A peer is moved on by its approval page and the actions, never edited.
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, obj, form, change, reason):
        data = form.cleaned_data
        peer = services.peer_register(
            name=data["name"],
            base_url=data["base_url"],
            public_key=data["public_key"],
            actor=request.user,
            reason=reason,
        )
        obj.pk = peer.pk

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "own": selectors.own_identity()})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        peer = self.get_object(request, object_id)
        if peer is None or not self.has_view_or_change_permission(request, peer):
            return super().change_view(request, object_id, form_url, extra_context)
        sent = Paginator(selectors.peer_sent(peer), MESSAGES_PER_PAGE).get_page(request.GET.get("sent"))
        received = Paginator(selectors.peer_received(peer), MESSAGES_PER_PAGE).get_page(request.GET.get("received"))
        context = {
            "own": selectors.own_identity(),
            "sent_page": sent,
            "received_page": received,
            "show_messages": True,
            "may_approve": peer.status == Peer.Status.PROPOSED and request.user.has_perm("federation.change_peer"),
        }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **context})

    def get_urls(self):
        view = self.admin_site.admin_view(self.approve_view)
        return [path("<int:pk>/approve/", view, name="federation_peer_approve"), *super().get_urls()]

    def approve_view(self, request, pk: int):
        if not request.user.has_perm("federation.change_peer"):
            raise PermissionDenied
        peer = get_object_or_404(selectors.peers(), pk=pk)
        form = ApproveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    services.peer_approve(
                        peer=peer,
                        fingerprint=form.cleaned_data["fingerprint"],
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                self.message_user(request, _("The peer is approved: messages now go both ways."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:federation_peer_change", args=[peer.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Approve a peer"),
            "form": form,
            "object": peer,
            "own": selectors.own_identity(),
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/federation/peer/approve.html", context, status=400 if form.errors else 200
        )


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyUntrackedAdmin):
    list_display = ["kind", "peer", "idempotency_key", "created_at", "attempts", "next_attempt_at", "delivered_at"]
    list_select_related = ["peer", "sent_by"]
    list_filter = ["kind", "peer"]
    readonly_fields = [
        "peer",
        "kind",
        "payload",
        "idempotency_key",
        "sent_by",
        "reason",
        "created_at",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
    ]

    def get_queryset(self, request):
        return selectors.sent_messages()


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyUntrackedAdmin):
    list_display = ["kind", "peer", "idempotency_key", "received_at", "applied_at"]
    list_select_related = ["peer"]
    list_filter = ["kind", "peer"]
    readonly_fields = ["peer", "kind", "payload", "idempotency_key", "received_at", "applied_at"]

    def get_queryset(self, request):
        return selectors.received_messages()
