"""The startup sequence: Server Setup → Recruitment → Elections → Dues → Incorporation →
Labor Contracts → Business Plan Implementation.

Each step's state is derived from the data, never ticked by hand. A step's check returns
what the step still needs (an empty list when it is done). The app that owns a step registers
its check, once, through `register_check` in its `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
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
    """Make `check(cooperative) -> (needs, link)` decide the state of step `step_key`; one owner
    per step, so a second registration is refused rather than silently winning by app order."""
    if step_key not in {s.key for s in STEPS}:
        raise KeyError(step_key)
    if step_key in _checks:
        raise ImproperlyConfigured(f"The startup step {step_key!r} already has a check: {_checks[step_key]!r}.")
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
