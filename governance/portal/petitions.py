"""Member portal pages for petitions: the open petitions with their signatures against the
threshold and a form to start one; a petition with who signed, where each owner signs or takes
their signature back, the starter withdraws it, and a signer calls the special General Conference
once enough owners have signed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from coop.admin_mixins import add_service_errors

from .. import selectors, services
from ..models import Meeting, MeetingPetition


class PetitionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    purpose = forms.CharField(
        label=gettext_lazy("Purpose"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Why the owners ask for the meeting: the meeting's purpose once it is called."),
    )


def _when(label):
    return forms.DateTimeField(
        label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class PetitionCallForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    starts_at = _when(gettext_lazy("Starts"))
    ends_at = _when(gettext_lazy("Ends"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=300, required=False)
    video_link = forms.URLField(label=gettext_lazy("Video link"), required=False, assume_scheme="https")


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def petitions(request):
    """The open petitions with their signatures against the threshold, and the form to start one;
    what was typed stays in the form on a refusal."""
    form = PetitionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                petition = services.petition_start(
                    title=form.cleaned_data["title"],
                    purpose=form.cleaned_data["purpose"],
                    actor=request.user,
                    reason=_("Petition started in the portal"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your petition is open, with your signature. Ask other owners to sign it."))
                return redirect("governance:petition", pk=petition.pk)
        status = 400
    context = {
        "petitions": selectors.petitions_open(request.user)[:50],
        "threshold": selectors.petition_threshold(),
        "form": form,
    }
    return render(request, "governance/petitions.html", context, status=status)


def _act(request, petition: MeetingPetition, action: str) -> str:
    """Run the owner's action on the petition and return what to tell them."""
    actor, reason = request.user, (request.POST.get("reason") or "").strip()
    if action == "sign":
        services.petition_sign(petition=petition, actor=actor, reason=reason or _("Signed in the portal"))
        return _("You signed the petition.")
    if action == "unsign":
        services.petition_unsign(
            petition=petition, actor=actor, reason=reason or _("Signature taken back in the portal")
        )
        return _("Your signature is taken back.")
    if action == "withdraw":
        services.petition_withdraw(petition=petition, actor=actor, reason=reason)
        return _("The petition is withdrawn.")
    raise ValidationError({"action": _("Choose what to do.")})


def _call(request, petition: MeetingPetition, form: PetitionCallForm) -> Meeting | None:
    """Call the special General Conference through the petition, or None when the form is refused."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        return services.meeting_call(
            body=selectors.general_conference(),
            kind=Meeting.Kind.SPECIAL,
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            video_link=data["video_link"],
            actor=request.user,
            petition=petition,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def petition(request, pk: int):
    """A petition, who signed it, and the owner's actions: sign, take the signature back, withdraw
    (the starter), and call the meeting (a signer, once enough owners have signed)."""
    found = selectors.petition_for(pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    call_form = PetitionCallForm(request.POST if action == "call" else None, initial={"title": found.title})
    errors, status = [], 200
    if action == "call":
        meeting = _call(request, found, call_form)
        if meeting is not None:
            messages.success(request, _("The special General Conference is called."))
            return redirect("governance:meeting", pk=meeting.pk)
        status = 400
    elif request.method == "POST":
        try:
            done = _act(request, found, action)
        except ValidationError as error:
            errors, status = list(error.messages), 400
        else:
            messages.success(request, done)
            return redirect("governance:petition", pk=found.pk)
    signatures = list(selectors.petition_signatures(found))
    threshold = selectors.petition_threshold()
    counted = sum(1 for signature in signatures if signature.on_roll)
    signed = any(signature.signer_id == request.user.pk for signature in signatures)
    context = {
        "petition": found,
        "signatures": signatures,
        "counted": counted,
        "threshold": threshold,
        "signed": signed,
        "is_starter": found.started_by_id == request.user.pk,
        "may_call": found.status == MeetingPetition.Status.OPEN and signed and counted >= threshold.needed,
        "call_form": call_form,
        "action": action,
        "errors": errors,
        "kept_reason": request.POST.get("reason", "") if errors else "",
    }
    return render(request, "governance/petition.html", context, status=status)
