"""Portal pages for hybrid voting in a meeting: the chair appoints the tellers, issues paper
ballots, reconciles the tellers' entries, adds the paper ballots to the count and records a show of
hands; each teller enters the paper ballots on their phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from coop.models import User

from .. import selectors, services
from ..models import Motion, Teller

CHAIR_ACTIONS = ("issue", "resolve", "add", "hands")


def _errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in error.message_dict[field]] for field in error.message_dict}
    return {"__all__": list(error.messages)}


def _user(pk) -> User | None:
    try:
        return User.objects.filter(pk=int(pk)).first() if pk else None
    except (TypeError, ValueError):
        return None


def _marks(motion: Motion, data) -> list[str]:
    """The marks a form sent: the choices ticked, or for a ranked ballot the choices by their rank."""
    if not motion.is_ranked:
        return data.getlist("marks")
    ranked = []
    for choice in motion.choices.all():
        rank = (data.get(f"rank_{choice.pk}") or "").strip()
        if rank:
            if not rank.isdigit():
                raise ValidationError({"marks": _("A rank is a whole number.")})
            ranked.append((int(rank), choice.pk))
    return [str(pk) for _rank, pk in sorted(ranked)]


def _choices(motion: Motion, kept: dict) -> list[tuple]:
    """Each choice with the rank and the tick a refused form sent, to show them again."""
    ticked = set(kept.get("marks", []))
    return [(c, kept.get(f"rank_{c.pk}", ""), str(c.pk) in ticked) for c in motion.choices.all()]


def _kept(data) -> dict:
    """What was typed, to show again on a refusal: each field's value, and the choices ticked."""
    kept = {key: value for key, value in data.items() if key != "csrfmiddlewaretoken"}
    return kept | {"marks": data.getlist("marks")}


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_tellers(request, pk: int):
    """The chair appoints the meeting's two tellers, from those checked in in person."""
    meeting = selectors.meeting_for_chair(request.user, pk)
    errors, kept, status = {}, {}, 200
    if request.method == "POST":
        try:
            services.meeting_tellers_appoint(
                meeting=meeting,
                tellers=[_user(request.POST.get("first")), _user(request.POST.get("second"))],
                actor=request.user,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as error:
            errors, kept, status = _errors(error), _kept(request.POST), 400
        else:
            messages.success(request, _("The tellers are appointed."))
            return redirect("governance:meeting_tellers", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "tellers": selectors.active_tellers(meeting),
        "past": Teller.objects.filter(meeting=meeting, ended_at__isnull=False).select_related("teller"),
        "attendance": selectors.meeting_attendance(meeting).exclude(how="by_proxy"),
        "motions": selectors.meeting_paper_motions(meeting),
        "errors": errors,
        "kept": kept,
    }
    return render(request, "governance/meeting_tellers.html", context, status=status)


def _chair_post(request, motion: Motion) -> str:
    """Run the chair's action the form names and return what to tell the chair."""
    action, data, actor = request.POST.get("action"), request.POST, request.user
    reason = data.get("reason", "")
    if action == "issue":
        services.paper_ballot_issue(
            motion=motion,
            voter=_user(data.get("voter")),
            holder=_user(data.get("holder")),
            actor=actor,
            reason=reason or "Paper ballot issued",
        )
        return _("A paper ballot is issued.")
    if action == "resolve":
        services.paper_difference_resolve(
            motion=motion,
            serial=data.get("serial", ""),
            marks=_marks(motion, data),
            weight=data.get("weight") or None,
            spoilt=bool(data.get("spoilt")),
            discard=bool(data.get("discard")),
            actor=actor,
            reason=reason,
        )
        return _("The difference is resolved.")
    if action == "add":
        services.paper_ballots_add(motion=motion, actor=actor, reason=reason)
        return _("The paper ballots are added to the count.")
    if action == "hands":
        counts = {c.pk: data.get(f"hands_{c.pk}", "") for c in motion.choices.all()}
        services.show_of_hands_record(motion=motion, counts=counts, actor=actor, reason=reason)
        return _("The show of hands is recorded as the result.")
    raise ValidationError({"action": _("Choose what to do.")})


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def motion_paper(request, pk: int):
    """The chair's page for one motion's vote in the meeting: issue paper ballots, compare the
    tellers' entries, resolve each difference, add the paper ballots; or record a show of hands."""
    motion, meeting = selectors.motion_for_chair(request.user, pk)
    errors, kept, status = {}, {}, 200
    if request.method == "POST":
        try:
            done = _chair_post(request, motion)
        except ValidationError as error:
            errors, kept, status = _errors(error), _kept(request.POST), 400
        else:
            messages.success(request, done)
            return redirect("governance:motion_paper", pk=motion.pk)
        motion.refresh_from_db()
    report = selectors.paper_reconciliation(motion, meeting)
    labels = dict(motion.choices.values_list("pk", "label"))
    differences = [
        {
            "serial": d.serial,
            "first": d.first and (d.first[0], selectors.marks_label(motion, d.first[1], labels)),
            "second": d.second and (d.second[0], selectors.marks_label(motion, d.second[1], labels)),
            "resolution": d.resolution,
            "agreed": d.resolution
            and not d.resolution.discarded
            and selectors.marks_label(motion, d.resolution.marks, labels),
        }
        for d in report.differences
    ]
    context = {
        "meeting": meeting,
        "motion": motion,
        "choices": _choices(motion, kept),
        "report": report,
        "teller_rows": [(t, report.entered.get(t.pk, 0), t.pk in report.finished) for t in report.tellers],
        "differences": differences if report.both_finished else [],
        "attendance": selectors.attendees_for_paper(meeting),
        "hands": [(c, kept.get(f"hands_{c.pk}", "")) for c in motion.choices.all()],
        "hands_refusal": services.show_of_hands_allowed(motion),
        "action": request.POST.get("action") if errors else "",
        "errors": errors,
        "kept": kept,
    }
    return render(request, "governance/motion_paper.html", context, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def teller_entry(request, pk: int):
    """A teller's phone page: enter each paper ballot (serial, weight, marks), then finish. A teller
    sees only their own entries."""
    motion, meeting = selectors.motion_for_teller(request.user, pk)
    errors, kept, status = {}, {}, 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "finish":
                services.paper_entry_finish(motion=motion, actor=request.user)
                done = _("You have finished entering. The chair now compares the two tellers' entries.")
            else:
                entry = services.paper_ballot_enter(
                    motion=motion,
                    serial=request.POST.get("serial", ""),
                    marks=_marks(motion, request.POST),
                    weight=request.POST.get("weight") or None,
                    spoilt=bool(request.POST.get("spoilt")),
                    actor=request.user,
                )
                done = _("Paper ballot %(serial)s entered.") % {"serial": entry.serial}
        except ValidationError as error:
            errors, kept, status = _errors(error), _kept(request.POST), 400
        else:
            messages.success(request, done)
            return redirect("governance:teller_entry", pk=motion.pk)
    labels = dict(motion.choices.values_list("pk", "label"))
    mine = selectors.teller_entries(motion, request.user)
    entries = [(e, selectors.marks_label(motion, e.marks, labels)) for e in mine]
    weights = sorted(set(motion.roll.values_list("weight", flat=True)))
    context = {
        "meeting": meeting,
        "motion": motion,
        "choices": _choices(motion, kept),
        "entries": entries,
        "weights": weights if len(weights) > 1 else [],
        "finished": selectors.teller_finished(motion, request.user),
        "errors": errors,
        "kept": kept,
    }
    return render(request, "governance/teller_entry.html", context, status=status)
