"""A trustee's page in an encrypted vote: where the key ceremony stands, the trustee's next step with
the command to run on their own computer, and the forms that upload what that command wrote.

The page serves no code that touches the trustee's secrets: the box key's private half and the
combined key share stay with `python -m secret_ballot.trustee` on the trustee's computer. The page
takes only the public half of the box key, the dealing with its sealed shares, and the partial
decryption, and each goes through its service, which checks every proof.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .. import services
from ..forms import TrusteeKeyForm, TrusteeUploadForm
from ..models import EncryptedElection
from ..selectors.encrypted import ceremony_trustees, trustee_file, trustee_for

Status = EncryptedElection.Status
CEREMONY_REASON = gettext_lazy("Trustee's key ceremony")
DECRYPTION_REASON = gettext_lazy("Trustee's partial decryption")


def _register(trustee, form, actor) -> str:
    services.trustee_register_key(
        trustee=trustee, box_key=form.cleaned_data["box_key"].strip(), actor=actor, reason=str(CEREMONY_REASON)
    )
    return _("Your box key is registered.")


def _publish(trustee, form, actor) -> str:
    upload = form.cleaned_data["data"]
    services.trustee_publish_dealing(
        trustee=trustee,
        dealing=upload.get("dealing"),
        sealed_shares=upload.get("sealed_shares"),
        actor=actor,
        reason=str(CEREMONY_REASON),
    )
    return _("Your dealing and sealed shares are published.")


def _decrypt(trustee, form, actor) -> str:
    services.trustee_decrypt(
        trustee=trustee, decryption=form.cleaned_data["data"], actor=actor, reason=str(DECRYPTION_REASON)
    )
    return _("Your partial decryption is verified and stored.")


# Each action (the form's `action` field, also the form's prefix): its form and its service call.
ACTIONS = {
    "key": (TrusteeKeyForm, _register),
    "dealing": (TrusteeUploadForm, _publish),
    "decryption": (TrusteeUploadForm, _decrypt),
}


def _show_refusal(form, error: ValidationError) -> None:
    """Put a service's refusal under the form's field it is about, else above the form. What the
    service says of the upload (dealing, sealed_shares, decryption) goes under the pasted text."""
    for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        if field in form.fields:
            form.add_error(field, errors)
        elif field in ("dealing", "sealed_shares", "decryption"):
            form.add_error("pasted", errors)
        else:
            form.add_error(None, errors)


def _next_step(election: EncryptedElection, me, trustees) -> str:
    """What this trustee does next, as the template names it."""
    if election.status == Status.CEREMONY:
        if not me.box_key:
            return "keygen"
        if me.dealt:
            return "wait_dealings"
        return "deal" if all(t.box_key for t in trustees) else "wait_keys"
    if election.status == Status.READY:
        return "check"
    if election.status == Status.CLOSED and not me.decrypted:
        return "decrypt"
    return "done"


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def trustee_page(request, pk: int, index: int):
    """The trustee's page: the ceremony's state, the next step, and its form (POST with `action`)."""
    trustee = trustee_for(request.user, pk, index)
    forms = {name: form_class(prefix=name) for name, (form_class, _call) in ACTIONS.items()}
    status, problems = 200, []
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            problems, status = [_("Choose one of the steps on this page.")], 400
        else:
            form_class, call = ACTIONS[action]
            form = forms[action] = form_class(request.POST, request.FILES, prefix=action)
            if form.is_valid():
                try:
                    done = call(trustee, form, request.user)
                except ValidationError as error:
                    _show_refusal(form, error)
                else:
                    messages.success(request, done)
                    return redirect("governance:trustee", pk, index)
            status = 400
    election = trustee.election
    trustees = ceremony_trustees(election)
    me = next(t for t in trustees if t.pk == trustee.pk)
    context = {
        "motion": election.motion,
        "election": election,
        "trustee": me,
        "trustees": trustees,
        "step": _next_step(election, me, trustees),
        "dealing_begun": any(t.dealt for t in trustees),
        "file_name": _file_name(pk, index),
        "forms": forms,
        "problems": problems,
    }
    return render(request, "governance/trustee.html", context, status=status)


def _file_name(pk: int, index: int) -> str:
    return f"motion-{pk}-trustee-{index}-election.json"


@login_required
@require_safe
def trustee_election_file(request, pk: int, index: int):
    """The file the trustee's tool reads (`trustee_file`), as a download."""
    trustee = trustee_for(request.user, pk, index)
    text = json.dumps(trustee_file(trustee), indent=1, sort_keys=True)
    response = HttpResponse(text, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(pk, index)}"'
    return response
