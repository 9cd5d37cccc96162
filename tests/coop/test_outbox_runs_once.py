"""What the broker loses is handed over again, and what it delivers twice runs once: each outbox
row's task runs exactly once, and a task that fails stays to be run again."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from coop import queue, tasks
from coop.models import OutboxMessage

pytestmark = pytest.mark.django_db

MESSAGE = ("Subject", "Body", "from@example.coop", ["to@example.coop"])


def _queue_mail(django_capture_on_commit_callbacks, lost: bool) -> OutboxMessage:
    # A broker that takes the task and then loses it (a Redis restarted without its data)
    publish = mock.patch.object(tasks.outbox_run, "delay", return_value=None) if lost else mock.MagicMock()
    with publish, django_capture_on_commit_callbacks(execute=True):
        queue.mail_send_on_commit([MESSAGE])
    return OutboxMessage.objects.get()


def test_a_task_the_broker_lost_is_handed_over_again_and_runs_once(django_capture_on_commit_callbacks):
    # Given an email handed to a broker that lost it
    message = _queue_mail(django_capture_on_commit_callbacks, lost=True)
    assert message.sent_at is not None and message.done_at is None and mail.outbox == []
    # When the drain runs soon after, it leaves the row to the queue it may still be waiting in
    assert queue.outbox_drain() == 0
    # When it runs after the redelivery delay, it hands the row over again
    later = timezone.now() + queue.REDELIVER_AFTER + timedelta(seconds=1)
    assert queue.outbox_drain(now=later) == 1
    # Then the email goes out once, and the row is done with its text cleared
    message.refresh_from_db()
    assert [m.to for m in mail.outbox] == [["to@example.coop"]]
    assert message.done_at is not None and message.attempts == 2 and message.args == []
    # And no later drain hands it over again
    assert queue.outbox_drain(now=later + queue.REDELIVER_AFTER * 2) == 0
    assert len(mail.outbox) == 1


def test_a_task_delivered_twice_runs_once(django_capture_on_commit_callbacks):
    message = _queue_mail(django_capture_on_commit_callbacks, lost=True)
    # When the worker receives the same row twice
    assert tasks.outbox_run.delay(message.pk).get() is True
    assert tasks.outbox_run.delay(message.pk).get() is False
    # Then one email went out
    assert len(mail.outbox) == 1


def test_a_failing_task_keeps_its_row_and_error_and_runs_again_later(django_capture_on_commit_callbacks):
    message = _queue_mail(django_capture_on_commit_callbacks, lost=True)
    # When the worker runs it while the mail server refuses
    with (
        mock.patch.object(tasks, "send_mass_mail", side_effect=OSError("mail server down")),
        pytest.raises(OSError),
    ):
        queue.outbox_run(message.pk)
    # Then the row is not done, keeps its arguments, and says why
    message.refresh_from_db()
    assert message.done_at is None and message.args and "mail server down" in message.last_error
    # And the drain runs it again once the redelivery delay has passed
    later = timezone.now() + queue.REDELIVER_AFTER + timedelta(seconds=1)
    assert queue.outbox_drain(now=later) == 1
    message.refresh_from_db()
    assert len(mail.outbox) == 1 and message.done_at is not None and message.last_error == ""


def test_done_rows_are_pruned_after_a_week(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue.mail_send_on_commit([MESSAGE])
    assert OutboxMessage.objects.get().done_at is not None
    queue.outbox_drain(now=timezone.now() + queue.KEEP_DONE + timedelta(minutes=1))
    assert not OutboxMessage.objects.exists()
