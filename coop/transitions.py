"""The one way a status changes: along the model's table of allowed transitions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class TransitionsMixin:
    """A model with `status`, a `Status` TextChoices and `TRANSITIONS`: each status mapped to
    those that may follow it. A status missing from the table may not change again."""

    TRANSITIONS: dict[str, frozenset[str]] = {}

    def can_transition_to(self, status: str) -> bool:
        """Whether the table allows moving from the current status to `status`."""
        return status in self.TRANSITIONS.get(self.status, frozenset())

    def transition_to(self, status: str) -> None:
        """Move to `status`, or raise a ValidationError naming the move and those allowed."""
        if not self.can_transition_to(status):
            allowed = self.TRANSITIONS.get(self.status, frozenset())
            raise ValidationError(
                {
                    "status": _("This %(model)s cannot go from %(current)s to %(new)s; allowed: %(allowed)s.")
                    % {
                        "model": self._meta.verbose_name,
                        "current": self.Status(self.status).label,
                        "new": self.Status(status).label,
                        "allowed": ", ".join(str(self.Status(s).label) for s in sorted(allowed))
                        or _("none (already closed)"),
                    }
                }
            )
        self.status = status
