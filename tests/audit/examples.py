"""Database isolation for Hypothesis examples: each example runs in a transaction rolled back
at its end, so one example's rows never reach the next."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models, transaction


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a transaction that is always rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def table_state(*model_classes: type[models.Model]) -> dict[str, list[tuple]]:
    """Return every row of each model and of its history table, to show that a refusal wrote nothing."""
    state = {}
    for model in model_classes:
        state[model._meta.label] = list(model.objects.order_by("pk").values_list())
        history = getattr(model, "history", None)
        if history is not None:
            state[f"{model._meta.label} history"] = list(history.order_by("pk").values_list())
    return state
