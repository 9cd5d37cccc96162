"""Portal forms, and the Board's motion proposal form per kind.

The ballot form turns the posted marks into a list of choice ids. The proposal form asks only
what its kind needs and names everything by what people read: policy numbers by label,
documents, offices and officers by name.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coop.admin_mixins import ReasonForm, reason_field
from coop.models import DocumentVersion

from . import outcomes, selectors
from .models import Body, Choice, Motion, Office, OfficeTerm
from .selectors.encrypted import trustee_candidates


def marks_from_post(motion: Motion, data) -> list[int]:
    """Read the marks of a portal ballot: one radio, several boxes, or a rank per choice.

    A ranked ballot with a rank that is not a whole number from 1 to the number of choices, or with
    the same rank given twice, is refused in words naming the candidates, before any count."""
    if not motion.is_ranked:
        return [int(v) for v in data.getlist("marks") if str(v).isdigit()]
    choices = list(motion.choices.all())
    ranks: dict[int, list[Choice]] = {}
    for choice in choices:
        raw = (data.get(f"rank_{choice.pk}") or "").strip()
        if not raw:
            continue
        if not raw.isdigit() or not 1 <= int(raw) <= len(choices):
            raise ValidationError(
                {
                    "marks": _("Give %(name)s a rank from 1 to %(count)s, or leave it empty.")
                    % {"name": choice.label, "count": len(choices)}
                }
            )
        ranks.setdefault(int(raw), []).append(choice)
    repeated = [(rank, names) for rank, names in sorted(ranks.items()) if len(names) > 1]
    if repeated:
        rank, same = repeated[0]
        names = [choice.label for choice in same]
        raise ValidationError(
            {
                "marks": ngettext(
                    "Each rank once: you gave rank %(rank)s to %(count)s candidates (%(names)s).",
                    "Each rank once: you gave rank %(rank)s to %(count)s candidates (%(names)s).",
                    len(names),
                )
                % {"rank": rank, "count": _number_word(len(names)), "names": _(" and ").join(names)}
            }
        )
    return [same[0].pk for _rank, same in sorted(ranks.items())]


def _number_word(count: int) -> str:
    words = {2: _("two"), 3: _("three"), 4: _("four"), 5: _("five")}
    return str(words.get(count, count))


def typed_marks(motion: Motion, data) -> dict[int, str]:
    """Return what the member marked on a refused ballot, by choice id: the rank typed, or "on"
    for a ticked choice, so that the ballot comes back as they left it."""
    if motion.is_ranked:
        return {
            choice.pk: (data.get(f"rank_{choice.pk}") or "").strip()[:6]
            for choice in motion.choices.all()
            if (data.get(f"rank_{choice.pk}") or "").strip()
        }
    return {int(v): "on" for v in data.getlist("marks") if str(v).isdigit() and len(str(v)) <= 18}


def in_ranked_order(choices: list[Choice], typed: dict[int, str]) -> list[Choice]:
    """Return the choices of a refused ranked ballot in the order the member left them.

    The ranked choices come first by the rank typed, a shared rank in ballot order and a rank that
    is not a number after the numbers; the choices left empty follow in ballot order. The ballot
    page lists them so, with or without its script."""

    def place(choice: Choice) -> tuple[int, int, int]:
        raw = typed.get(choice.pk, "")
        if raw.isdigit():
            return (0, int(raw), choice.position)
        return (1 if raw else 2, 0, choice.position)

    return sorted(choices, key=place)


def grantor_from_post(data):
    """Read "cast this ballot for" of a portal ballot: nobody (yourself) or a person by id.

    Anything else is refused naming the field; whether the person's proxy is held is the
    service's rule."""
    raw = (data.get("on_behalf_of") or "").strip()
    if not raw:
        return None
    grantor = None
    # More digits than a key column holds would overflow in the database instead of finding nobody.
    if raw.isdigit() and len(raw) <= 18:
        grantor = get_user_model().objects.filter(pk=int(raw)).first()
    if grantor is None:
        raise ValidationError(
            {"on_behalf_of": _("Cast this ballot for: choose yourself or an owner whose proxy you hold.")}
        )
    return grantor


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your contribution"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ProxyForm(forms.Form):
    holder_email = forms.EmailField(label=_("Email of the owner who will vote for you"))
    motion = forms.ModelChoiceField(
        label=_("For the vote"),
        queryset=Motion.objects.none(),
        required=False,
        help_text=_("Leave empty to name a proxy for a period."),
    )
    starts_at = forms.DateTimeField(label=_("From"), required=False)
    ends_at = forms.DateTimeField(label=_("Until"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motion"].queryset = Motion.objects.filter(
            status__in=[Motion.Status.DRAFT, Motion.Status.SCHEDULED, Motion.Status.OPEN]
        )


class NominationForm(forms.Form):
    candidate_email = forms.EmailField(label=_("Email of the member you nominate (yours to stand yourself)"))


# What each kind of motion is for, shown on the kind picker of the proposal form.
KIND_HELP = {
    Motion.Kind.ORDINARY: _("A decision put to a yes / no vote; nothing changes automatically."),
    Motion.Kind.POLICY_CHANGE: _("Sets one policy number (a share cap, the dues, the quorum) to a new value."),
    Motion.Kind.BYLAW_AMENDMENT: _("Puts a proposed new version of the Bylaws in force."),
    Motion.Kind.ARTICLES_AMENDMENT: _("Puts a proposed new version of the Articles of Incorporation in force."),
    Motion.Kind.DOCUMENT_AMENDMENT: _("Puts a proposed new version of another governing document in force."),
    Motion.Kind.ELECTION: _("Elects officers to a Board office for a term, by secret ballot; nominations follow."),
    Motion.Kind.RECALL: _("Removes an officer from office before their term ends, by secret ballot."),
    Motion.Kind.PAY_BAND_CHANGE: _("Sets one role's minimum and maximum hourly rate."),
    Motion.Kind.SURPLUS_ALLOCATION: _("Adopts the Board's proposed allocation of the year's surplus."),
}
# Kinds proposed elsewhere: a failed mediation is escalated from its case; the Secretary puts
# minutes to the vote from the meeting's minutes.
NOT_PROPOSED_HERE = {Motion.Kind.MEDIATION_ESCALATION, Motion.Kind.MINUTES_ADOPTION}
ELECTION_METHODS = [Motion.Method.PLURALITY, Motion.Method.APPROVAL, Motion.Method.INSTANT_RUNOFF, Motion.Method.STV]
DOCUMENT_KIND_OF = {Motion.Kind.BYLAW_AMENDMENT: "bylaws", Motion.Kind.ARTICLES_AMENDMENT: "articles"}
COMMON_FIELDS = ["body", "title", "text", "secret", "opens_at", "closes_at"]
KIND_FIELDS = {
    Motion.Kind.POLICY_CHANGE: ["policy_key", "policy_value"],
    Motion.Kind.BYLAW_AMENDMENT: ["document_version"],
    Motion.Kind.ARTICLES_AMENDMENT: ["document_version"],
    Motion.Kind.DOCUMENT_AMENDMENT: ["document_version"],
    Motion.Kind.ELECTION: ["office", "method", "seats", "counting_rule"],
    Motion.Kind.RECALL: ["recall_term"],
}


def proposable_kinds() -> list[tuple[str, str, str]]:
    """The kinds the proposal form offers, as (value, label, what it does): governance's own and
    those another app registered an outcome for."""
    kinds = []
    for kind in Motion.Kind:
        if kind in NOT_PROPOSED_HERE:
            continue
        outcome = outcomes.outcome_for(kind)
        if kind not in Motion.BUILTIN and outcome is None:
            continue
        kinds.append((kind.value, kind.label, KIND_HELP.get(kind, "")))
    return kinds


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, version) -> str:
        return _("%(document)s, version %(number)s: %(summary)s") % {
            "document": version.document,
            "number": version.number,
            "summary": version.summary,
        }


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, term) -> str:
        return _("%(holder)s, %(office)s (since %(start)s)") % {
            "holder": term.holder.get_full_name() or term.holder.email,
            "office": term.office,
            "start": term.starts_at.date() if term.starts_at else "—",
        }


