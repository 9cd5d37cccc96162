"""Celery tasks of the core: the outbox's drain and runner, the sending of email and of notices."""

from celery import shared_task
from django.core.mail import send_mass_mail

from . import desk_notices, notices, queue


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


@shared_task(name="coop.notices_email", outside_transaction=True)
def notices_email(notice_ids: list) -> int:
    """Email one batch of notices to send at once (queued by `notices_send` through the outbox).

    Claimed once by the outbox and run outside its transaction, so each notice is marked emailed as
    it leaves; what fails, or a batch a dead worker lost, is sent by `coop.notices_email_retry`."""
    return notices.notices_email(notice_ids)


@shared_task(name="coop.notices_email_retry")
def notices_email_retry() -> int:
    """Email again the notices whose email failed or whose batch was lost (every five minutes)."""
    return notices.notices_email_retry()


@shared_task(name="coop.notices_digest_send")
def notices_digest_send(delivery: str) -> int:
    """Send the daily or weekly digests (`delivery` is "daily" or "weekly")."""
    return notices.notices_digest_send(delivery=delivery)


@shared_task(name="coop.desk_notices_send")
def desk_notices_send() -> int:
    """Tell the officers of the decisions that arrived on their desk since the last run (every 15 minutes)."""
    return desk_notices.desk_notices_send()
