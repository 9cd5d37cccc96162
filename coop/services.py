"""Writes of the core app. Every function takes the acting user and a reason, runs in one
transaction and leaves its trail in the history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policy
from .audit import acting
from .models import Cooperative, PolicyNumber, User
from .roles import Role

COOPERATIVE_EDITABLE_FIELDS = frozenset(
    {"name", "mission", "jurisdiction", "unit", "currency_code", "founded_on"}
)


@transaction.atomic
def cooperative_create(*, actor, reason: str, **fields) -> Cooperative:
    """Create the cooperative and store the founding defaults of every policy number."""
    with acting(actor, reason):
        if Cooperative.objects.exists():
            raise ValidationError(_("This installation already runs a cooperative."))
        cooperative = Cooperative(**fields)
        cooperative.full_clean()
        cooperative.save()
        policy_numbers_initialize(actor=actor, reason=reason)
    return cooperative


@transaction.atomic
def cooperative_update(*, cooperative: Cooperative, actor, reason: str, **changes) -> Cooperative:
    """Change the cooperative's identity. Legal form and incorporation follow the startup
    sequence and are not changed here."""
    unknown = set(changes) - COOPERATIVE_EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be changed here.") for name in sorted(unknown)}
        )
    with acting(actor, reason):
        cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        for name, value in changes.items():
            setattr(cooperative, name, value)
        cooperative.full_clean()
        cooperative.save()
    return cooperative


@transaction.atomic
def policy_numbers_initialize(*, actor, reason: str) -> list[PolicyNumber]:
    """Store the default of every policy number that has no value yet; leave the rest alone."""
    with acting(actor, reason):
        existing = set(PolicyNumber.objects.values_list("key", flat=True))
        created = []
        for key, d in policy.DEFINITIONS.items():
            if key in existing:
                continue
            number = PolicyNumber(
                key=key, value=d.normalise(d.default), adopted_at=timezone.now(), basis=_("Founding defaults")
            )
            number.full_clean()
            number.save()
            created.append(number)
    return created


@transaction.atomic
def role_grant(*, user: User, role: Role, actor, reason: str) -> User:
    """Give `user` the role `role` (its Django group)."""
    from django.contrib.auth.models import Group

    with acting(actor, reason):
        user.groups.add(Group.objects.get(name=role.value))
        user._coop_roles = None
    return user


@transaction.atomic
def role_revoke(*, user: User, role: Role, actor, reason: str) -> User:
    """Take the role `role` away from `user`; the admin and API permissions go with it."""
    from django.contrib.auth.models import Group

    with acting(actor, reason):
        user.groups.remove(Group.objects.get(name=role.value))
        user._coop_roles = None
    return user


@transaction.atomic
def account_create(
    *, email: str, password: str | None, first_name: str = "", last_name: str = "", verified: bool, actor, reason: str
) -> User:
    """Create a login for a person. `verified` marks the email address as already confirmed
    (for accounts the Board creates for people it knows); otherwise allauth asks for it."""
    from allauth.account.models import EmailAddress

    email = User.objects.normalize_email(email).lower()
    with acting(actor, reason):
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("An account with this email address already exists.")})
        user = User(email=email, first_name=first_name, last_name=last_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user
