"""The one way a status changes: through the model's table of allowed transitions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class TransitionsMixin:
    """A model with `status`, a `Status` TextChoices and a `TRANSITIONS` table."""

    TRANSITIONS: dict[str, frozenset[str]] = {}

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())

    def transition_to(self, status: str) -> None:
        """Move to `status`, or raise a ValidationError naming the status when the move is not allowed."""
        if not self.can_transition_to(status):
            raise ValidationError(
                {
                    "status": _("A %(model)s that is %(current)s cannot become %(new)s.")
                    % {
                        "model": self._meta.verbose_name,
                        "current": self.get_status_display().lower(),
                        "new": str(self.Status(status).label).lower(),
                    }
                }
            )
        self.status = status
