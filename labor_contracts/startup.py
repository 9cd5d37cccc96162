"""The Labor Contracts step of the startup sequence: contracts signed, hours worked and capital
raised against the capital target of the business plan in force."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def labor_contracts_step(cooperative) -> tuple[list[str], str]:
    from .selectors import labor_progress

    progress = labor_progress()
    unit = cooperative.unit_label if cooperative is not None else ""
    needs = []
    if progress.contracts_signed == 0:
        needs.append(_("Sign a labor contract: the Board approves one the CEO negotiated."))
    if progress.capital_target is None:
        needs.append(
            _(
                'State the capital target in the business plan (its "Capital target" row); so far '
                "%(signed)s contracts signed, %(hours)s hours worked, %(raised)s %(unit)s raised."
            )
            % {
                "signed": progress.contracts_signed,
                "hours": progress.hours_worked,
                "raised": progress.capital_raised,
                "unit": unit,
            }
        )
    elif progress.capital_raised < progress.capital_target:
        needs.append(
            _(
                "Raise %(missing)s %(unit)s more capital: %(raised)s of %(target)s %(unit)s raised "
                "(%(signed)s contracts signed, %(hours)s hours worked)."
            )
            % {
                "missing": progress.capital_target - progress.capital_raised,
                "raised": progress.capital_raised,
                "target": progress.capital_target,
                "unit": unit,
                "signed": progress.contracts_signed,
                "hours": progress.hours_worked,
            }
        )
    return needs, reverse("labor_contracts_portal:overview")
