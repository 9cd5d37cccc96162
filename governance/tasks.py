"""Celery tasks: thin wrappers over the services. Arguments are ids only, never a choice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop.languages import by_language, local_datetime
from coop.models import NoticeKind
from coop.notices import absolute_url, notices_send

from . import selectors, services
from .models import Ballot, BallotTotal, Choice, EncryptedElection, Motion, Participation

logger = logging.getLogger(__name__)

SCHEDULER_REASON = gettext_lazy("On schedule")
REMINDER_BEFORE = timedelta(hours=24)
# A database or mail server that drops out is retried with backoff; every task here is idempotent,
# so a retry (or a worker dying after the commit, with late acknowledgement) records nothing twice.
RETRY = {
    "autoretry_for": (OperationalError, InterfaceError, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}


def _mail_roll(recipients, compose: Callable[[], tuple[str, str]]) -> int:
    """Mail each recipient (with `email` and `language`) the subject and body `compose` writes,
    written once per language, in the language each one reads."""
    messages = []
    for language, people in by_language(recipients).items():
        with translation.override(language):
            subject, body = compose()
        messages += [(subject, body, settings.DEFAULT_FROM_EMAIL, [someone.email]) for someone in people]
    return send_mass_mail(messages, fail_silently=False)


@shared_task(**RETRY)
def notify_vote_opened(motion_id: int) -> int:
    """Put a notice in the inbox of everyone on the roll; each is emailed as they chose."""
    motion = Motion.objects.get(pk=motion_id)
    link = reverse("governance:motion", args=[motion.pk])
    return len(
        notices_send(
            selectors.roll_voters(motion),
            NoticeKind.VOTE_OPENED,
            lambda: (
                _("Vote open: %(title)s") % {"title": motion.title},
                _("The vote on “%(title)s” is open until %(closes)s. Cast your ballot: %(link)s")
                % {"title": motion.title, "closes": local_datetime(motion.closes_at), "link": absolute_url(link)},
            ),
            link,
        )
    )


@shared_task(**RETRY)
def notify_nomination(choice_id: int) -> int:
    """Tell a nominee that someone nominated them and where to accept or decline."""
    choice = Choice.objects.select_related("motion", "candidate", "nominated_by").filter(pk=choice_id).first()
    if choice is None or choice.consent != Choice.Consent.PENDING:
        return 0
    link = reverse("governance:nominations")
    return _mail_roll(
        [choice.candidate],
        lambda: (
            _("You were nominated: %(title)s") % {"title": choice.motion.title},
            _(
                "%(who)s nominated you in “%(title)s”. You stand only if you accept; answer before the vote opens: "
                "%(link)s"
            )
            % {"who": choice.nominated_by, "title": choice.motion.title, "link": link},
        ),
    )


@shared_task(**RETRY)
def notify_vote_reminder(motion_id: int) -> int:
    """Remind those on the roll who have not taken part yet, in their inbox and as they chose."""
    motion = Motion.objects.get(pk=motion_id)
    voted = motion.participations.values("voter_id")
    return len(
        notices_send(
            selectors.roll_voters(motion).exclude(pk__in=voted),
            NoticeKind.VOTE_CLOSING,
            lambda: (
                _("Reminder: the vote on %(title)s closes soon") % {"title": motion.title},
                _("The vote closes at %(closes)s and you have not taken part yet.")
                % {"closes": local_datetime(motion.closes_at)},
            ),
            reverse("governance:motion", args=[motion.pk]),
        )
    )


@shared_task(**RETRY)
def notify_result_certified(motion_id: int) -> int:
    """Tell everyone on the roll the certified result, in their inbox and as they chose."""
    motion = Motion.objects.select_related("result").get(pk=motion_id)
    link = reverse("governance:results", args=[motion.pk])
    return len(
        notices_send(
            selectors.roll_voters(motion),
            NoticeKind.VOTE_CERTIFIED,
            lambda: (
                _("Result certified: %(title)s") % {"title": motion.title},
                _("The Secretary certified the result: %(outcome)s. Details: %(link)s")
                % {"outcome": _("adopted") if motion.result.adopted else _("not adopted"), "link": absolute_url(link)},
            ),
            link,
        )
    )


@shared_task(**RETRY)
def notify_ballot_recorded(participation_id: int) -> int:
    """Tell the owner that a ballot was recorded for them (by whom, never how)."""
    participation = Participation.objects.select_related("motion", "voter", "cast_by").get(pk=participation_id)
    motion, voter = participation.motion, participation.voter

    def compose() -> tuple[str, str]:
        if participation.cast_by_id == voter.pk:
            body = _(
                "Your ballot in the vote “%(title)s” is recorded. Keep your receipt code to find it after the close."
            ) % {"title": motion.title}
        else:
            body = _("%(holder)s cast your ballot in the vote “%(title)s” with the proxy you named.") % {
                "holder": participation.cast_by,
                "title": motion.title,
            }
        return _("Ballot recorded: %(title)s") % {"title": motion.title}, body

    return _mail_roll([voter], compose)


def _tell_trustees(election: EncryptedElection, waiting, compose: Callable[[Motion, str], tuple[str, str]]) -> int:
    """A notice to each trustee on the platform in `waiting`, linking to their own trustee page;
    `compose(motion, address)` writes it. Returns how many were sent."""
    motion, sent = election.motion, 0
    for trustee in waiting.filter(user__isnull=False).select_related("user"):
        link = reverse("governance:trustee", args=[motion.pk, trustee.index])
        address = absolute_url(link)
        sent += len(notices_send([trustee.user], NoticeKind.TRUSTEE, partial(compose, motion, address), link))
    return sent


@shared_task(**RETRY)
def notify_key_ceremony(election_id: int) -> int:
    """Tell each trustee on the platform who has not dealt yet that the key ceremony has begun.
    Nothing once the ceremony is over, so a late retry tells no one."""
    election = EncryptedElection.objects.select_related("motion").get(pk=election_id)
    if election.status != EncryptedElection.Status.CEREMONY:
        return 0
    return _tell_trustees(
        election,
        election.trustees.filter(dealing__isnull=True),
        lambda motion, link: (
            _("Key ceremony: %(title)s") % {"title": motion.title},
            _(
                "You are a trustee of the encrypted vote “%(title)s”. Make your box key and register it "
                "on your trustee page, then deal once every trustee has registered theirs: %(link)s"
            )
            % {"title": motion.title, "link": link},
        ),
    )


@shared_task(**RETRY)
def notify_trustees_decrypt(election_id: int) -> int:
    """Tell each trustee on the platform who has not decrypted yet that the vote is closed and waits
    for their partial decryption. Nothing once the result is decrypted."""
    election = EncryptedElection.objects.select_related("motion").get(pk=election_id)
    if election.status != EncryptedElection.Status.CLOSED:
        return 0
    return _tell_trustees(
        election,
        election.trustees.filter(decryption__isnull=True),
        lambda motion, link: (
            _("Decrypt the result: %(title)s") % {"title": motion.title},
            _(
                "The encrypted vote “%(title)s” is closed. As its trustee, decrypt your part of the totals "
                "on your trustee page; the result is counted once enough trustees have: %(link)s"
            )
            % {"title": motion.title, "link": link},
        ),
    )


@shared_task(**RETRY)
def motions_open_due() -> list[int]:
    opened = []
    for motion in Motion.objects.due_to_open():
        with transaction.atomic():
            services.motion_open(motion=motion, actor=None, reason=SCHEDULER_REASON)
        opened.append(motion.pk)
    return opened


@shared_task(**RETRY)
def motions_close_due() -> list[int]:
    closed = []
    for motion_id in list(Motion.objects.due_to_close().values_list("pk", flat=True)):
        if services.motion_close_if_due(motion_id=motion_id, actor=None, reason=SCHEDULER_REASON):
            closed.append(motion_id)
    return closed


@shared_task(**RETRY)
def motions_remind_due() -> list[int]:
    reminded = []
    soon = timezone.now() + REMINDER_BEFORE
    for motion in Motion.objects.open().filter(closes_at__lte=soon, reminder_sent_at__isnull=True):
        services.motion_mark_reminded(motion=motion, actor=None, reason=SCHEDULER_REASON)
        notify_vote_reminder.delay(motion.pk)
        reminded.append(motion.pk)
    return reminded


@shared_task(**RETRY)
def office_terms_expire() -> int:
    return services.office_terms_expire()


@shared_task(outside_transaction=True)
def vacuum_ballot_tables() -> None:
    """Remove the ballot rows a secret vote's close deleted, once the close has committed.

    Until a vacuum, PostgreSQL keeps each deleted row in the table file, in casting order and
    with the `xmin` of the transaction that cast it: anyone reading the raw pages could link it
    to its participation. VACUUM cannot run in a transaction, and on a large ballot table it is
    no work for a request, so the close queues it; should it fail, autovacuum removes the rows later.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {Ballot._meta.db_table}, {BallotTotal._meta.db_table}")
    except DatabaseError:
        logger.warning("Could not vacuum the ballot tables after a secret vote closed.", exc_info=True)