class MotionKindForm(ReasonForm):
    """The proposal of one kind of motion; `motion_form_for(kind)` makes the class for a kind."""

    kind: str = Motion.Kind.ORDINARY

    class Meta:
        model = Motion
        fields = COMMON_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.kind
        bodies = Body.objects.order_by("pk")
        if kind in Motion.GENERAL_CONFERENCE_ONLY or kind == Motion.Kind.DOCUMENT_AMENDMENT:
            bodies = bodies.filter(kind=Body.Kind.GENERAL_CONFERENCE)
            self.fields["body"].help_text = _("Only the General Conference decides this kind of motion.")
        self.fields["body"].queryset = bodies
        if bodies.count() == 1:
            self.fields["body"].initial = bodies.first().pk
        self.fields["title"].widget.attrs.setdefault("size", 60)
        for name in ("opens_at", "closes_at"):
            # The admin splits a moment into a date and a time input: each is named for screen readers.
            parts = getattr(self.fields[name].widget, "widgets", [])
            for part, what in zip(parts, (_("date"), _("time")), strict=False):
                part.attrs["aria-label"] = f"{self.fields[name].label}: {what}"
        secret = self.fields["secret"]
        if kind in Motion.SECRET_BY_BYLAWS:
            secret.initial = True
            secret.disabled = True
            secret.help_text = _("The Bylaws (5.2) decide this kind of motion by secret ballot.")
        else:
            secret.help_text = _("Bylaws 5.2: any motion may ask to be decided by secret ballot.")
        if "policy_key" in self.fields:
            self.fields["policy_key"] = forms.ChoiceField(
                label=_("Policy number"),
                choices=[("", _("Choose the policy number to change…")), *selectors.policy_choices()],
                help_text=_("Each number shows the value in force now."),
            )
            self.fields["policy_value"].required = True
            self.fields["policy_value"].help_text = _("The value the policy number takes once the motion is adopted.")
        if "document_version" in self.fields:
            versions = DocumentVersion.objects.filter(status=DocumentVersion.Status.PROPOSED).select_related("document")
            if kind in DOCUMENT_KIND_OF:
                versions = versions.filter(document__kind=DOCUMENT_KIND_OF[kind])
            else:
                versions = versions.exclude(document__kind__in=DOCUMENT_KIND_OF.values())
            self.fields["document_version"] = VersionChoiceField(
                label=_("Proposed version"),
                queryset=versions.order_by("document__title", "number"),
                empty_label=_("Choose the proposed version…"),
                help_text=_("Versions are proposed under Governing documents; only proposed ones are listed."),
            )
        if "office" in self.fields:
            self.fields["office"] = forms.ModelChoiceField(
                label=_("Office"),
                queryset=Office.objects.elected().select_related("body").order_by("pk"),
                empty_label=_("Choose the office to fill…"),
            )
            self.fields["method"].choices = [(m.value, m.label) for m in ELECTION_METHODS]
            self.fields["seats"].required = False
            self.fields["seats"].initial = None
            self.fields["seats"].help_text = _("Leave empty for the office's number of seats.")
            self.fields["counting_rule"].required = False  # left empty: the exact Droop quota
            self.fields["counting_rule"].help_text = _(
                "How an STV count transfers votes; other ballots keep the exact Droop quota."
            )
        if "recall_term" in self.fields:
            self.fields["recall_term"] = TermChoiceField(
                label=_("Officer recalled"),
                queryset=OfficeTerm.objects.active()
                .filter(office__body__kind=Body.Kind.BOARD)
                .select_related("holder", "office")
                .order_by("office__pk", "pk"),
                empty_label=_("Choose the officer…"),
            )

    def _post_clean(self):
        self.instance.kind = self.kind
        super()._post_clean()


