"""Celery tasks of the core: the outbox's drain and runner, and the sending of email."""

from celery import shared_task
from django.core.mail import send_mass_mail

from . import queue


@shared_task(name="coop.outbox_drain")
def outbox_drain() -> int:
    """Hand to Celery the outbox rows a broker outage left unsent (every minute)."""
    return queue.outbox_drain()


@shared_task(name="coop.outbox_run")
def outbox_run(message_id: int) -> bool:
    """Run one outbox row's task, unless it already ran."""
    return queue.outbox_run(message_id)


@shared_task(name="coop.mail_send")
def mail_send(messages: list) -> int:
    """Send a list of (subject, body, from, [recipients]) messages over one connection."""
    return send_mass_mail([tuple(message) for message in messages], fail_silently=False)
