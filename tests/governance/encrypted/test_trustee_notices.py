"""Trustees on the platform are told, after the commit, that the key ceremony has begun and, once
the vote closes, that it waits for their partial decryption; each notice links to their own page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coop.models import Notice, NoticeKind
from governance import services
from tests.factories import governance as gf

from . import world


def _told(user):
    return list(Notice.objects.filter(kind=NoticeKind.TRUSTEE, recipient=user).values_list("subject", "link"))


def test_trustees_are_told_of_the_ceremony_and_of_the_close(
    board, owners, trustees, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    page = reverse("governance:trustee", args=[motion.pk, 2])
    assert _told(trustees[1]) == [(f"Key ceremony: {motion.title}", page)]
    assert Notice.objects.filter(kind=NoticeKind.TRUSTEE).count() == 2  # the outside party has no account
    keys = world.ceremony(election, board)
    gf.open_motion(motion, board=board)
    world.cast(motion, election, owners[1], [1, 0])
    with django_capture_on_commit_callbacks(execute=True):
        services.motion_close(motion=motion, actor=board, reason="close")
    assert _told(trustees[1])[0] == (f"Decrypt the result: {motion.title}", page)
    world.decrypt(election, keys, (1, 2), board)
    assert Notice.objects.filter(kind=NoticeKind.TRUSTEE).count() == 4


def test_a_refused_creation_tells_no_one(board, owners, trustees, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees, threshold=9)
    assert not Notice.objects.filter(kind=NoticeKind.TRUSTEE).exists()
