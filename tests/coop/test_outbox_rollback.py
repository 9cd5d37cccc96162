"""A task queued in a transaction that rolls back leaves no outbox row and is never sent."""

import pytest
from django.core import mail
from django.db import transaction

from coop import queue
from coop.models import OutboxMessage

pytestmark = pytest.mark.django_db


class Undone(Exception):
    pass


def test_a_rolled_back_transaction_leaves_no_row(django_capture_on_commit_callbacks):
    # When a transaction queues an email and then fails
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undone), transaction.atomic():
        queue.mail_send_on_commit([("Subject", "Body", "from@example.coop", ["to@example.coop"])])
        raise Undone
    # Then the outbox holds nothing, and neither the commit nor the drain sends anything
    assert not OutboxMessage.objects.exists()
    assert queue.outbox_drain() == 0
    assert mail.outbox == []
