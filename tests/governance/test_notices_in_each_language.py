"""Vote notices reach each person in the language they read, however many languages the roll holds."""

from datetime import timedelta

from django.core import mail
from django.utils import formats, timezone, translation

from coop import services as coop_services
from governance import services
from tests.factories import governance as gf


def _closes():
    return timezone.now() + timedelta(days=3)


def _choose(user, language):
    coop_services.account_language_set(user=user, language=language, actor=user, reason="My language")


def test_a_vote_opening_is_announced_to_each_voter_in_their_language(board, owners, django_capture_on_commit_callbacks):
    spanish, english = owners[0], owners[1]
    _choose(spanish, "es")
    _choose(english, "en")
    motion = gf.motion(proposer=owners[2])
    with django_capture_on_commit_callbacks(execute=True):
        services.motion_open(motion=motion, actor=board, reason="agenda", closes_at=_closes())
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert len(by_recipient) == motion.roll.count()
    assert by_recipient[spanish.email].subject == f"Votación abierta: {motion.title}"
    assert "Emite tu voto" in by_recipient[spanish.email].body
    assert by_recipient[english.email].subject == f"Vote open: {motion.title}"
    assert "Cast your ballot" in by_recipient[english.email].body


def test_someone_who_chose_no_language_reads_the_cooperatives(
    cooperative, board, owners, django_capture_on_commit_callbacks
):
    coop_services.cooperative_update(
        cooperative=cooperative, actor=board, reason="We work in Spanish", default_language="es"
    )
    motion = gf.motion(proposer=owners[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.motion_open(motion=motion, actor=board, reason="agenda", closes_at=_closes())
    subjects = {message.subject for message in mail.outbox}
    assert subjects == {f"Votación abierta: {motion.title}"}


def test_the_closing_time_is_written_as_the_language_writes_dates(board, owners, django_capture_on_commit_callbacks):
    _choose(owners[0], "es")
    motion = gf.motion(proposer=owners[1])
    with django_capture_on_commit_callbacks(execute=True):
        services.motion_open(motion=motion, actor=board, reason="agenda", closes_at=_closes())
    body = next(m.body for m in mail.outbox if m.to == [owners[0].email])
    closes = timezone.localtime(motion.__class__.objects.get(pk=motion.pk).closes_at)
    with translation.override("es"):
        written = formats.date_format(closes, "DATETIME_FORMAT")
    assert written in body
    assert " de " in written  # "5 de diciembre de 2026 a las 10:00", not "Dec. 5, 2026, 10 a.m."
