"""After a recorded vote a member sees their own recorded choice on the motion page; after a
secret one, only that they took part and how to check their receipt."""

from django.urls import reverse

from governance import services
from tests.clients import logged_in
from tests.factories import governance as gf


def _page(user, motion) -> str:
    return logged_in(user).get(reverse("governance:motion", args=[motion.pk])).content.decode()


def test_a_recorded_vote_shows_the_member_their_own_choice(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Recorded"), board=board)
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.no(motion))
    services.ballot_cast(motion=motion, cast_by=owners[2], marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    text = _page(owners[1], motion)
    assert "Your recorded choice: <strong>No</strong>" in text
    assert "Your recorded choice: <strong>Yes</strong>" in _page(owners[2], motion)


def test_someone_who_did_not_vote_is_shown_no_choice(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Recorded"), board=board)
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.no(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    assert "Your recorded choice" not in _page(owners[3], motion)


def test_a_secret_vote_shows_no_choice_only_the_receipt_check(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Secret", secret=True), board=board)
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.no(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    text = _page(owners[1], motion)
    assert "Your recorded choice" not in text
    assert "This vote is secret" in text and reverse("governance:receipts") in text