def motion_form_for(kind: str) -> type[MotionKindForm]:
    """The proposal form of `kind`: the common fields, the kind's own, and for a kind another app
    carries out the terms its registered outcome asks for."""
    outcome = outcomes.outcome_for(kind)
    fields = COMMON_FIELDS + KIND_FIELDS.get(kind, [])
    meta = type("Meta", (MotionKindForm.Meta,), {"fields": fields})
    attrs = {"Meta": meta, "kind": kind, **(outcome.form_fields() if outcome else {})}
    return type("MotionKindForm", (MotionKindForm,), attrs)


class TrusteeKeyForm(forms.Form):
    """A trustee's box key: the public half `python -m secret_ballot.trustee keygen` printed."""

    box_key = forms.CharField(
        label=_("Your box key (the public half, in hexadecimal)"),
        max_length=200,
        help_text=_("Its private half stays in the key file on your computer; never paste that here."),
    )


class TrusteeUploadForm(forms.Form):
    """A file the trustee's tool wrote, uploaded or pasted; `cleaned_data["data"]` is its JSON object."""

    MAX_BYTES = 1_000_000  # a dealing or a decryption is a few kilobytes

    upload = forms.FileField(label=_("The file"), required=False)
    pasted = forms.CharField(
        label=_("Or paste its text"), required=False, strip=True, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("upload"), cleaned.get("pasted")
        if upload is not None:
            if upload.size > self.MAX_BYTES:
                raise ValidationError({"upload": _("This file is too large to be one the trustee's tool wrote.")})
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationError({"upload": _("This file is not a text file.")}) from None
        if not text:
            raise ValidationError({"pasted": _("Upload the file, or paste its text.")})
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ValidationError({"pasted": _("This is not the JSON file the trustee's tool wrote.")})
        cleaned["data"] = data
        return cleaned


class CeremonyRestartForm(forms.Form):
    """Why the Board starts an encrypted vote's key ceremony again: it goes in the history."""

    reason = reason_field()


class EncryptedVoteForm(forms.Form):
    """The Board names an encrypted vote's trustees (people of the cooperative, outside parties by
    name) and how many of them decrypt together."""

    trustees = forms.ModelMultipleChoiceField(
        label=_("Trustees from the cooperative"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Officers, managers and auditors: for example the Secretary and an Auditor."),
    )
    outside_parties = forms.CharField(
        label=_("Outside trustees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line: parties without an account, whose steps the Board relays."),
    )
    threshold = forms.IntegerField(
        label=_("Trustees needed to decrypt"),
        min_value=1,
        help_text=_("Any this many of the trustees decrypt the totals together; fewer learn nothing."),
    )
    reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trustees"].queryset = trustee_candidates()

    def trustee_list(self) -> list:
        """The trustees in the order they are numbered: the people as listed, then the outside parties."""
        names = [line.strip() for line in self.cleaned_data["outside_parties"].splitlines() if line.strip()]
        return [*self.cleaned_data["trustees"], *names]
