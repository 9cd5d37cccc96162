"""Side effects after the commit, through a transactional outbox: a task to run (a notice, a
ledger posting, an email) is written as an `OutboxMessage` row in the same transaction as the
change it follows, so it exists if and only if that change commits. Once the transaction
commits the row is handed to Celery and marked sent; a broker that is down leaves it unsent, and
the `coop.outbox_drain` beat task hands it over later. A notice may be delayed, never dropped.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from celery import current_app
from celery.exceptions import NotRegistered
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# A row that failed this often stays unsent, visible in the admin with its last error.
MAX_ATTEMPTS = 20
DRAIN_BATCH = 100
# Sent rows are kept a while to look into a delivery, then pruned by the drain.
KEEP_SENT = timedelta(days=7)


def enqueue_on_commit(task, *args) -> None:
    """Queue `task(*args)` through the outbox: written now, in the current transaction, and handed
    to Celery once it commits. Nothing is queued if the transaction rolls back. `task` is a Celery
    task or its registered name: a service names the task it queues, so it need not import the
    tasks module that imports it.

    The write the task follows (a ballot, an opened vote) is committed before the task is handed
    over, so a broker that cannot be reached is logged and the request still succeeds; the drain
    hands the task over later. Pass ids only, never a ballot's marks: the arguments are stored and
    may reach a log.
    """
    named = isinstance(task, str)
    message = OutboxMessage.objects.create(task=task if named else task.name, args=list(args))
    # Robust: a failure here is logged and left to the drain, never undoing the committed write.
    transaction.on_commit(partial(_hand_over_now, message.pk, None if named else task), robust=True)


def mail_send_on_commit(messages) -> None:
    """Send `messages`, (subject, body, from, [recipients]) tuples, once the current transaction
    commits, through the outbox like any other task."""
    enqueue_on_commit("coop.mail_send", [[subject, body, sender, list(to)] for subject, body, sender, to in messages])


def outbox_drain(*, now=None) -> int:
    """Hand to Celery the unsent outbox rows, oldest first, up to a batch; return how many left.

    Rows being handed over elsewhere are skipped (locked on PostgreSQL), so two drains, or a drain
    and a commit, never send one row twice. The first refusal ends the batch: a broker that refuses
    one task refuses the next, and the following run tries again. Sent rows older than a week go.
    """
    now = now or timezone.now()
    handed = 0
    with transaction.atomic():
        due = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
            .order_by("created_at", "pk")[:DRAIN_BATCH]
        )
        for message in due:
            if not _hand_over(message, now=now):
                break
            handed += 1
    OutboxMessage.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    return handed


def _hand_over_now(pk: int, task) -> None:
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=pk, sent_at__isnull=True).first()
        if message is not None:
            _hand_over(message, task=task)


def _hand_over(message: OutboxMessage, *, task=None, now=None) -> bool:
    message.attempts += 1
    try:
        task = task or current_app.tasks[message.task]
        # A savepoint: a task run in-process (no broker, tests) that fails leaves no half-write.
        with transaction.atomic():
            task.delay(*message.args)
    except NotRegistered as error:
        _failed(message, error)
        return True  # this row's fault, not the broker's: go on with the others
    except Exception as error:  # kombu and redis raise many kinds of error for an unreachable broker
        logger.warning("Could not queue %s after commit; the outbox keeps it.", message.task, exc_info=True)
        _failed(message, error)
        return False
    message.sent_at = now or timezone.now()
    # The arguments may carry an email's text (an invitation's link): kept only until delivered.
    message.args = []
    message.last_error = ""
    message.save(update_fields=["attempts", "sent_at", "args", "last_error"])
    return True


def _failed(message: OutboxMessage, error: Exception) -> None:
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.save(update_fields=["attempts", "last_error"])
