from celery import shared_task

from . import services


@shared_task(name="founding.conveners_sunset_due")
def conveners_sunset_due_task() -> int:
    """End the conveners' temporary Board powers once the first Board election is certified."""
    return len(services.conveners_sunset_if_due(actor=None))
