"""The Board's page for an encrypted vote: make a draft secret motion an encrypted vote, naming its
trustees and how many of them decrypt together, and, before the vote opens, start the key ceremony
again (a trustee's tool refused a share, or a trustee lost their box key once dealing had begun)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import CeremonyRestartForm, EncryptedVoteForm
from ..selectors.encrypted import ceremony_trustees, election_summary, motion_for_encryption


def _apply(form, call) -> bool:
    """Run `call` with the valid form; a refusal goes under its field (or above the form)."""
    if not form.is_valid():
        return False
    try:
        call(form)
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return False
    return True


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def motion_encryption(request, pk: int):
    """Set up the motion's encrypted vote (POST `action=create`) or restart its key ceremony
    (`action=restart`); GET shows where it stands."""
    motion = motion_for_encryption(request.user, pk)
    create, restart = EncryptedVoteForm(prefix="create"), CeremonyRestartForm(prefix="restart")
    status, problems = 200, []
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            create = EncryptedVoteForm(request.POST, prefix="create")
            done = _apply(
                create,
                lambda form: services.encrypted_election_create(
                    motion=motion,
                    trustees=form.trustee_list(),
                    threshold=form.cleaned_data["threshold"],
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                ),
            )
            message = _("The vote is encrypted: its trustees are told to begin the key ceremony.")
        elif action == "restart":
            restart = CeremonyRestartForm(request.POST, prefix="restart")
            done = _apply(
                restart,
                lambda form: services.encrypted_ceremony_restart(
                    motion=motion, actor=request.user, reason=form.cleaned_data["reason"]
                ),
            )
            message = _("The key ceremony starts again: the trustees are told.")
        else:
            done, message = False, ""
            problems.append(_("Choose one of the steps on this page."))
        if done:
            messages.success(request, message)
            return redirect("governance:encryption", pk)
        status = 400
    election = election_summary(motion)
    context = {
        "motion": motion,
        "election": election,
        "trustees": ceremony_trustees(election) if election else [],
        "create": create,
        "restart": restart,
        "problems": problems,
    }
    return render(request, "governance/encryption.html", context, status=status)
