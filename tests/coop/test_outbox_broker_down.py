"""A broker that is down when a transaction commits delays the task: the outbox row stays unsent
and the drain hands it over once the broker is back."""

from unittest import mock

import pytest
from django.core import mail
from kombu.exceptions import OperationalError

from coop import queue, tasks
from coop.models import OutboxMessage

pytestmark = pytest.mark.django_db

MESSAGE = ("Subject", "Body", "from@example.coop", ["to@example.coop"])


def test_broker_down_keeps_the_row_and_the_drain_sends_it_later(django_capture_on_commit_callbacks):
    # Given a broker that refuses every task
    outage = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    down = mock.patch.object(tasks.outbox_run, "delay", side_effect=outage)
    # When a committed transaction queues an email
    with down, django_capture_on_commit_callbacks(execute=True):
        queue.mail_send_on_commit([MESSAGE])
    # Then nothing is sent, and the outbox keeps the task with the error
    message = OutboxMessage.objects.get()
    assert mail.outbox == []
    assert message.sent_at is None and message.attempts == 1
    assert "Connection refused" in message.last_error
    assert message.args == [[["Subject", "Body", "from@example.coop", ["to@example.coop"]]]]
    # When the broker is back and the drain runs
    assert tasks.outbox_drain.delay().get() == 1
    # Then the email goes out and the row is sent and done, its text no longer stored
    message.refresh_from_db()
    assert [m.to for m in mail.outbox] == [["to@example.coop"]]
    assert message.sent_at is not None and message.done_at is not None
    assert message.attempts == 2 and message.last_error == ""
    assert message.args == []


def test_the_drain_stops_at_the_first_refusal_and_counts_the_attempt(django_capture_on_commit_callbacks):
    # Given two rows a broker outage left unsent
    outage = OperationalError("Connection refused.")
    with mock.patch.object(tasks.outbox_run, "delay", side_effect=outage) as publish:
        with django_capture_on_commit_callbacks(execute=True):
            queue.mail_send_on_commit([MESSAGE])
            queue.mail_send_on_commit([MESSAGE])
        publish.reset_mock()
        # When the drain runs while the broker is still down
        assert queue.outbox_drain() == 0
    # Then it tried the oldest only, and both wait for the next run
    assert publish.call_count == 1
    assert list(OutboxMessage.objects.values_list("attempts", flat=True)) == [2, 1]
    assert not OutboxMessage.objects.filter(sent_at__isnull=False).exists()
