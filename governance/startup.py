"""The "Elections" step of the startup sequence, derived from the data: it is done when the
Board's named offices are held by officers a certified election installed, and, once the
cooperative runs, while the annual General Conference is not overdue."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Motion, Office, OfficeTerm
from .selectors import annual_conference

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
    if needs:
        return needs, reverse("governance:index")
    # Once the cooperative runs, the General Conference meets every year (the Bylaws): an annual
    # meeting overdue and not called brings this step back with what it needs.
    annual = annual_conference()
    if annual.overdue():
        needs = [
            _("Call the annual General Conference: it was due on %(date)s.")
            % {"date": date_format(annual.due_on, "DATE_FORMAT")}
        ]
        return needs, reverse("governance:meetings")
    return [], ""
