"""Celery tasks: thin wrappers over the services. Arguments are ids only, never a choice."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors, services
from .models import Motion

SCHEDULER_REASON = "On schedule"
REMINDER_BEFORE = timedelta(hours=24)


def _mail_roll(motion: Motion, subject: str, body: str) -> int:
    emails = list(selectors.roll_emails(motion))
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    return send_mass_mail(messages, fail_silently=False)


@shared_task
def notify_vote_opened(motion_id: int) -> int:
    motion = Motion.objects.get(pk=motion_id)
    link = reverse("governance:motion", args=[motion.pk])
    return _mail_roll(motion, _("Vote open: %(title)s") % {"title": motion.title},
                      _("The vote on “%(title)s” is open until %(closes)s. Cast your ballot: %(link)s") % {
                          "title": motion.title, "closes": motion.closes_at, "link": link})


@shared_task
def notify_vote_reminder(motion_id: int) -> int:
    motion = Motion.objects.get(pk=motion_id)
    voted = set(motion.participations.values_list("voter__email", flat=True))
    emails = [e for e in selectors.roll_emails(motion) if e not in voted]
    subject = _("Reminder: the vote on %(title)s closes soon") % {"title": motion.title}
    body = _("The vote closes at %(closes)s and you have not taken part yet.") % {"closes": motion.closes_at}
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [e]) for e in emails], fail_silently=False)


@shared_task
def notify_result_certified(motion_id: int) -> int:
    motion = Motion.objects.select_related("result").get(pk=motion_id)
    link = reverse("governance:results", args=[motion.pk])
    outcome = _("adopted") if motion.result.adopted else _("not adopted")
    return _mail_roll(motion, _("Result certified: %(title)s") % {"title": motion.title},
                      _("The Secretary certified the result: %(outcome)s. Details: %(link)s") % {
                          "outcome": outcome, "link": link})


@shared_task
def motions_open_due() -> list[int]:
    opened = []
    for motion in Motion.objects.due_to_open():
        with transaction.atomic():
            services.motion_open(motion=motion, actor=None, reason=SCHEDULER_REASON)
        opened.append(motion.pk)
    return opened


@shared_task
def motions_close_due() -> list[int]:
    closed = []
    for motion in Motion.objects.due_to_close():
        services.motion_close(motion=motion, actor=None, reason=SCHEDULER_REASON)
        closed.append(motion.pk)
    return closed


@shared_task
def motions_remind_due() -> list[int]:
    reminded = []
    soon = timezone.now() + REMINDER_BEFORE
    for motion in Motion.objects.open().filter(closes_at__lte=soon, reminder_sent_at__isnull=True):
        services.motion_mark_reminded(motion=motion, actor=None, reason=SCHEDULER_REASON)
        notify_vote_reminder.delay(motion.pk)
        reminded.append(motion.pk)
    return reminded


@shared_task
def office_terms_expire() -> int:
    return services.office_terms_expire()
