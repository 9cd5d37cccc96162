"""The scheduled close closes an encrypted vote past its closing time, lists it among the motions it
closed, and tells the trustees to decrypt; run again, it finds nothing to do."""

from datetime import timedelta
from unittest import mock

from coop.models import Notice, NoticeKind
from governance import tasks
from governance.models import EncryptedElection, Motion, Result
from tests.factories import governance as gf

from . import world


def test_the_scheduled_close_closes_an_encrypted_vote_and_names_it(
    board, owners, trustees, django_capture_on_commit_callbacks
):
    # Given an open encrypted vote with one ballot cast
    motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    world.ceremony(election, board)
    gf.open_motion(motion, board=board)
    world.cast(motion, election, owners[1], [1, 0])
    motion.refresh_from_db()
    # When the scheduler runs after its closing time, twice
    when = motion.closes_at + timedelta(minutes=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=when),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = tasks.motions_close_due()
        second = tasks.motions_close_due()
    # then the first run closed it and says so, the second found nothing
    assert (first, second) == ([motion.pk], [])
    motion.refresh_from_db()
    election.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED
    assert motion.closed_at == when
    assert election.status == EncryptedElection.Status.CLOSED
    # and the result waits for the trustees, who were told to decrypt
    assert not Result.objects.filter(motion=motion).exists()
    subjects = Notice.objects.filter(kind=NoticeKind.TRUSTEE, recipient=trustees[0]).values_list("subject", flat=True)
    assert f"Decrypt the result: {motion.title}" in subjects
