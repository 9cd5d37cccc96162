"""Queue Celery tasks after the transaction commits, and never let a broker outage undo a write."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits.

    The write the task follows (a ballot, an opened vote) is already committed when this runs, so
    a broker that cannot be reached is logged and the request still succeeds: the periodic jobs
    and the reminders catch up, and nothing is lost or recorded twice. Pass ids only, never a
    ballot's marks: the arguments may reach a log.
    """

    def send() -> None:
        try:
            task.delay(*args)
        except Exception:  # kombu and redis raise many kinds of error for an unreachable broker
            logger.warning("Could not queue %s after commit; the write stands.", task.name, exc_info=True)

    transaction.on_commit(send)
