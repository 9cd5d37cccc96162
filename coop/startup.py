"""The startup sequence: Server Setup → Recruitment → Elections → Dues → Incorporation →
Labor Contracts → Business Plan Implementation.

Each step's state is derived from the data, never ticked by hand. A step's check returns
what the step still needs (an empty list when it is done). The core app checks the steps it
can see; each domain app replaces the check of the step it owns when it lands, through
`register_check`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class StepState:
    DONE = "done"
    CURRENT = "current"  # the first step not yet done: where the cooperative stands
    PENDING = "pending"


@dataclass(frozen=True)
class StepDefinition:
    key: str
    title: str
    purpose: str


STEPS: list[StepDefinition] = [
    StepDefinition("server_setup", _("Server Setup"), _("The platform runs, with logins for the conveners.")),
    StepDefinition("recruitment", _("Recruitment"), _("Enough people join to found the cooperative.")),
    StepDefinition("elections", _("Elections"), _("The General Conference elects the Board's officers.")),
    StepDefinition("dues", _("Dues"), _("Members pay club-phase dues towards the capital target.")),
    StepDefinition("incorporation", _("Incorporation"), _("The Articles are filed and the cooperative incorporated.")),
    StepDefinition(
        "labor_contracts", _("Labor Contracts"), _("Owners' labor is hired out to raise the business plan's capital.")
    ),
    StepDefinition("business_plan", _("Business Plan Implementation"), _("The adopted business plan is carried out.")),
]


@dataclass
class StepStatus:
    key: str
    title: str
    purpose: str
    state: str
    needs: list[str] = field(default_factory=list)
    link: str = ""


Check = Callable[[object], tuple[list[str], str]]
_checks: dict[str, Check] = {}


def register_check(step_key: str, check: Check) -> None:
    """Make `check(cooperative) -> (needs, link)` decide the state of step `step_key`."""
    if step_key not in {s.key for s in STEPS}:
        raise KeyError(step_key)
    _checks[step_key] = check


def evaluate(cooperative) -> list[StepStatus]:
    """Return every step with its state and what it still needs, in sequence order."""
    statuses = []
    reached_current = False
    for step in STEPS:
        needs, link = _checks[step.key](cooperative)
        if not needs:
            state = StepState.DONE
        elif not reached_current:
            state, reached_current = StepState.CURRENT, True
        else:
            state = StepState.PENDING
        statuses.append(StepStatus(step.key, str(step.title), str(step.purpose), state, [str(n) for n in needs], link))
    return statuses


# -----------------------------------------------------------------------------
# The core app's own checks. Domain apps replace the ones for the steps they own.
# -----------------------------------------------------------------------------


def _server_setup(cooperative) -> tuple[list[str], str]:
    from .roles import Role
    from .selectors import users_with_role

    needs = []
    if cooperative is None:
        needs.append(_("Create the cooperative: its name, jurisdiction and unit."))
    if not users_with_role(Role.BOARD).exists():
        needs.append(_("Give at least one convener Board powers."))
    return needs, reverse("admin:index")


def _recruitment(cooperative) -> tuple[list[str], str]:
    from .roles import Role
    from .selectors import policy_value, users_with_role

    target = policy_value("recruitment_target")
    count = users_with_role(Role.MEMBER).count()
    if count < target:
        return [
            _("Recruit %(missing)s more members (%(count)s of %(target)s).")
            % {"missing": target - count, "count": count, "target": target}
        ], reverse("admin:index")
    return [], ""


def _elections(cooperative) -> tuple[list[str], str]:
    from .roles import Role
    from .selectors import users_with_role

    if not users_with_role(Role.BOARD).exists():
        return [_("Elect the Board's officers in a General Conference.")], ""
    return [], ""


def _dues(cooperative) -> tuple[list[str], str]:
    if cooperative is None or not cooperative.is_incorporated:
        return [_("Collect club-phase dues until incorporation.")], ""
    return [], ""


def _incorporation(cooperative) -> tuple[list[str], str]:
    needs = []
    if cooperative is None or not cooperative.incorporated_on:
        needs.append(_("Record the filing date of the Articles of Incorporation."))
    if cooperative is None or not cooperative.registration_number:
        needs.append(_("Record the registration number the state issued."))
    return needs, reverse("admin:coop_cooperative_changelist")


def _labor_contracts(cooperative) -> tuple[list[str], str]:
    return [_("Sign and complete a labor contract to raise capital.")], ""


def _business_plan(cooperative) -> tuple[list[str], str]:
    return [_("Adopt a business plan by a General Conference vote.")], ""


for _key, _check in {
    "server_setup": _server_setup,
    "recruitment": _recruitment,
    "elections": _elections,
    "dues": _dues,
    "incorporation": _incorporation,
    "labor_contracts": _labor_contracts,
    "business_plan": _business_plan,
}.items():
    register_check(_key, _check)
