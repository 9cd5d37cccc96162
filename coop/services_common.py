"""What the services of every app share: who may act, and exact numbers from any door."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from coop.roles import Role, has_role

# How a refusal names who may act.
ROLE_NAMES = {
    Role.BOARD: gettext_lazy("the Board"),
    Role.OPERATIONS: gettext_lazy("Operations"),
    Role.AUDITOR: gettext_lazy("the Auditor"),
    # In "Only %(roles)s may ...": a language may need the singular ("Solo un miembro puede ...").
    Role.MEMBER: pgettext_lazy("who may act", "members"),
}


def require_role(actor, *roles: Role, action: str, system: bool = False) -> None:
    """Refuse `action` with PermissionDenied unless `actor` holds one of `roles`.

    `system` lets `actor=None` through: the cooperative itself acting, from a scheduled task or
    the first setup, never a person at a door (every door passes the signed-in user).
    """
    if system and actor is None:
        return
    if not any(has_role(actor, role) for role in roles):
        raise PermissionDenied(
            _("Only %(roles)s may %(action)s.")
            % {"roles": _(" or ").join(str(ROLE_NAMES[r]) for r in roles), "action": action}
        )


def require_self(actor, person, *, action: str) -> None:
    """Refuse `action` with PermissionDenied unless `actor` is `person` (a user) acting for themselves."""
    if getattr(actor, "pk", None) is None or person is None or actor.pk != person.pk:
        raise PermissionDenied(_("Only the person concerned may %(action)s.") % {"action": action})


def exact_decimal(
    value, *, field: str, positive: bool = False, max_digits: int | None = None, decimal_places: int | None = None
) -> Decimal:
    """Return `value` as an exact, finite Decimal (more than 0 when `positive`), or raise a
    ValidationError naming `field`.

    A float is refused outright: 0.1 as a float is not 0.1, and money, hours and points must be exact.
    `max_digits` and `decimal_places` are the column's: a value that would not fit is refused here,
    with the field's name, rather than by the database as an overflow.
    """
    if isinstance(value, float):
        raise ValidationError({field: _('Use an exact decimal (for example "12.50"), not a float.')})
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a finite number.")})
    if positive and number <= 0:
        raise ValidationError({field: _("Must be more than 0.")})
    places = decimal_places or 0
    if max_digits is not None and abs(number) >= Decimal(10) ** (max_digits - places):
        limit = Decimal(10) ** (max_digits - places)
        raise ValidationError({field: _("Must be less than %(limit)s.") % {"limit": f"{limit:,}"}})
    if decimal_places is not None and number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError({field: _("Use at most %(places)s decimal places.") % {"places": places}})
    return number
