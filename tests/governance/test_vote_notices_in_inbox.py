"""A vote's notices go to each voter's inbox, with a link to act, and are emailed as each chose."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coop import notices
from coop.models import Notice, NoticeDelivery, NoticeKind
from governance import services
from tests.factories import governance as gf


def test_a_vote_opening_reaches_every_inbox_and_only_the_at_once_by_email(
    board, owners, django_capture_on_commit_callbacks
):
    # given an owner who wants vote notices in a daily digest
    digest = owners[0]
    notices.notice_preferences_set(
        user=digest, deliveries={NoticeKind.VOTE_OPENED: NoticeDelivery.DAILY}, actor=digest, reason="fewer emails"
    )
    motion = gf.motion(proposer=owners[1])
    # when the vote opens
    with django_capture_on_commit_callbacks(execute=True):
        services.motion_open(motion=motion, actor=board, reason="agenda", closes_at=timezone.now() + timedelta(days=3))
    # then everyone on the roll has a notice linking to the motion
    opened = Notice.objects.filter(kind=NoticeKind.VOTE_OPENED)
    assert opened.count() == motion.roll.count()
    assert set(opened.values_list("link", flat=True)) == {reverse("governance:motion", args=[motion.pk])}
    # and all but the digest reader were emailed at once; the digest brings theirs
    assert digest.email not in {m.to[0] for m in mail.outbox}
    assert len(mail.outbox) == motion.roll.count() - 1
    assert notices.notices_digest_send(delivery=NoticeDelivery.DAILY) == 1
