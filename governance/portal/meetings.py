"""Member portal pages for meetings: the list, a meeting with its agenda and check-in, the
chair's page with the check-in code and the live quorum, and the page the code opens."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coop.calendar import to_ics
from coop.roles import Role, has_role

from .. import selectors, services
from ..calendar import meeting_event
from ..models import AgendaItem, Meeting

# The chair's page reloads itself this often, showing a fresh code and the quorum as it stands.
CHAIR_REFRESH_SECONDS = 30


@login_required
@require_safe
def meetings(request):
    return render(request, "governance/meetings.html", {"meetings": selectors.meetings_for(request.user)[:50]})


def _meeting_context(request, meeting: Meeting, **extra) -> dict:
    return {
        "meeting": meeting,
        "agenda": selectors.meeting_agenda(meeting),
        "documents": meeting.documents.select_related("document_version__document"),
        "my_attendance": selectors.my_attendance(meeting, request.user),
        "is_board": has_role(request.user, Role.BOARD),
        "is_teller": selectors.is_teller(meeting, request.user),
        **extra,
    }


@login_required
@never_cache
@require_safe
def meeting(request, pk: int):
    found = selectors.meeting_for(request.user, pk)
    return render(request, "governance/meeting.html", _meeting_context(request, found))


@login_required
@require_safe
def meeting_ics(request, pk: int):
    """The meeting as an .ics file to add to a calendar."""
    found = selectors.meeting_for(request.user, pk)
    body = to_ics([meeting_event(found)], absolute=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{found.pk}.ics"'
    return response


@login_required
@require_POST
def meeting_check_in(request, pk: int):
    """Check the member in remotely, from the meeting's page."""
    found = selectors.meeting_for(request.user, pk)
    try:
        services.attendance_check_in(meeting=found, attendee=request.user, how="remote", actor=request.user)
    except ValidationError as error:
        context = _meeting_context(request, found, errors=error.messages)
        return render(request, "governance/meeting.html", context, status=400)
    messages.success(request, _("You are checked in, remotely."))
    return redirect("governance:meeting", pk=found.pk)


def _qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG, drawn on the server: no script, no outside service."""
    code = segno.make(url, error="m")
    return code.svg_inline(scale=6, dark="#000", light="#fff", title=_("Check-in code"))


@login_required
@never_cache
@require_safe
def meeting_chair(request, pk: int):
    """The chair's screen: the code members scan in the room, and the live quorum by weight."""
    found = selectors.meeting_for_chair(request.user, pk)
    context = {
        "meeting": found,
        "agenda": selectors.meeting_agenda(found),
        "attendance": selectors.meeting_attendance(found),
        "quorum": selectors.meeting_quorum(found),
        "refresh_seconds": CHAIR_REFRESH_SECONDS,
    }
    if found.status == Meeting.Status.OPEN:
        url = request.build_absolute_uri(
            reverse("governance:meeting_code", kwargs={"token": selectors.checkin_token(found)})
        )
        # segno writes the SVG from the URL alone; nothing a person typed reaches it.
        context |= {"checkin_url": url, "qr_svg": mark_safe(_qr_svg(url))}  # noqa: S308
    return render(request, "governance/meeting_chair.html", context)


@login_required
@require_POST
def agenda_item_open(request, pk: int):
    """The chair puts the agenda item's motion to the vote; refused without the quorum."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    selectors.meeting_for_chair(request.user, item.meeting_id)
    try:
        services.agenda_item_open_vote(
            item=item, actor=request.user, reason=request.POST.get("reason") or _("Opened from the agenda")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("governance:meeting_chair", pk=item.meeting_id)
    messages.success(request, _("The vote is open."))
    return redirect("governance:meeting_chair", pk=item.meeting_id)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_code(request, token: str):
    """The page the room's code opens on a member's phone: GET shows the meeting, POST checks in."""
    try:
        meeting_id = selectors.checkin_token_meeting_id(token)
    except ValidationError as error:
        return render(request, "governance/meeting_code.html", {"errors": error.messages}, status=400)
    found = selectors.meeting_for(request.user, meeting_id)
    if request.method == "POST":
        try:
            services.attendance_check_in(
                meeting=found, attendee=request.user, how="in_room", actor=request.user, token=token
            )
        except ValidationError as error:
            context = {"meeting": found, "errors": error.messages}
            return render(request, "governance/meeting_code.html", context, status=400)
        messages.success(request, _("You are checked in, in the room."))
        return redirect("governance:meeting", pk=found.pk)
    context = {"meeting": found, "my_attendance": selectors.my_attendance(found, request.user)}
    return render(request, "governance/meeting_code.html", context)
