"""Numbers as people read them: a weight of 31, not 31.000000; a share of 66.67 %, not 66.6667 %."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats


def plain_number(value, places: int = 2) -> str:
    """Return `value` rounded to at most `places` decimals, without trailing zeros, in the
    locale's format ("31", "12.5", "1,234.57"); an empty string for None or a non-number."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    _whole, _dot, fraction = format(number, "f").partition(".")
    decimals = len(fraction.rstrip("0"))
    return formats.number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(value, places: int = 2) -> str:
    """Return `value` (already a percentage) as "66.67 %", "50 %"; an empty string for None."""
    shown = plain_number(value, places)
    return f"{shown} %" if shown else ""
