"""What the founding services share: the Board check and the founding-election test."""

from __future__ import annotations

from coop.roles import Role
from coop.services_common import require_role
from governance.startup import elections_check


def require_board(actor, *, action: str) -> None:
    """Refuse `action` with PermissionDenied unless `actor` holds the Board role (an officer, or a
    convener before the sunset)."""
    require_role(actor, Role.BOARD, action=action)


def founding_election_needs() -> list[str]:
    """Return what the founding election still needs: the Elections step's own check (governance's)."""
    needs, _link = elections_check(None)
    return [str(n) for n in needs]
