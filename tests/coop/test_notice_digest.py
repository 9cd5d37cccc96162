"""Daily and weekly digests: one email per person with the notices not yet emailed, each sent once."""

import pytest
from django.core import mail

from coop import notices
from coop.models import Notice, NoticeDelivery, NoticeKind
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db


def _choose(person, delivery):
    notices.notice_preferences_set(
        user=person, deliveries=dict.fromkeys(NoticeKind.values, delivery), actor=person, reason="test"
    )


def test_the_daily_digest_sends_one_email_per_person_once(cooperative, django_capture_on_commit_callbacks):
    # given two people on the daily digest and one on the weekly, with three notices each
    daily = [UserFactory(), UserFactory()]
    weekly = UserFactory()
    for person in daily:
        _choose(person, NoticeDelivery.DAILY)
    _choose(weekly, NoticeDelivery.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            notices.notices_send([*daily, weekly], NoticeKind.VOTE_OPENED, lambda n=n: (f"Vote {n}", "Open"), "/x/")
    assert mail.outbox == []
    # when the daily digest runs
    assert notices.notices_digest_send(delivery=NoticeDelivery.DAILY) == 2
    # then each daily reader got one email naming their three notices, with text and HTML
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in daily)
    message = mail.outbox[0]
    assert all(f"Vote {n}" in message.body for n in range(3))
    assert message.alternatives[0][1] == "text/html"
    assert "List-Unsubscribe" in message.extra_headers
    assert not Notice.objects.filter(recipient__in=daily, emailed_at__isnull=True).exists()
    # and running it again sends nothing; the weekly reader waits for the weekly digest
    assert notices.notices_digest_send(delivery=NoticeDelivery.DAILY) == 0
    assert notices.notices_digest_send(delivery=NoticeDelivery.WEEKLY) == 1
    assert mail.outbox[-1].to == [weekly.email]
    assert len(mail.outbox) == 3


def test_the_digest_is_written_in_the_persons_language(cooperative, django_capture_on_commit_callbacks):
    person = UserFactory()
    type(person).objects.filter(pk=person.pk).update(language="es")
    person.refresh_from_db()
    _choose(person, NoticeDelivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        notices.notices_send([person], NoticeKind.DUES_DUE, lambda: ("x", "y"), "/x/")
    notices.notices_digest_send(delivery=NoticeDelivery.DAILY)
    assert mail.outbox[0].subject == "Tu resumen diario: 1 aviso"
