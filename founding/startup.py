"""The startup steps this app owns, derived from the data: Server Setup, Incorporation and
Business Plan Implementation."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from coop.roles import Role
from coop.selectors import users_with_role
from projects.models import Project

from .selectors import business_plan_terms_in_force
from .services._common import founding_election_needs


def server_setup_check(cooperative) -> tuple[list[str], str]:
    """Done once the cooperative exists and someone holds Board powers (a convener or an officer)."""
    if cooperative is None:
        return [
            _("Run the first setup: the cooperative's name, state or country, unit and the conveners' accounts.")
        ], reverse("founding:setup")
    if not users_with_role(Role.BOARD).exists():
        return [_("Nobody holds Board powers: name a convener or elect the Board.")], reverse("founding:overview")
    return [], ""


def incorporation_check(cooperative) -> tuple[list[str], str]:
    if cooperative is not None and cooperative.is_incorporated:
        return [], ""
    needs = []
    if founding_election_needs():
        needs.append(_("Certify the founding election: the Articles name the elected officers."))
    needs.append(_("File the Articles of Incorporation and record the filing date and registration number."))
    return needs, reverse("founding:incorporation")


def business_plan_check(cooperative) -> tuple[list[str], str]:
    """Done when an adopted plan's milestones are all carried out by completed projects."""
    terms = business_plan_terms_in_force()
    if terms is None:
        return [_("Adopt a business plan with a capital target and milestones by a General Conference vote.")], reverse(
            "founding:plan"
        )
    needs = []
    for milestone in terms.milestones.all():
        if milestone.project is None:
            needs.append(_("Link the milestone “%(m)s” to the project that carries it out.") % {"m": milestone.title})
        elif milestone.project.status != Project.Status.COMPLETED:
            needs.append(
                _("Complete the project “%(p)s” (milestone “%(m)s”, due %(d)s).")
                % {"p": milestone.project, "m": milestone.title, "d": milestone.target_date}
            )
    return needs, reverse("founding:plan") if needs else ""
