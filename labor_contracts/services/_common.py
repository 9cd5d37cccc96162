"""What every labor-contract service shares: who may act, and the owner check."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from coop.audit import current_actor
from coop.roles import Role, has_role

CENT = Decimal("0.01")


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


def decimal_field(value, *, field: str, positive: bool = True) -> Decimal:
    """Return `value` as an exact Decimal, or raise a ValidationError naming `field`."""
    if isinstance(value, float):
        raise ValidationError({field: _("Use an exact decimal, not a float.")})
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a finite number.")})
    if positive and number <= 0:
        raise ValidationError({field: _("Must be more than 0.")})
    return number


def require_owner(user, *, field: str = "owner") -> None:
    """Refuse unless `user` is an owner (provisional or full): only owners work on labor contracts."""
    from membership.models import Member

    working = {Member.Status.PROVISIONAL, Member.Status.OWNER}
    if not Member.objects.filter(user=user, status__in=working).exists():
        raise ValidationError(
            {field: _("%(person)s is not an owner; only provisional or full owners work on labor contracts.")
             % {"person": user}}
        )
