"""Reading the payloads of the messages peers send about contracts: each field checked, and any
field that has no business travelling refused rather than ignored."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coop.services_common import exact_decimal


def payload_text(payload: dict, field: str, limit: int) -> str:
    """Return the text `field` of `payload`, stripped, or refuse it naming the field."""
    value = payload.get(field)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ValidationError({field: _("Give a text of at most %(longest)s characters.") % {"longest": limit}})
    return value.strip()


def payload_day(payload: dict, field: str) -> date:
    """Return the ISO date `field` of `payload`, or refuse it naming the field."""
    try:
        return date.fromisoformat(payload.get(field))
    except (TypeError, ValueError):
        raise ValidationError({field: _("Give a date as YYYY-MM-DD.")}) from None


def payload_reference(payload: dict, field: str = "contract") -> int:
    """Return the number `field` of `payload` names a record by on the sender's installation."""
    value = payload.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValidationError({field: _("Give the number of the record on the peer's installation.")})
    return value


def payload_refuse_unknown(payload: dict, allowed: frozenset) -> None:
    """Refuse a payload naming a field outside `allowed`."""
    unknown = set(payload) - allowed
    if unknown:
        # Only terms travel: anything else (a member list, pay) is refused rather than ignored.
        raise ValidationError({name: _("This field does not travel in this message.") for name in sorted(unknown)})


def payload_decimal(value, field: str, **limits) -> Decimal:
    """Return an exact, positive decimal that travelled as text ("12.50"), or refuse it naming `field`."""
    if not isinstance(value, str):
        raise ValidationError({field: _('A number travels as a decimal in a text, such as "12.50".')})
    return exact_decimal(value, field=field, positive=True, **limits)


def payload_period(payload: dict, contract_starts_on: date, contract_ends_on: date) -> tuple[date, date]:
    """Return the period `payload` names, which lies within the contract's dates, or refuse it."""
    start, end = payload_day(payload, "period_start"), payload_day(payload, "period_end")
    if end < start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    if start < contract_starts_on or end > contract_ends_on:
        raise ValidationError({"period_start": _("The period lies outside the contract's dates.")})
    return start, end
