"""What every finance model shares: exact amounts and one transition rule."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Hours: exact decimals with two places (money columns take coop.money.MONEY).
HOURS = {"max_digits": 10, "decimal_places": 2}


class TransitionsMixin:
    """`TRANSITIONS` maps each status to those that may follow; `transition_to` enforces it."""

    TRANSITIONS: dict[str, frozenset[str]] = {}

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())

    def transition_to(self, status: str) -> None:
        if not self.can_transition_to(status):
            labels = dict(self._meta.get_field("status").choices)
            allowed = ", ".join(str(labels[s]) for s in sorted(self.TRANSITIONS.get(self.status, ()))) or _("none")
            raise ValidationError(
                {
                    "status": _("%(model)s cannot go from %(current)s to %(target)s; allowed: %(allowed)s.")
                    % {
                        "model": self._meta.verbose_name,
                        "current": labels[self.status],
                        "target": labels[status],
                        "allowed": allowed,
                    }
                }
            )
        self.status = status
