"""The alliance's portal pages: joining an alliance, the directory profile and what it publishes,
the directory of the alliance's members, and what this installation shares with each peer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coop.roles import Role, has_role
from federation.selectors import peers

from .. import selectors, services
from ..models import PROFILE_LABELS
from . import forms


def _errors_into(form, error: ValidationError) -> None:
    for name, problems in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        form.add_error(name if name in form.fields else None, problems)


def _board_or_auditor(user) -> None:
    if not (has_role(user, Role.BOARD) or has_role(user, Role.AUDITOR)):
        raise PermissionDenied


@login_required
def overview(request):
    """The alliances this cooperative asked to join or belongs to; the Board asks to join one."""
    form = forms.JoinForm(request.POST or None, peers=selectors.peers_to_join())
    if request.method == "POST":
        if not has_role(request.user, Role.BOARD):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.alliance_join(
                    peer=form.cleaned_data["peer"], actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                _errors_into(form, error)
            else:
                messages.success(request, _("The request to join was sent: the alliance's Board decides."))
                return redirect("alliance:overview")
    return render(
        request,
        "alliance/overview.html",
        {
            "form": form,
            "is_alliance": selectors.installation_is_alliance(),
            "memberships": selectors.alliance_memberships(),
            "is_board": has_role(request.user, Role.BOARD),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def profile(request):
    """The directory profile and, field by field, what is published. The Board writes it; the Auditor reads it."""
    _board_or_auditor(request.user)
    current = selectors.directory_profile()
    form = _profile_form(current, request.POST or None)
    if request.method == "POST":
        if not has_role(request.user, Role.BOARD):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.profile_update(
                    values=data, published=set(data["published"]), actor=request.user, reason=data["reason"]
                )
            except ValidationError as error:
                _errors_into(form, error)
            else:
                messages.success(request, _("The directory profile is saved. Publish it to send it."))
                return redirect("alliance:profile")
    return _profile_page(request, form, forms.ReasonForm(), current, status=400 if request.method == "POST" else 200)


def _profile_form(current, data=None) -> forms.ProfileForm:
    initial = {
        "sector": current.sector,
        "region": current.region,
        "skills": current.skills,
        "contracts_sought": current.contracts_sought,
        "published": current.published_fields,
    }
    return forms.ProfileForm(data, initial=initial)


def _profile_page(request, form, publish_form, current, *, status: int):
    return render(
        request,
        "alliance/profile.html",
        {
            "form": form,
            "publish_form": publish_form,
            "profile": current,
            "sent": [(PROFILE_LABELS[field], value) for field, value in selectors.profile_payload(current).items()],
            "alliances": selectors.alliances_joined(),
            "is_board": has_role(request.user, Role.BOARD),
        },
        status=status,
    )


@login_required
@require_POST
def publish(request):
    """The Board publishes the profile to the alliances the cooperative belongs to."""
    if not has_role(request.user, Role.BOARD):
        raise PermissionDenied
    publish_form = forms.ReasonForm(request.POST)
    if publish_form.is_valid():
        try:
            services.profile_publish(actor=request.user, reason=publish_form.cleaned_data["reason"])
        except ValidationError as error:
            _errors_into(publish_form, error)
        else:
            messages.success(request, _("The profile's published fields were sent to the alliance."))
            return redirect("alliance:profile")
    current = selectors.directory_profile()
    return _profile_page(request, _profile_form(current), publish_form, current, status=400)


@login_required
@require_safe
def directory(request):
    """The member cooperatives of the alliance, each with only the fields it published."""
    return render(
        request,
        "alliance/directory.html",
        {"rows": selectors.directory(), "is_alliance": selectors.installation_is_alliance()},
    )


@login_required
@require_safe
def sharing(request, pk: int):
    """What this installation shares with one peer: the kinds of message sent, and the published fields."""
    _board_or_auditor(request.user)
    peer = get_object_or_404(peers(), pk=pk)
    return render(request, "alliance/sharing.html", {"sharing": selectors.peer_sharing(peer)})
