"""The "Elections" step of the startup sequence, derived from the data: it is done when the
Board's named offices are held by officers a certified election installed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Motion, Office, OfficeTerm

REQUIRED = [Office.Kind.PRESIDENT, Office.Kind.SECRETARY, Office.Kind.TREASURER]


def elections_check(cooperative) -> tuple[list[str], str]:
    elected = set(
        OfficeTerm.objects.active()
        .filter(motion__kind=Motion.Kind.ELECTION, motion__status=Motion.Status.CERTIFIED)
        .values_list("office__kind", flat=True)
    )
    needs = [
        _("Elect the %(office)s in a certified General Conference election.") % {"office": Office.Kind(kind).label}
        for kind in REQUIRED
        if kind not in elected
    ]
    return needs, reverse("governance:index") if needs else ""
