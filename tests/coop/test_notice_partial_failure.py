"""A batch whose email fails halfway keeps what was sent: the retry sends only the rest."""

from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from coop import notices
from coop.models import Notice, NoticeKind, OutboxMessage
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db

real_send = EmailMultiAlternatives.send


def test_a_partly_failed_batch_is_finished_without_writing_twice(cooperative, django_capture_on_commit_callbacks):
    # given four people, and a mail server that refuses the third address once
    people = [UserFactory() for _ in range(4)]
    refused = people[2].email

    def flaky(message, fail_silently=False):
        if message.to == [refused]:
            raise OSError("connection reset")
        return real_send(message, fail_silently=fail_silently)

    # when a notice is sent to the four
    with mock.patch.object(EmailMultiAlternatives, "send", flaky), django_capture_on_commit_callbacks(execute=True):
        notices.notices_send(people, NoticeKind.VOTE_CERTIFIED, lambda: ("Result", "Adopted"), "/x/")
    # then three emails left, the fourth is kept with its error, and the batch's outbox row is done
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people if p.email != refused)
    failed = Notice.objects.get(recipient=people[2])
    assert failed.emailed_at is None and failed.email_attempts == 1 and "connection reset" in failed.email_error
    assert not OutboxMessage.objects.filter(done_at__isnull=True).exists()
    # when the retry runs with the server back
    assert notices.notices_email_retry() == 1
    # then only the failed one was sent again, and a second retry sends nothing
    assert [m.to for m in mail.outbox[3:]] == [[refused]]
    assert notices.notices_email_retry() == 0
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()


def test_a_mail_server_that_cannot_be_reached_leaves_every_notice_for_the_retry(
    cooperative, django_capture_on_commit_callbacks
):
    people = [UserFactory() for _ in range(3)]
    down = mock.patch("django.core.mail.backends.locmem.EmailBackend.open", side_effect=OSError("refused"))
    with down, django_capture_on_commit_callbacks(execute=True):
        notices.notices_send(people, NoticeKind.VOTE_OPENED, lambda: ("Vote", "Open"), "/x/")
    assert mail.outbox == []
    assert Notice.objects.filter(email_attempts=1, emailed_at__isnull=True).count() == 3
    assert notices.notices_email_retry() == 3
    assert len(mail.outbox) == 3


def test_a_notice_is_given_up_after_five_attempts(cooperative, django_capture_on_commit_callbacks):
    person = UserFactory()
    always = mock.patch.object(EmailMultiAlternatives, "send", side_effect=OSError("mailbox full"))
    with always:
        with django_capture_on_commit_callbacks(execute=True):
            notices.notices_send([person], NoticeKind.VOTE_OPENED, lambda: ("Vote", "Open"), "/x/")
        for _ in range(6):
            notices.notices_email_retry()
    assert Notice.objects.get().email_attempts == notices.MAX_EMAIL_ATTEMPTS
