from celery import shared_task

from . import services


@shared_task(name="federation.message_deliver")
def message_deliver_task(message_id: int) -> bool:
    """Deliver one message to its peer, queued once the transaction that wrote it commits."""
    return services.message_deliver(message_id)


@shared_task(name="federation.messages_deliver_due")
def messages_deliver_due_task() -> int:
    """Deliver the messages whose next attempt is due: retries, and any the queue missed."""
    return services.messages_deliver_due()
