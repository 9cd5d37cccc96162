"""Celery opens and closes votes on schedule, reminds, and ends expired terms."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.utils import timezone

from governance import services, tasks
from governance.models import Motion, Office, OfficeTerm
from tests.factories import governance as gf


def test_scheduled_vote_opens_and_closes_on_time(board, owners, django_capture_on_commit_callbacks):
    motion = gf.motion(proposer=owners[0])
    now = timezone.now()
    services.motion_schedule(
        motion=motion,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=1),
        actor=board,
        reason="agenda",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.motions_open_due() == [motion.pk]
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.OPEN
    assert len(mail.outbox) == motion.roll.count()
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.motions_remind_due() == [motion.pk]
        assert tasks.motions_remind_due() == []
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert owners[0].email not in {m.to[0] for m in reminders}
    assert len(reminders) == motion.roll.count() - 1
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
        assert tasks.motions_close_due() == [motion.pk]
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.CLOSED


def test_expired_terms_end_and_lose_their_group(bodies):
    holder = gf.officer(Office.Kind.DIRECTOR)
    term = OfficeTerm.objects.get(holder=holder)
    with mock.patch("django.utils.timezone.now", return_value=term.ends_at + timedelta(minutes=1)):
        assert tasks.office_terms_expire() == 1
    assert OfficeTerm.objects.get(pk=term.pk).status == OfficeTerm.Status.ENDED
