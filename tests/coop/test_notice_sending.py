"""A notice reaches each recipient's inbox, in their language, and those who want it at once by
email after the commit, 500 recipients to a task."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext as _

from coop import notices
from coop.models import Notice, NoticeDelivery, NoticeKind, OutboxMessage, User
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db


def _compose():
    return _("Vote open: %(title)s") % {"title": "Budget"}, _("Cast your ballot.")


def test_each_recipient_gets_a_notice_and_an_email_with_html_and_unsubscribe_headers(
    cooperative, django_capture_on_commit_callbacks
):
    # given two people who chose nothing (at once by default)
    people = [UserFactory(), UserFactory()]
    # when a notice is sent to them
    with django_capture_on_commit_callbacks(execute=True):
        notices.notices_send(people, NoticeKind.VOTE_OPENED, _compose, "/portal/governance/")
    # then each has one unread notice in the inbox and one email with a text and an HTML part
    assert Notice.objects.filter(recipient__in=people, read_at__isnull=True).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    message = mail.outbox[0]
    assert message.subject == "Vote open: Budget"
    assert "http://testserver" not in message.body and "/portal/governance/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/notices/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # and each notice is marked emailed
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()


def test_a_rollback_leaves_neither_notice_nor_email(cooperative, django_capture_on_commit_callbacks):
    # given a person
    person = UserFactory()
    # when the transaction that sends a notice rolls back
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notices.notices_send([person], NoticeKind.VOTE_OPENED, _compose, "/portal/")
                raise RuntimeError("the event failed")
        except RuntimeError:
            pass
    # then nothing was written and nothing was sent
    assert not Notice.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_subject_and_body_are_written_once_per_language(cooperative, django_capture_on_commit_callbacks):
    # given two people who read Spanish and one who reads English
    people = [UserFactory(), UserFactory(), UserFactory()]
    User.objects.filter(pk__in=[people[0].pk, people[1].pk]).update(language="es")
    people = list(User.objects.filter(pk__in=[p.pk for p in people]).order_by("pk"))
    calls = []

    def compose():
        calls.append(1)
        return _compose()

    # when a notice is sent to the three
    with django_capture_on_commit_callbacks(execute=True):
        notices.notices_send(people, NoticeKind.VOTE_OPENED, compose, "/portal/")
    # then it was composed twice (once per language), and each reads their own
    assert len(calls) == 2
    subjects = dict(Notice.objects.values_list("recipient_id", "subject"))
    assert subjects[people[0].pk] == subjects[people[1].pk] == "Votación abierta: Budget"
    assert subjects[people[2].pk] == "Vote open: Budget"
    spanish = next(m for m in mail.outbox if m.to == [people[0].email])
    assert "Dejar de recibir" in spanish.body


def test_a_roll_of_1200_is_emailed_in_three_tasks(cooperative):
    # given 1,200 people, of whom 10 want a daily digest
    User.objects.bulk_create([User(email=f"roll{n}@example.coop") for n in range(1200)])
    roll = list(User.objects.filter(email__startswith="roll").order_by("pk"))
    notices.notice_preferences_set(
        user=roll[0], deliveries={NoticeKind.VOTE_OPENED: NoticeDelivery.DAILY}, actor=roll[0], reason="test"
    )
    # when a notice is sent to the roll (the commit is not run: the tasks wait in the outbox)
    notices.notices_send(roll, NoticeKind.VOTE_OPENED, _compose, "/portal/")
    # then 1,200 notices are written and three email tasks queued for the 1,199 who want it at once
    assert Notice.objects.count() == 1200
    batches = [row.args[0] for row in OutboxMessage.objects.filter(task="coop.notices_email").order_by("pk")]
    assert [len(batch) for batch in batches] == [500, 500, 199]
    daily = Notice.objects.get(recipient=roll[0])
    assert daily.delivery == NoticeDelivery.DAILY and daily.pk not in {pk for batch in batches for pk in batch}


def test_an_unknown_kind_is_refused(cooperative):
    person = UserFactory()
    with pytest.raises(Exception, match="known kind"):
        notices.notices_send([person], "gossip", _compose, "/portal/")
    assert not Notice.objects.exists()
