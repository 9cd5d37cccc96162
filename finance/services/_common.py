"""What every finance service shares: exact two-place amounts and whole periods."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coop.money import MONEY
from coop.services_common import exact_decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def amount(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """Return `value` as an exact two-place Decimal, or raise a ValidationError naming `field`."""
    number = exact_decimal(value, field=field, **MONEY)
    if number < 0 or (number == 0 and not allow_zero):
        raise ValidationError({field: _("Must be more than 0.") if not allow_zero else _("Must not be negative.")})
    return number.quantize(CENT)


def check_period(period_start, period_end) -> None:
    """Refuse a period without both days, or one that ends before it starts."""
    if period_start is None or period_end is None:
        raise ValidationError({"period_start": _("Give the first and last day of the period.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
