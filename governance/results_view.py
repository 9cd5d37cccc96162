"""Turn a stored result into what the results page, the admin and the API show."""

from __future__ import annotations

from decimal import Decimal

from .models import Motion, Result


class ChoiceLabels(dict):
    """Choice id -> label, with a helper to spell out a ballot's marks."""

    def marks(self, encoded: str) -> str:
        separator = ">" if ">" in encoded else ","
        joiner = " > " if separator == ">" else ", "
        return joiner.join(self.get(int(m), "?") for m in encoded.split(separator) if m)


def choice_labels(motion: Motion) -> ChoiceLabels:
    return ChoiceLabels(motion.choices.values_list("pk", "label"))


def chart_rows(motion: Motion, result: Result, labels: ChoiceLabels) -> list[dict]:
    """One row per choice: its first-round weight and its width in the bar chart (percent)."""
    weights = {int(k): Decimal(v) for k, v in result.totals.items()}
    largest = max(weights.values(), default=Decimal(0)) or Decimal(1)
    return [
        {
            "label": label,
            "weight": weights.get(pk, Decimal(0)),
            "winner": pk in result.winners,
            "percent": int(weights.get(pk, Decimal(0)) * 100 / largest),
        }
        for pk, label in labels.items()
    ]
