"""What the founding services share: the Board check and the founding-election test."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coop.roles import Role, has_role


def require_board(actor, *, action: str) -> None:
    """Refuse `action` unless `actor` holds the Board role (an officer, or a convener before the sunset)."""
    if actor is None or not has_role(actor, Role.BOARD):
        raise ValidationError({"actor": _("Only the Board may %(action)s.") % {"action": action}})


def founding_election_needs() -> list[str]:
    """Return what the founding election still needs: the Elections step's own check (governance's)."""
    from governance.startup import elections_check

    needs, _link = elections_check(None)
    return [str(n) for n in needs]
