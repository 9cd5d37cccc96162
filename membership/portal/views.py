"""The member's own pages: their membership, shares, dues and voting weight. Nobody else's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from coop.selectors import cooperative_current

from .. import selectors, services
from ..models import ShareRequest


class ShareRequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What you ask for"), choices=ShareRequest.Kind.choices)
    quantity = forms.IntegerField(label=gettext_lazy("Number of shares"), min_value=1)
    reason = forms.CharField(label=gettext_lazy("Your reason"), max_length=500)


def _page(request, template, member, **context):
    return render(request, template, {"member": member, "cooperative": cooperative_current(), **context})


@login_required
@require_safe
def overview(request):
    member = selectors.member_for_user(request.user)
    if member is None:
        return _page(request, "membership/overview.html", None)
    return _page(
        request,
        "membership/overview.html",
        member,
        weight=selectors.voting_weight(member=member),
        account=selectors.capital_account(member),
        history=selectors.member_history(member),
    )


@login_required
def shares(request):
    member = selectors.member_for_user(request.user)
    if member is None:
        return redirect("membership_portal:overview")
    form = ShareRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.share_request_submit(
                member=member,
                actor=request.user,
                **{
                    "kind": form.cleaned_data["kind"],
                    "quantity": form.cleaned_data["quantity"],
                    "reason": form.cleaned_data["reason"],
                },
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your request was sent to the Board."))
            return redirect("membership_portal:shares")
    return _page(
        request,
        "membership/shares.html",
        member,
        form=form,
        account=selectors.capital_account(member),
        ledger=selectors.share_ledger(member=member),
        requests=selectors.share_requests(member=member),
        subscriptions=selectors.subscription_standings(selectors.share_subscriptions(member=member)),
        subscription_payments=selectors.subscription_payments(member=member),
    )


@login_required
@require_safe
def dues(request):
    member = selectors.member_for_user(request.user)
    if member is None:
        return redirect("membership_portal:overview")
    return _page(
        request,
        "membership/dues.html",
        member,
        arrears=selectors.dues_arrears(member),
        charges=selectors.dues_charges(member=member),
        payments=selectors.dues_payments(member=member),
        schedule=selectors.dues_schedule_active(),
    )
