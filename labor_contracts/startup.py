"""The Labor Contracts step of the startup sequence: contracts signed, hours worked and capital
raised against the capital target of the business plan in force, as founding reports it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import capital_against_target, labor_progress


def labor_contracts_step(cooperative) -> tuple[list[str], str]:
    progress = labor_progress()
    capital = capital_against_target()
    unit = cooperative.unit_label if cooperative is not None else ""
    needs = []
    if progress.contracts_signed == 0:
        needs.append(_("Sign a labor contract: the Board approves one the CEO negotiated."))
    if capital is None or capital.target is None:
        needs.append(
            _(
                "Adopt a business plan with a capital target by a General Conference vote; so far "
                "%(signed)s contracts signed, %(hours)s hours worked, %(raised)s %(unit)s raised."
            )
            % {
                "signed": progress.contracts_signed,
                "hours": progress.hours_worked,
                "raised": progress.capital_raised,
                "unit": unit,
            }
        )
    elif capital.missing:
        needs.append(
            _(
                "Raise %(missing)s %(unit)s more capital: %(raised)s of %(target)s %(unit)s raised "
                "(%(signed)s contracts signed, %(hours)s hours worked)."
            )
            % {
                "missing": capital.missing,
                "raised": capital.raised,
                "target": capital.target,
                "unit": unit,
                "signed": progress.contracts_signed,
                "hours": progress.hours_worked,
            }
        )
    return needs, reverse("labor_contracts_portal:overview")
