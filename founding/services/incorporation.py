"""Incorporation in the founding sequence: only after the founding election is certified."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop import services as coop_services
from coop.models import Cooperative
from coop.selectors import cooperative_current

from ._common import founding_election_needs, require_board


@transaction.atomic
def incorporation_record(
    *, legal_form: str, incorporated_on, registration_number: str, actor, reason: str
) -> Cooperative:
    """Record the filing of the Articles: refused before the founding election is certified, since
    the Articles name the officers the General Conference elected."""
    require_board(actor, action=_("record the incorporation"))
    cooperative = cooperative_current()
    if cooperative is None:
        raise ValidationError({"setup": _("Run the setup first: there is no cooperative yet.")})
    if cooperative.is_incorporated:
        raise ValidationError({"incorporated_on": _("The incorporation is already recorded.")})
    missing = founding_election_needs()
    if missing:
        raise ValidationError(
            {
                "incorporated_on": _(
                    "The step “Elections” is not done: certify the founding election first (%(missing)s)."
                )
                % {"missing": " ".join(missing)}
            }
        )
    return coop_services.cooperative_record_incorporation(
        cooperative=cooperative,
        legal_form=legal_form,
        incorporated_on=incorporated_on,
        registration_number=registration_number,
        actor=actor,
        reason=reason,
    )
