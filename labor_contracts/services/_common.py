"""What every labor-contract service shares: the owner check."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from membership.models import Member


def require_owner(user, *, field: str = "owner") -> None:
    """Refuse unless `user` is an owner (provisional or full): only owners work on labor contracts."""
    working = {Member.Status.PROVISIONAL, Member.Status.OWNER}
    if not Member.objects.filter(user=user, status__in=working).exists():
        raise ValidationError(
            {
                field: _("%(person)s is not an owner; only provisional or full owners work on labor contracts.")
                % {"person": user}
            }
        )
