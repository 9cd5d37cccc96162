"""Portal forms. The ballot form turns the posted marks into a list of choice ids."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Motion


def marks_from_post(motion: Motion, data) -> list[int]:
    """Read the marks of a portal ballot: one radio, several boxes, or a rank per choice."""
    if motion.is_ranked:
        ranks = []
        for choice in motion.choices.all():
            raw = (data.get(f"rank_{choice.pk}") or "").strip()
            if raw:
                try:
                    ranks.append((int(raw), choice.pk))
                except ValueError:
                    ranks.append((10**6, -1))  # refused by the service as "not a choice on this ballot"
        if len({rank for rank, _pk in ranks}) != len(ranks):
            return [0, 0]  # equal ranks: refused as "mark each choice at most once"
        return [pk for _rank, pk in sorted(ranks)]
    return [int(v) for v in data.getlist("marks") if str(v).isdigit()]


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
