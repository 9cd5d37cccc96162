"""What every finance service shares: exact amounts, who may act, history for bulk writes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from coop.audit import current_actor
from coop.roles import Role, has_role

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def amount(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """Return `value` as an exact two-place Decimal, or raise a ValidationError naming `field`.

    A float is refused outright: 0.1 as a float is not 0.1, and money or points must be exact.
    """
    if isinstance(value, float):
        raise ValidationError({field: _("Use an exact decimal (for example \"12.50\"), not a float.")})
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter a number.")})
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a finite number.")})
    if number != number.quantize(CENT):
        raise ValidationError({field: _("Use at most two decimal places.")})
    if number < 0 or (number == 0 and not allow_zero):
        raise ValidationError({field: _("Must be more than 0.") if not allow_zero else _("Must not be negative.")})
    return number.quantize(CENT)


def require_role(actor, *roles: Role, action: str) -> None:
    """Refuse `action` unless `actor` holds one of `roles`."""
    if not any(has_role(actor, role) for role in roles):
        raise PermissionDenied(
            _("Only %(roles)s may %(action)s.") % {"roles": _(" or ").join(r.value for r in roles), "action": action}
        )


def person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def history_kwargs() -> dict:
    """The actor and reason for history rows written in bulk, which bypass the audit signal."""
    stamp = current_actor()
    return {"default_user": stamp.user if stamp else None, "default_change_reason": stamp.reason if stamp else ""}


def check_period(period_start, period_end) -> None:
    if period_start is None or period_end is None:
        raise ValidationError({"period_start": _("Give the first and last day of the period.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
