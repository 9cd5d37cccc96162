"""Side effects after the commit, through a transactional outbox: a task to run (a notice, a
ledger posting, an email) is written as an `OutboxMessage` row in the same transaction as the
change it follows, so it exists if and only if that change commits.

Once the transaction commits, the row's id is handed to Celery (`coop.outbox_run`) and the row
marked sent; the worker runs the task and marks the row done. A broker that is down leaves the
row unsent; a broker that loses what it was handed (a Redis restarted without its data) leaves it
sent but never done. The `coop.outbox_drain` beat task hands both over again, and the worker runs
a row that is already done no more: a notice may be delayed, never dropped, never sent twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from celery import current_app
from celery.exceptions import NotRegistered
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# A row that failed this often stays unsent, visible in the admin with its last error.
MAX_ATTEMPTS = 20
DRAIN_BATCH = 100
# The task that runs a row in the worker (coop.tasks), named: the tasks module imports this one.
OUTBOX_RUN = "coop.outbox_run"
# Done rows are kept a while to look into a delivery, then pruned by the drain.
KEEP_DONE = timedelta(days=7)
# A row handed over this long ago and still not run is handed over again: the broker lost it, or a
# worker died running it. Long enough for a busy queue to reach it first; running twice is refused.
REDELIVER_AFTER = timedelta(minutes=10)


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
    message = OutboxMessage.objects.create(task=task if isinstance(task, str) else task.name, args=list(args))
    # Robust: a failure here is logged and left to the drain, never undoing the committed write.
    transaction.on_commit(partial(_hand_over_now, message.pk), robust=True)


def mail_send_on_commit(messages) -> None:
    """Send `messages`, (subject, body, from, [recipients]) tuples, once the current transaction
    commits, through the outbox like any other task."""
    enqueue_on_commit("coop.mail_send", [[subject, body, sender, list(to)] for subject, body, sender, to in messages])


def outbox_drain(*, now=None) -> int:
    """Hand to Celery, oldest first and up to a batch, the rows never handed over and those handed
    over long ago but never run; return how many were handed over.

    Rows being handed over elsewhere are skipped (locked on PostgreSQL), so two drains, or a drain
    and a commit, never hand one row over twice at once. The first refusal ends the batch: a broker
    that refuses one task refuses the next, and the following run tries again. Done rows older than
    a week go.
    """
    now = now or timezone.now()
    handed = 0
    with transaction.atomic():
        due = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(done_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
            .filter(Q(sent_at__isnull=True) | Q(sent_at__lt=now - REDELIVER_AFTER))
            .order_by("created_at", "pk")[:DRAIN_BATCH]
        )
        for message in due:
            if not _hand_over(message, now=now):
                break
            handed += 1
    OutboxMessage.objects.filter(done_at__lt=now - KEEP_DONE).delete()
    return handed


def outbox_run(pk: int) -> bool:
    """Run the outbox row `pk`'s task here, once: return False when it is already done (a broker
    that delivered it twice, or a drain that handed it over again while the first was queued).

    The row stays locked while the task runs, so a second delivery waits and then finds it done.
    A task that fails leaves the row as it was, to be handed over again by the drain. A task
    declared `outside_transaction` runs at most once, outside any transaction.
    """
    message = OutboxMessage.objects.filter(pk=pk, done_at__isnull=True).only("task", "args").first()
    if message is None:
        return False
    task = _task(message.task)
    if getattr(task, "outside_transaction", False):
        # A task that cannot run in a transaction (a VACUUM) is claimed first and run at most once,
        # after the transaction this is in, if any, commits.
        claimed = OutboxMessage.objects.filter(pk=pk, done_at__isnull=True).update(done_at=timezone.now(), args=[])
        if claimed:
            transaction.on_commit(partial(task, *message.args))
        return bool(claimed)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.select_for_update().filter(pk=pk, done_at__isnull=True).first()
            if message is None:
                return False
            _task(message.task)(*message.args)
            # The arguments may carry an email's text (an invitation's link): kept only until done.
            OutboxMessage.objects.filter(pk=pk).update(done_at=timezone.now(), args=[], last_error="")
    except Exception as error:
        OutboxMessage.objects.filter(pk=pk).update(last_error=f"{type(error).__name__}: {error}"[:2000])
        raise
    return True


def _hand_over_now(pk: int) -> None:
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=pk, sent_at__isnull=True).first()
        if message is not None:
            _hand_over(message)


def _task(name: str):
    """The registered Celery task `name`. A process that serves pages has not necessarily imported
    every app's tasks module, as a worker has: autodiscovery runs first when one is missing."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def _hand_over(message: OutboxMessage, *, now=None) -> bool:
    message.attempts += 1
    try:
        _task(message.task)
    except NotRegistered as error:
        _failed(message, error)
        return True  # this row's fault, not the broker's: go on with the others
    try:
        # A savepoint: a task run in-process (no broker, tests) that fails leaves no half-write.
        with transaction.atomic():
            _task(OUTBOX_RUN).delay(message.pk)
    except Exception as error:  # kombu and redis raise many kinds of error for an unreachable broker
        logger.warning("Could not queue %s after commit; the outbox keeps it.", message.task, exc_info=True)
        _failed(message, error)
        return False
    message.sent_at = now or timezone.now()
    message.save(update_fields=["attempts", "sent_at"])
    return True


def _failed(message: OutboxMessage, error: Exception) -> None:
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.save(update_fields=["attempts", "last_error"])
