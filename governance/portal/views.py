"""Member portal pages for governance. They read through selectors and write through services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from coop.calendar import to_ics
from coop.roles import Role, has_role
from membership.selectors import rule_label
from secret_ballot.board import readable

from .. import outcomes, selectors, services
from ..calendar import motion_event
from ..forms import (
    CommentForm,
    NominationForm,
    ProxyForm,
    grantor_from_post,
    in_ranked_order,
    marks_from_post,
    typed_marks,
)
from ..models import Choice, Motion, Proxy
from ..results_view import choice_labels, result_context
from ..selectors.encrypted import ballot_setup, election_summary, trustee_pages_for
from ..selectors.ranked import ranked_board


# A service runs in its own atomic block: when it raises, its writes are already undone, and
# the page can still read to show the error.
def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


@login_required
@require_safe
def index(request):
    user = request.user
    context = {
        "open_motions": selectors.open_motions_for_voter(user),
        "proxies": selectors.proxy_votes_for(user),
        "nominations": Motion.objects.filter(kind=Motion.Kind.ELECTION, status=Motion.Status.DRAFT),
        "decided": selectors.motions_for(user).filter(status__in=[Motion.Status.CLOSED, Motion.Status.CERTIFIED])[:20],
        "officers": selectors.officers_in_office(),
        "my_nominations": selectors.nominations_for(user).filter(consent=Choice.Consent.PENDING),
    }
    return render(request, "governance/index.html", context)


def _encryption(motion: Motion, user, grantors: list) -> dict | None:
    """What the browser encrypts an encrypted vote's ballot with, each person it may be cast for
    named as the ballot in clear names them."""
    setup = ballot_setup(motion, user, grantors)
    if setup is None:
        return None
    names = {grantor.pk: grantor for grantor in grantors}
    for voter in setup["voters"]:
        grantor = names.get(voter["on_behalf_of"])
        voter["label"] = _("%(grantor)s (as proxy)") % {"grantor": grantor} if grantor else _("myself")
    return setup


def _motion_context(request, motion: Motion, **extra) -> dict:
    user = request.user
    encrypted = election_summary(motion)
    entry = selectors.roll_entry(motion, user)
    mine = selectors.my_recorded_ballot(motion, user)
    choices = list(motion.choices.all())
    grantors = (
        [p.grantor for p in selectors.proxy_votes_for(user).filter(motion__in=[None, motion])]
        if motion.status == Motion.Status.OPEN
        else []
    )
    return {
        "motion": motion,
        "outcome": outcomes.describe(motion),
        "choices": choices,
        "ballot_choices": choices,
        "comments": motion.comments.select_related("author"),
        "roll_entry": entry,
        "roll_rule": rule_label(entry.rule) if entry else "",
        "has_voted": mine is not None or motion.participations.filter(voter=user).exists(),
        "my_ballot": mine,
        "my_marks": choice_labels(motion).marks(mine.ballot.marks) if mine else "",
        "proxy_grantors": grantors,
        "comment_form": CommentForm(),
        "nomination_form": NominationForm(),
        "encrypted": encrypted,
        "encryption": _encryption(motion, user, grantors) if encrypted else None,
        "trustee_pages": trustee_pages_for(motion, user) if encrypted else [],
        # Before the vote opens, the Board may make it encrypted or restart its key ceremony.
        "encryption_setup": motion.status in {Motion.Status.DRAFT, Motion.Status.SCHEDULED}
        and has_role(user, Role.BOARD),
        "ranked_board": ranked_board(motion),
        **extra,
    }


@login_required
@never_cache
@require_safe
def motion_detail(request, pk: int):
    motion = selectors.motion_for(request.user, pk)
    return render(request, "governance/motion.html", _motion_context(request, motion))


@login_required
@require_safe
def motion_ics(request, pk: int):
    """The motion's voting window as an .ics file to add to a calendar."""
    motion = selectors.motion_for(request.user, pk)
    event = motion_event(motion)
    body = to_ics([event] if event else [], absolute=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="motion-{motion.pk}.ics"'
    return response


@login_required
@require_POST
@never_cache
@sensitive_post_parameters()
def ballot_cast(request, pk: int):
    """Cast a ballot; the receipt is shown in this response only and stored nowhere with the voter."""
    motion = selectors.motion_for(request.user, pk)
    try:
        on_behalf_of = grantor_from_post(request.POST)
        receipt = services.ballot_cast(
            motion=motion, cast_by=request.user, marks=marks_from_post(motion, request.POST), on_behalf_of=on_behalf_of
        )
    except ValidationError as error:
        # The ballot comes back as the member left it, with the refusal in words above it.
        context = _motion_context(request, motion, ballot_errors=_errors(error))
        typed = typed_marks(motion, request.POST)
        for choice in context["choices"]:
            choice.typed = typed.get(choice.pk, "")
        if motion.is_ranked:
            context["ballot_choices"] = in_ranked_order(context["choices"], typed)
        return render(request, "governance/motion.html", context, status=400)
    code = readable(receipt.tracking_code) if receipt.tracking_code else ""
    return render(request, "governance/receipt.html", {"motion": motion, "receipt": receipt, "tracking_code": code})


@login_required
@require_POST
@never_cache
@sensitive_post_parameters()
def encrypted_ballot_cast(request, pk: int):
    """Cast the ballot the voter's browser encrypted (the `ballot` field, JSON); the response shows
    its tracking code, which the voter finds on the board."""
    motion = selectors.motion_for(request.user, pk)
    try:
        try:
            ballot = json.loads(request.POST.get("ballot", ""))
        except ValueError:
            refusal = _("The encrypted ballot did not arrive whole: encrypt it again.")
            raise ValidationError({"ballot": refusal}) from None
        code = services.ballot_cast_encrypted(
            motion=motion, cast_by=request.user, ballot=ballot, on_behalf_of=grantor_from_post(request.POST)
        )
    except ValidationError as error:
        context = _motion_context(request, motion, ballot_errors=_errors(error))
        return render(request, "governance/motion.html", context, status=400)
    context = {"motion": motion, "tracking_code": readable(code), "full_code": code}
    return render(request, "governance/encrypted_receipt.html", context)


@login_required
@require_POST
def comment_add(request, pk: int):
    motion = selectors.motion_for(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(motion=motion, author=request.user, text=form.cleaned_data["text"], actor=request.user)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
    return redirect("governance:motion", pk=motion.pk)


@login_required
@require_POST
def nominate(request, pk: int):
    motion = selectors.motion_for(request.user, pk)
    form = NominationForm(request.POST)
    if form.is_valid():
        candidate = get_user_model().objects.filter(email__iexact=form.cleaned_data["candidate_email"]).first()
        try:
            if candidate is None:
                raise ValidationError({"candidate": _("No member has this email address.")})
            services.nomination_submit(
                motion=motion, candidate=candidate, actor=request.user, reason=_("Nomination from the portal")
            )
            if candidate.pk == request.user.pk:
                messages.success(request, _("You stand in this election."))
            else:
                messages.success(
                    request,
                    _("Nomination recorded. %(person)s stands once they accept it.")
                    % {"person": candidate.get_full_name() or candidate.email},
                )
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
    return redirect("governance:motion", pk=motion.pk)


@login_required
@require_safe
def nominations(request):
    """My nominations in elections that have not opened: I accept or decline each one."""
    return render(request, "governance/nominations.html", {"nominations": selectors.nominations_for(request.user)})


@login_required
@require_POST
def nomination_answer(request, pk: int):
    """Accept or decline one of my nominations; someone else's is not found."""
    choice = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
    answer = request.POST.get("answer")
    if answer not in {"accept", "decline"}:
        messages.error(request, _("Choose whether you accept or decline the nomination."))
        return redirect("governance:nominations")
    try:
        services.nomination_answer(
            choice=choice, accept=answer == "accept", actor=request.user, reason=_("Answer to a nomination")
        )
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        return redirect("governance:nominations")
    if answer == "accept":
        messages.success(
            request, _("You stand in “%(title)s”: you are on the ballot when it opens.") % {"title": choice.motion}
        )
    else:
        messages.success(
            request, _("You declined: you are not on the ballot of “%(title)s”.") % {"title": choice.motion}
        )
    return redirect("governance:nominations")


@login_required
@require_safe
def results(request, pk: int):
    motion = selectors.motion_for(request.user, pk)
    result = getattr(motion, "result", None)
    if result is None:
        raise PermissionDenied(_("No result is shown before the vote closes."))
    context = result_context(motion, result)
    labels = context["labels"]
    context |= {
        "encrypted": election_summary(motion),
        "ranked_board": ranked_board(motion),
        "ballots": [(b.receipt, labels.marks(b.marks)) for b in selectors.published_ballots(motion)],
        "recorded": None
        if motion.secret
        else [(p.voter, labels.marks(p.ballot.marks), p.cast_by) for p in selectors.recorded_votes(motion)],
    }
    return render(request, "governance/results.html", context)


@login_required
@require_safe
def receipts(request):
    """The votes I took part in, and a check of a receipt code against a published list."""
    found = None
    motion_id, code = request.GET.get("motion"), (request.GET.get("code") or "").strip().upper()
    if motion_id and code:
        motion = selectors.motion_for(request.user, int(motion_id)) if motion_id.isdigit() else None
        if motion is not None and motion.status in {Motion.Status.CLOSED, Motion.Status.CERTIFIED}:
            ballot = selectors.published_ballots(motion).filter(receipt=code).first()
            found = {
                "motion": motion,
                "code": code,
                "marks": choice_labels(motion).marks(ballot.marks) if ballot else None,
            }
    context = {
        "participations": selectors.my_participations(request.user),
        "found": found,
        "closed": Motion.objects.decided(),
    }
    return render(request, "governance/receipts.html", context)


@login_required
def proxies(request):
    user = request.user
    form = ProxyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        holder = get_user_model().objects.filter(email__iexact=data["holder_email"]).first()
        try:
            if holder is None:
                raise ValidationError({"holder": _("No owner has this email address.")})
            services.proxy_grant(
                grantor=user,
                holder=holder,
                motion=data["motion"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                actor=user,
                reason=data["reason"],
            )
            messages.success(request, _("Your proxy is named."))
            return redirect("governance:proxies")
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
    context = {
        "form": form,
        "given": Proxy.objects.filter(grantor=user).select_related("holder", "motion"),
        "held": Proxy.objects.filter(holder=user).select_related("grantor", "motion"),
    }
    return render(request, "governance/proxies.html", context)


@login_required
@require_POST
def proxy_revoke(request, pk: int):
    proxy = get_object_or_404(Proxy, pk=pk, grantor=request.user)
    try:
        services.proxy_revoke(proxy=proxy, actor=request.user, reason=request.POST.get("reason") or _("Revoked"))
        messages.success(request, _("Proxy revoked."))
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    return redirect("governance:proxies")
