"""Pages of the core app: the public front page, the cooperative's page, the API token and the
governing documents."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from rest_framework.authtoken.models import Token

from . import calendar, selectors, services, startup
from .documents import LAWYER_NOTICE, render_markdown
from .forms import LanguageForm
from .languages import browser_language, cooperative_language
from .models import DocumentVersion


@require_safe
def front_page(request):
    if selectors.cooperative_current() is None:
        # A fresh installation: the first run creates the cooperative.
        return redirect("founding:setup")
    if request.user.is_authenticated:
        return redirect("portal:home")
    return render(request, "front_page.html")


@login_required
@require_safe
def portal_cooperative(request):
    """Where the cooperative stands in the startup sequence, and the policy numbers in force."""
    context = {
        "steps": startup.evaluate(selectors.cooperative_current()),
        "policy_numbers": selectors.policy_numbers(),
    }
    return render(request, "portal/cooperative.html", context)


@login_required
@require_safe
def portal_api_token(request):
    token = Token.objects.filter(user=request.user).first()
    return render(request, "portal/api_token.html", {"token": token})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def portal_language(request):
    """The person's language: pages, emails and notices. Saved on the account and in the language
    cookie, so that the pages seen before logging in keep it too."""
    form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["language"]
        try:
            services.account_language_set(
                user=request.user, language=code, actor=request.user, reason=_("Chose the language of their account")
            )
        except ValidationError as error:
            form.add_error("language", error.message_dict.get("language", error.messages))
        else:
            translation.activate(code or browser_language(request) or cooperative_language())
            messages.success(request, _("Your language is saved."))
            response = redirect("portal:language")
            if code:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax"
                )
            else:
                response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
            return response
    return render(request, "portal/language.html", {"form": form})


@login_required
@require_POST
def portal_api_token_reset(request):
    """Replace the member's API token; the old one stops working at once."""
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, _("A new API token was created. The old one no longer works."))
    return redirect("portal:api_token")


@login_required
@require_safe
def portal_calendar(request):
    """The address of the person's calendar feed, how to subscribe, and the button that resets it."""
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[calendar.feed_token(request.user)]))
    return render(request, "portal/calendar.html", {"feed_url": feed_url})


@login_required
@require_POST
def portal_calendar_reset(request):
    """Give the person a new feed address; calendars subscribed to the old one stop receiving events."""
    calendar.calendar_feed_reset(
        user=request.user, actor=request.user, reason=_("Reset the address of their calendar feed")
    )
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect("portal:calendar")


@require_safe
def calendar_feed(request, token: str):
    """A member's calendar feed, for calendar apps, which cannot log in: the token is the key."""
    user = calendar.feed_user(token)
    if user is None:
        raise Http404
    body = calendar.to_ics(
        calendar.calendar_events(user), name=_("Cooperative calendar"), absolute=request.build_absolute_uri
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# ---------------------------------------------------------------------------------------------
# Governing documents: every logged-in person reads them, their history and their differences.
# ---------------------------------------------------------------------------------------------


def _document(slug: str):
    return get_object_or_404(selectors.documents_with_current(), slug=slug)


def _version_or_404(document, number):
    try:
        return selectors.document_version_get(document=document, number=number)
    except ValidationError:
        raise Http404 from None


@login_required
@require_safe
def document_list(request):
    return render(request, "portal/documents/list.html", {"documents": selectors.documents_with_current()})


@login_required
@require_safe
def document_detail(request, slug: str, number: int | None = None):
    """Show the version in force, or version `number` when one is named."""
    document = _document(slug)
    version = document.current_version if number is None else _version_or_404(document, number)
    context = {
        "document": document,
        "version": version,
        "html": render_markdown(version.text) if version else "",
        "lawyer_notice": LAWYER_NOTICE,
        "proposals": selectors.document_versions(document=document).filter(status=DocumentVersion.Status.PROPOSED),
    }
    return render(request, "portal/documents/detail.html", context)


@login_required
@require_safe
def document_history(request, slug: str):
    document = _document(slug)
    versions = selectors.document_versions(document=document)
    return render(request, "portal/documents/history.html", {"document": document, "versions": versions})


@login_required
@require_safe
def document_diff(request, slug: str):
    """Show the redline between the two versions named by `from` and `to` (GET)."""
    document = _document(slug)
    versions = list(selectors.document_versions(document=document))
    context = {"document": document, "versions": versions, "errors": []}
    if versions:
        current = document.current_version
        default_to = versions[0].number
        default_from = current.number if current and current.number != default_to else versions[-1].number
        context["from_number"] = request.GET.get("from", default_from)
        context["to_number"] = request.GET.get("to", default_to)
        try:
            context["old"], context["new"], context["redline"] = selectors.document_redline(
                document=document, from_number=context["from_number"], to_number=context["to_number"]
            )
        except ValidationError as error:
            context["errors"] = error.messages
    return render(request, "portal/documents/diff.html", context, status=400 if context["errors"] else 200)


@login_required
@require_safe
def document_print(request, slug: str):
    """A clean page to print: the text in force (or `?version=N`) with the lawyer notice."""
    document = _document(slug)
    number = request.GET.get("version")
    version = document.current_version if number is None else _version_or_404(document, number)
    if version is None:
        raise Http404
    context = {
        "document": document,
        "version": version,
        "html": render_markdown(version.text),
        "lawyer_notice": LAWYER_NOTICE,
    }
    return render(request, "portal/documents/print.html", context)
