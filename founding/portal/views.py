"""Founding pages: the first-run setup, the public recruitment page, invitations, and the portal
pages that walk the conveners and the Board through the startup sequence."""

from __future__ import annotations

import logging
from datetime import date

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coop import startup
from coop.models import User
from coop.roles import Role, has_role
from coop.selectors import cooperative_current, document_template_values
from governance import services as gov
from governance.models import Motion
from membership.models import DuesSchedule

from .. import forms, selectors, services
from ..adapter import INVITATION_SESSION_KEY
from ..articles import articles_for_filing

JOIN_LIMIT, JOIN_WINDOW = 5, 60 * 60  # applications per address per hour
SETUP_TOKEN_LIMIT, SETUP_TOKEN_WINDOW = 10, 15 * 60  # wrong setup tokens per address per 15 minutes

logger = logging.getLogger("founding.setup")


def _errors_into(form, error: ValidationError) -> None:
    for name, problems in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        form.add_error(name if name in form.fields else None, problems)


def setup(request):
    """The first run. Reachable only while no cooperative exists; afterwards it is not found.

    Whoever reaches the page first must not found the cooperative: it asks for the one-time setup
    token, which only the server's console shows."""
    if cooperative_current() is not None:
        raise Http404(_("Setup has already run."))
    issued = services.setup_token_ensure()
    if issued:
        link = request.build_absolute_uri(reverse("founding:setup"))
        logger.warning("Set up the cooperative at %s?token=%s (the link works once; keep it private)", link, issued)
    form = forms.SetupForm(
        request.POST or None,
        initial={"token": request.GET.get("token", ""), "default_language": translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conveners = [services.ConvenerSpec(data["email"], data["first_name"], data["last_name"], data["password"])]
        for line in (data["other_conveners"] or "").splitlines():
            parts = [p.strip() for p in line.split(",")]
            if parts and parts[0]:
                padded = [*parts, "", ""]
                conveners.append(services.ConvenerSpec(padded[0], padded[1], padded[2]))
        attempts_key = f"founding:setup-token:{_client_address(request)}"
        try:
            if (cache.get(attempts_key) or 0) >= SETUP_TOKEN_LIMIT:
                raise ValidationError({"token": _("Too many wrong setup tokens from your address; try again later.")})
            services.cooperative_setup_with_token(
                token=data["token"].strip(),
                name=data["name"],
                jurisdiction=data["jurisdiction"],
                unit=data["unit"],
                currency_code=data["currency_code"],
                mission=data["mission"],
                default_language=data["default_language"] or translation.get_language(),
                conveners=conveners,
                actor=None,
                reason=_("First setup from the web page"),
            )
        except ValidationError as error:
            if "token" in getattr(error, "error_dict", {}):
                cache.add(attempts_key, 0, SETUP_TOKEN_WINDOW)
                cache.incr(attempts_key)
            _errors_into(form, error)
        else:
            login(
                request,
                User.objects.get(email=data["email"].lower()),
                backend="coop.auth_backends.AccountBackend",
            )
            messages.success(request, _("The cooperative is set up. You are a convener with temporary Board powers."))
            return redirect("founding:overview")
    return render(request, "founding/setup.html", {"form": form})


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def join(request):
    """The public page: what the cooperative is, and the application form with the Board's questions."""
    cooperative = cooperative_current()
    if cooperative is None:
        return redirect("founding:setup")
    questions = list(selectors.application_questions())
    # Bound on every POST, an empty one included: the rate limit adds its error to the form.
    form = forms.ApplicationForm(request.POST if request.method == "POST" else None, questions=questions)
    status = 200
    if request.method == "POST":
        key = f"founding:join:{_client_address(request)}"
        cache.add(key, 0, JOIN_WINDOW)
        if cache.incr(key) > JOIN_LIMIT:
            form.add_error(None, _("Too many applications from your address; try again in an hour."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            answers = {q.pk: data.get(f"answer_{q.pk}", "") for q in questions}
            try:
                services.application_submit(
                    email=data["email"],
                    legal_name=data["legal_name"],
                    phone=data["phone"],
                    answers=answers,
                    language=translation.get_language(),
                )
            except ValidationError as error:
                _errors_into(form, error)
                status = 400
            else:
                return render(request, "founding/join_thanks.html", {})
        else:
            status = 400
    context = {"form": form, "values": document_template_values(cooperative)}
    return render(request, "founding/join.html", context, status=status)


@require_safe
def invitation(request, token: str):
    """Follow an invitation link: sign up through allauth with the invited address pre-filled and verified."""
    found = selectors.invitation_for_token(token)
    if found is None:
        return render(request, "founding/invitation_invalid.html", {}, status=404)
    request.session[INVITATION_SESSION_KEY] = token
    get_adapter(request).stash_verified_email(request, found.email)
    return redirect(f"{reverse('account_signup')}?{urlencode({'email': found.email})}")


@login_required
@require_safe
def overview(request):
    """The startup sequence page: every step's state from the data, what it needs and where to do it."""
    cooperative = cooperative_current()
    return render(
        request,
        "founding/overview.html",
        {
            "steps": startup.evaluate(cooperative),
            "conveners": selectors.conveners(),
            "sunset": selectors.convener_sunset(),
            "progress": selectors.capital_progress(),
        },
    )


def _board_post(request, run) -> None:
    if not has_role(request.user, Role.BOARD):
        raise PermissionDenied
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for this change; it is kept in the history."))
        return
    try:
        run(form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Done."))


def _motion(pk):
    found = Motion.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
def conference(request):
    """The guided founding General Conference: adopt the Bylaws, then elect the officers."""
    if request.method == "POST":
        action, user = request.POST.get("action"), request.user
        runs = {
            "bylaws": lambda r: services.founding_bylaws_motion_propose(
                text=request.POST.get("text"), actor=user, reason=r
            ),
            "election": lambda r: services.founding_election_propose(
                office=selectors.board_office(request.POST.get("office")), actor=user, reason=r
            ),
            "open": lambda r: gov.motion_open(
                motion=_motion(request.POST.get("motion")),
                actor=user,
                reason=r,
                closes_at=forms.VoteWindowForm(request.POST).fields["closes_at"].clean(request.POST.get("closes_at")),
            ),
            "close": lambda r: gov.motion_close(motion=_motion(request.POST.get("motion")), actor=user, reason=r),
            "certify": lambda r: gov.motion_certify(motion=_motion(request.POST.get("motion")), actor=user, reason=r),
        }
        if action not in runs:
            raise Http404
        _board_post(request, runs[action])
        return redirect("founding:conference")
    return render(
        request,
        "founding/conference.html",
        {
            "steps": selectors.founding_conference(),
            "sunset": selectors.convener_sunset(),
            "is_board": has_role(request.user, Role.BOARD),
        },
    )


def _milestones(text: str) -> list[services.MilestoneSpec]:
    specs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = [p.strip() for p in line.split(",")]
        if not parts[0]:
            continue
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            raise ValidationError(
                {"milestones": _("Line %(n)s: start with a date written YYYY-MM-DD.") % {"n": number}}
            ) from None
        padded = [*parts, "", ""]
        specs.append(services.MilestoneSpec(title=padded[1], target_date=day, measure=padded[2]))
    return specs


@login_required
def plan(request):
    """The business plan: its capital target, milestones and the capital raised so far."""
    if request.method == "POST":
        user = request.user
        if request.POST.get("action") == "dues":
            _board_post(request, lambda r: services.club_dues_start(actor=user, reason=r))
        else:
            form = forms.PlanForm(request.POST)
            if not has_role(user, Role.BOARD):
                raise PermissionDenied
            if form.is_valid():
                data = form.cleaned_data
                _board_post(
                    request,
                    lambda r: services.business_plan_propose(
                        capital_target=data["capital_target"],
                        milestones=_milestones(data["milestones"]),
                        actor=user,
                        reason=r,
                    ),
                )
            else:
                messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        return redirect("founding:plan")
    return render(
        request,
        "founding/plan.html",
        {
            "terms": selectors.business_plan_terms_in_force(),
            "proposed": selectors.business_plan_terms_proposed(),
            "progress": selectors.capital_progress(),
            "schedule": DuesSchedule.objects.filter(active=True).first(),
            "is_board": has_role(request.user, Role.BOARD),
            "form": forms.PlanForm(),
        },
    )


@login_required
@require_safe
def articles(request):
    """The Articles of Incorporation with the cooperative's own data, printable for filing."""
    cooperative = cooperative_current()
    if cooperative is None:
        raise Http404
    return render(request, "founding/articles.html", articles_for_filing(cooperative))


@login_required
def incorporation(request):
    """The Board records the filing: the club phase ends."""
    form = forms.IncorporationForm(request.POST or None)
    if request.method == "POST":
        if not has_role(request.user, Role.BOARD):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.incorporation_record(
                    legal_form=data["legal_form"],
                    incorporated_on=data["incorporated_on"],
                    registration_number=data["registration_number"],
                    actor=request.user,
                    reason=data["reason"],
                )
            except ValidationError as error:
                _errors_into(form, error)
            else:
                messages.success(request, _("The incorporation is recorded: labor contracts may now be approved."))
                return redirect("founding:overview")
    return render(
        request,
        "founding/incorporation.html",
        {
            "form": form,
            "cooperative": cooperative_current(),
            "sunset": selectors.convener_sunset(),
            "is_board": has_role(request.user, Role.BOARD),
        },
        status=400 if request.method == "POST" else 200,
    )
