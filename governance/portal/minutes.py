"""Member portal pages for a meeting's minutes: the minutes as drafted or adopted, with their
history, for everyone who may see the meeting; the Secretary drafts, edits and proposes them for
adoption at a later meeting of the same body."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coop.admin_mixins import add_service_errors
from coop.documents import render_markdown

from .. import selectors, services
from ..models import AgendaItem, Meeting


class MinutesEditForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Minutes (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        strip=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for this edit"),
        max_length=500,
        help_text=gettext_lazy("Kept in the minutes' history."),
    )


class ProposeAdoptionForm(forms.Form):
    meeting = forms.ModelChoiceField(label=gettext_lazy("At the meeting"), queryset=Meeting.objects.none())
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)

    def __init__(self, *args, minutes_meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.minutes_adoption_meetings(minutes_meeting)


class SpeakerForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Speaker's email"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500, required=False)


def _page(request, meeting: Meeting, *, status: int = 200, propose_form=None):
    minutes = selectors.meeting_minutes(meeting)
    secretary = selectors.is_secretary(request.user)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "minutes_html": render_markdown(minutes.text, top_heading=2) if minutes else "",
        "history": minutes.history.select_related("history_user").order_by("-history_date") if minutes else [],
        "is_secretary": secretary,
    }
    if secretary and minutes is not None and not minutes.is_adopted:
        context["propose_form"] = propose_form or ProposeAdoptionForm(minutes_meeting=meeting)
    return render(request, "governance/meeting_minutes.html", context, status=status)


@login_required
@never_cache
@require_safe
def meeting_minutes(request, pk: int):
    """A meeting's minutes, for everyone who may see the meeting: a draft marked as such, or the
    adopted text with the motion that adopted it."""
    return _page(request, selectors.meeting_for(request.user, pk))


@login_required
@require_POST
def meeting_minutes_draft(request, pk: int):
    """The Secretary drafts the closed meeting's minutes from its record."""
    found = selectors.minutes_for_secretary(request.user, pk)
    try:
        services.minutes_draft(
            meeting=found, actor=request.user, reason=request.POST.get("reason") or _("Drafted from the record")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("governance:meeting_minutes", pk=found.pk)
    messages.success(request, _("The minutes are drafted from the record; edit them as needed."))
    return redirect("governance:meeting_minutes_edit", pk=found.pk)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_minutes_edit(request, pk: int):
    """The Secretary's edit of the draft minutes; what was typed stays in the form on a refusal."""
    found = selectors.minutes_for_secretary(request.user, pk)
    minutes = selectors.meeting_minutes(found)
    if minutes is None:
        messages.error(request, _("Draft the minutes from the record first."))
        return redirect("governance:meeting_minutes", pk=found.pk)
    form = MinutesEditForm(request.POST or None, initial={"text": minutes.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_edit(
                minutes=minutes, text=form.cleaned_data["text"], actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("governance:meeting_minutes", pk=found.pk)
    status = 400 if request.method == "POST" else 200
    context = {"meeting": found, "minutes": minutes, "form": form}
    return render(request, "governance/meeting_minutes_edit.html", context, status=status)


@login_required
@require_POST
def meeting_minutes_propose(request, pk: int):
    """The Secretary puts the minutes to the vote at a later meeting of the same body."""
    found = selectors.minutes_for_secretary(request.user, pk)
    minutes = selectors.meeting_minutes(found)
    form = ProposeAdoptionForm(request.POST, minutes_meeting=found)
    if minutes is None:
        messages.error(request, _("Draft the minutes from the record first."))
        return redirect("governance:meeting_minutes", pk=found.pk)
    if form.is_valid():
        try:
            item = services.minutes_propose_adoption(
                minutes=minutes,
                meeting=form.cleaned_data["meeting"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The adoption of the minutes is on the agenda of %(meeting)s.") % {"meeting": item.meeting}
            )
            return redirect("governance:meeting", pk=item.meeting_id)
    return _page(request, found, status=400, propose_form=form)


@login_required
@require_POST
def agenda_speaker_add(request, pk: int):
    """The chair adds who spoke to the agenda item's speakers' list, from the chair's page."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    selectors.meeting_for_chair(request.user, item.meeting_id)
    form = SpeakerForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("governance:meeting_chair", pk=item.meeting_id)
    speaker = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
    try:
        if speaker is None:
            raise ValidationError({"speaker": _("No account has this email address.")})
        services.agenda_speaker_add(
            item=item,
            speaker=speaker,
            note=form.cleaned_data["note"],
            actor=request.user,
            reason=form.cleaned_data["reason"] or _("Speakers' list"),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The speaker is on the list."))
    return redirect("governance:meeting_chair", pk=item.meeting_id)
