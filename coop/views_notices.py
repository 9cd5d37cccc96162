"""The notices' pages: the inbox, the preferences, and the one-click unsubscribe link of an email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import notices
from .forms import NoticePreferencesForm
from .models import Notice, NoticeKind

PER_PAGE = 25


@login_required
@require_safe
def inbox(request):
    """The person's notices, unread first (or newest first), a page at a time."""
    order = "newest" if request.GET.get("order") == "newest" else "unread"
    page = Paginator(notices.notices_for(user=request.user, order=order), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "order": order, "unread": notices.notices_unread_count(user=request.user)}
    return render(request, "portal/notices/inbox.html", context)


@login_required
@require_POST
def notice_open(request, pk: int):
    """Mark the notice read and go where it leads (back to the inbox when it leads nowhere)."""
    try:
        notice = notices.notice_mark_read(notice_id=pk, actor=request.user)
    except Notice.DoesNotExist:
        raise Http404 from None
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect(notice.link)
    return redirect("portal:notices")


@login_required
@require_POST
def notices_read_all(request):
    count = notices.notices_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)s notices marked read.") % {"count": count})
    return redirect("portal:notices")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    """How the person wants each kind of notice delivered."""
    form = NoticePreferencesForm(request.POST or None, initial=notices.notice_deliveries(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            notices.notice_preferences_set(
                user=request.user,
                deliveries=form.cleaned_data,
                actor=request.user,
                reason=_("Chose how their notices are delivered"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your notice preferences are saved."))
            return redirect("portal:notice_preferences")
    return render(request, "portal/notices/preferences.html", {"form": form}, status=400 if form.errors else 200)


# The token is the credential: a mail provider's one-click POST (RFC 8058) carries no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET asks to confirm; POST (the button, or a mail provider's one-click) turns the emails off."""
    try:
        _user, kind = notices.unsubscribe_read(token)
    except ValidationError as error:
        return render(request, "notices/unsubscribe.html", {"error": error.messages[0]}, status=400)
    label = _("every notice") if kind == notices.EVERY_KIND else NoticeKind(kind).label
    if request.method == "POST":
        notices.notices_unsubscribe(token=token)
        return render(request, "notices/unsubscribe.html", {"done": True, "kind_label": label})
    return render(request, "notices/unsubscribe.html", {"kind_label": label})
