"""Reads of the core app: the cooperative, its policy numbers, the people in each role."""

from __future__ import annotations

from django.db.models import QuerySet

from . import policy
from .models import Cooperative, PolicyNumber, User
from .roles import Role


def cooperative_current() -> Cooperative | None:
    """Return the cooperative this installation runs, or None before setup."""
    return Cooperative.objects.first()


def policy_numbers() -> QuerySet[PolicyNumber]:
    return PolicyNumber.objects.all()


def policy_values() -> dict[str, object]:
    """Return every policy number's typed value, defaults filling any not yet stored."""
    values = {key: d.parse(d.default) for key, d in policy.DEFINITIONS.items()}
    for number in PolicyNumber.objects.all():
        values[number.key] = number.typed_value
    return values


def policy_value(key: str):
    """Return the typed value of one policy number (its default if none is stored)."""
    d = policy.definition(key)
    raw = PolicyNumber.objects.filter(key=key).values_list("value", flat=True).first()
    return d.parse(raw if raw is not None else d.default)


def users_with_role(role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role.value, is_active=True)
