"""The outbox hands each row over once: after the commit, or from the drain, never both."""

from unittest import mock

import pytest
from django.core import mail
from kombu.exceptions import OperationalError

from coop import queue, tasks
from coop.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _mail(n: int):
    return [(f"Subject {n}", "Body", "from@example.coop", [f"to{n}@example.coop"])]


def test_the_drain_sends_each_row_once(django_capture_on_commit_callbacks):
    # Given one email handed over at commit and two left unsent by a broker outage
    with django_capture_on_commit_callbacks(execute=True):
        queue.mail_send_on_commit(_mail(1))
    down = mock.patch.object(tasks.outbox_run, "delay", side_effect=OperationalError("down"))
    with down, django_capture_on_commit_callbacks(execute=True):
        queue.mail_send_on_commit(_mail(2))
        queue.mail_send_on_commit(_mail(3))
    assert [m.to for m in mail.outbox] == [["to1@example.coop"]]
    # When the drain runs three times
    handed = [queue.outbox_drain() for _ in range(3)]
    # Then the two waiting rows went out on the first run, oldest first, and nothing twice
    assert handed == [2, 0, 0]
    assert [m.to for m in mail.outbox] == [["to1@example.coop"], ["to2@example.coop"], ["to3@example.coop"]]
    assert not OutboxMessage.objects.filter(done_at__isnull=True).exists()
