"""Notices that reach people: written once per language into each recipient's inbox, then emailed
as each one chose for that kind (at once, in a daily or weekly digest, or not at all).

`notices_send` is what every app calls, inside the transaction of the event it tells of: the rows
are written in bulk and the emails queued through the outbox, 500 recipients a task, so a roll of
100,000 is 200 small tasks, never one giant call. Each notice is marked emailed as its email
leaves, outside any transaction, so a batch that fails halfway is finished by the retry without
writing twice to those already reached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from itertools import groupby

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .audit import acting
from .languages import by_language, language_of
from .models import Notice, NoticeDelivery, NoticeKind, NoticePreference, User
from .queue import enqueue_on_commit
from .services_common import require_self

logger = logging.getLogger(__name__)

# Recipients per email task: small enough for a task to finish in seconds, large enough that a roll
# of 100,000 is 200 tasks.
EMAIL_BATCH = 500
# The task that emails one batch (coop.tasks), named: the tasks module imports this one.
EMAIL_TASK = "coop.notices_email"
UNSUBSCRIBE_SALT = "coop.notices.unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=90)
# The kind a digest's unsubscribe link names: a digest tells of several kinds, its link stops them all.
EVERY_KIND = "all"
# An email that failed is tried again by the retry task, this many times in all.
MAX_EMAIL_ATTEMPTS = 5
# A notice to email at once still unsent this long after it was written lost its batch (a worker
# that died): the retry task sends it.
RETRY_AFTER = timedelta(minutes=15)
DIGEST_PERIODS = {NoticeDelivery.DAILY: timedelta(days=1), NoticeDelivery.WEEKLY: timedelta(days=7)}


# ---------------------------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------------------------


def notices_for(*, user, order: str = "unread") -> QuerySet[Notice]:
    """Return `user`'s notices: unread first then newest (`order="unread"`), or newest first."""
    notices = Notice.objects.filter(recipient=user)
    if order == "newest":
        return notices.order_by("-created_at", "-pk")
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return notices.alias(unread=unread).order_by("-unread", "-created_at", "-pk")


def notices_unread_count(*, user) -> int:
    """Return how many of `user`'s notices are unread, in one query."""
    return Notice.objects.filter(recipient=user).unread().count()


def notices_unread_count_of_user() -> Coalesce:
    """Return `notices_unread_count` as an expression over a queryset of users (the recipient is
    `OuterRef("pk")`), so that a page gathering several figures reads them in one query."""
    unread = (
        Notice.objects.filter(recipient=OuterRef("pk"))
        .unread()
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def notice_deliveries(*, user) -> dict[str, str]:
    """Return how `user` wants each kind of notice delivered (at once where they chose nothing)."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, NoticeDelivery.AT_ONCE) for kind in NoticeKind.values}


def _deliveries(user_ids: list[int], kind: str) -> dict[int, str]:
    chosen: dict[int, str] = {}
    # In slices, so that a roll of 100,000 never becomes one query with 100,000 parameters.
    for start in range(0, len(user_ids), 5000):
        rows = NoticePreference.objects.filter(kind=kind, user_id__in=user_ids[start : start + 5000])
        chosen.update(rows.values_list("user_id", "delivery"))
    return chosen


# ---------------------------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def notices_send(
    recipients: Iterable, kind: str, compose: Callable[[], tuple[str, str]], link: str = ""
) -> list[Notice]:
    """Put a notice of `kind` in each recipient's inbox, with the subject and body `compose` writes,
    once per language, in the language each one reads; `link` is the path where they act.

    Those who want this kind at once are emailed after the commit, 500 to a task, through the
    outbox; the digests take the others; a rollback leaves neither notice nor email. No actor is
    checked: the service that calls this one checked who acts.
    """
    if kind not in NoticeKind.values:
        raise ValidationError({"kind": _("Choose a known kind of notice.")})
    people = list({someone.pk: someone for someone in recipients if someone is not None}.values())
    if not people:
        return []
    chosen = _deliveries([someone.pk for someone in people], kind)
    now = timezone.now()
    rows = []
    for language, group in by_language(people).items():
        with translation.override(language):
            subject, body = compose()
        subject = str(subject)[:300]
        rows += [
            Notice(
                recipient=someone,
                kind=kind,
                subject=subject,
                body=str(body),
                link=link,
                created_at=now,
                delivery=chosen.get(someone.pk, NoticeDelivery.AT_ONCE),
            )
            for someone in group
        ]
    notices = Notice.objects.bulk_create(rows, batch_size=1000)
    at_once = [notice.pk for notice in notices if notice.delivery == NoticeDelivery.AT_ONCE]
    for start in range(0, len(at_once), EMAIL_BATCH):
        enqueue_on_commit(EMAIL_TASK, at_once[start : start + EMAIL_BATCH])
    return notices


@transaction.atomic
def notice_mark_read(*, notice_id: int, actor) -> Notice:
    """Mark one of `actor`'s notices read; someone else's is not found."""
    notice = Notice.objects.select_for_update().get(pk=notice_id, recipient_id=getattr(actor, "pk", None))
    if notice.read_at is None:
        notice.read_at = max(timezone.now(), notice.created_at)
        notice.save(update_fields=["read_at"])
    return notice


@transaction.atomic
def notices_mark_all_read(*, actor) -> int:
    """Mark every unread notice of `actor` read; return how many."""
    # Notices keep no history (see Notice.HISTORY_EXEMPT_REASON): an update in bulk loses nothing.
    return Notice.objects.filter(recipient_id=getattr(actor, "pk", None)).unread().update(read_at=timezone.now())


@transaction.atomic
def notice_preferences_set(*, user: User, deliveries: dict[str, str], actor, reason: str) -> dict[str, str]:
    """Set how `user` wants each kind of notice in `deliveries` delivered. Notices of those kinds
    still waiting for a digest follow the new choice. The person themselves only."""
    require_self(actor, user, action=_("choose how their notices are delivered"))
    unknown = sorted(set(deliveries) - set(NoticeKind.values))
    if unknown:
        raise ValidationError({"kind": _("Choose a known kind of notice.")})
    if any(value not in NoticeDelivery.values for value in deliveries.values()):
        raise ValidationError({"delivery": _("Choose a known way to deliver a notice.")})
    with acting(actor, reason):
        existing = {p.kind: p for p in NoticePreference.objects.select_for_update().filter(user=user)}
        for kind, delivery in deliveries.items():
            preference = existing.get(kind) or NoticePreference(user=user, kind=kind)
            if preference.pk is not None and preference.delivery == delivery:
                continue
            preference.delivery = delivery
            preference.changed_at = timezone.now()
            preference.full_clean()
            preference.save()
            # A notice in flight to be emailed at once stays so; those waiting for a digest follow.
            Notice.objects.filter(recipient=user, kind=kind, emailed_at__isnull=True).exclude(
                delivery=NoticeDelivery.AT_ONCE
            ).update(delivery=delivery)
    return notice_deliveries(user=user)


# ---------------------------------------------------------------------------------------------
# One-click unsubscribe (RFC 8058): a signed token names the person and the kind.
# ---------------------------------------------------------------------------------------------


def unsubscribe_token(*, user, kind: str) -> str:
    """Return a signed token that turns off the emails of `kind` for `user`, valid 90 days."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user, kind: str) -> str:
    return absolute_url(reverse("notices_unsubscribe", args=[unsubscribe_token(user=user, kind=kind)]))


def unsubscribe_read(token: str) -> tuple[User, str]:
    """Return the person and the kind a token names; raise ValidationError for a token that was
    tampered with, has expired, or names no one."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(_("This unsubscribe link has expired: choose your notices in the portal.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This unsubscribe link is not valid.")) from None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first() if isinstance(data, dict) else None
    if user is None or data.get("k") not in [*NoticeKind.values, EVERY_KIND]:
        raise ValidationError(_("This unsubscribe link is not valid."))
    return user, data["k"]


def notices_unsubscribe(*, token: str) -> tuple[User, str]:
    """Turn off the emails of the kind `token` names (every kind for a digest's link) for the person
    it names (the token is their word: it was mailed to them only); their inbox keeps the notices."""
    user, kind = unsubscribe_read(token)
    kinds = NoticeKind.values if kind == EVERY_KIND else [kind]
    notice_preferences_set(
        user=user,
        deliveries=dict.fromkeys(kinds, NoticeDelivery.OFF),
        actor=user,
        reason=_("Unsubscribed by the link in an email"),
    )
    return user, kind


# ---------------------------------------------------------------------------------------------
# Email: at once, by batch; digests; the retry of what failed.
# ---------------------------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    """Return `path` on the site's public address (settings.SITE_URL)."""
    if not path or "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + path


def _message(*, user, kind: str, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """One email in the person's language, as plain text and HTML, with one-click unsubscribe headers."""
    with translation.override(language_of(user)):
        unsubscribe = unsubscribe_url(user=user, kind=kind)
        context = context | {
            "user": user,
            "unsubscribe_url": unsubscribe,
            "preferences_url": absolute_url(reverse("portal:notice_preferences")),
            "inbox_url": absolute_url(reverse("portal:notices")),
        }
        text = render_to_string(f"notices/{template}.txt", context)
        html = render_to_string(f"notices/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html, "text/html")
    return message


def _failed(notices: list[Notice], error: Exception) -> None:
    text = f"{type(error).__name__}: {error}"[:500]
    for notice in notices:
        notice.email_attempts += 1
        notice.email_error = text
    Notice.objects.bulk_update(notices, ["email_attempts", "email_error"])


def notices_email(notice_ids: list[int]) -> int:
    """Email each notice of `notice_ids` not yet emailed, one message each; return how many left.

    Run outside any transaction: each notice is marked emailed as soon as its message leaves, so a
    failure halfway (a mail server that drops out) loses nothing already done, and the retry sends
    only the rest.
    """
    notices = list(
        Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True, delivery=NoticeDelivery.AT_ONCE)
        .select_related("recipient")
        .order_by("pk")
    )
    sent = 0
    if not notices:
        return sent
    emailed: set[int] = set()
    failed: set[int] = set()
    connection = get_connection()
    try:
        connection.open()
        for notice in notices:
            message = _message(
                user=notice.recipient,
                kind=notice.kind,
                subject=notice.subject,
                template="notice",
                context={"notice": notice, "link": absolute_url(notice.link)},
            )
            message.connection = connection
            try:
                message.send(fail_silently=False)
            except Exception as error:  # smtplib and sockets raise many kinds; each is kept and retried
                logger.warning("Could not email notice %s.", notice.pk, exc_info=True)
                _failed([notice], error)
                failed.add(notice.pk)
                continue
            Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now(), email_error="")
            emailed.add(notice.pk)
            sent += 1
    except Exception as error:  # no connection at all: every notice left is tried again later
        logger.warning("Could not reach the mail server for %s notices.", len(notices), exc_info=True)
        _failed([n for n in notices if n.pk not in emailed | failed], error)
    finally:
        connection.close()
    return sent


def notices_email_retry(*, now: datetime | None = None) -> int:
    """Email again, in batches, the notices to send at once whose email failed or whose batch was
    lost; return how many left. A notice is given up after MAX_EMAIL_ATTEMPTS (its inbox keeps it)."""
    now = now or timezone.now()
    due = (
        Notice.objects.filter(delivery=NoticeDelivery.AT_ONCE, emailed_at__isnull=True)
        .filter(Q(email_attempts__gt=0) | Q(created_at__lt=now - RETRY_AFTER))
        .filter(email_attempts__lt=MAX_EMAIL_ATTEMPTS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ids = list(due[: EMAIL_BATCH * 20])
    return sum(notices_email(ids[start : start + EMAIL_BATCH]) for start in range(0, len(ids), EMAIL_BATCH))


def notices_digest_send(*, delivery: str, now: datetime | None = None) -> int:
    """Email each person who chose the `delivery` digest one message with their notices not yet
    emailed; return how many digests left. Each person's notices are marked as their digest leaves."""
    if delivery not in DIGEST_PERIODS:
        raise ValidationError({"delivery": _("Choose a daily or a weekly digest.")})
    now = now or timezone.now()
    waiting = (
        Notice.objects.filter(delivery=delivery, emailed_at__isnull=True, created_at__lte=now)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    sent = 0
    connection = get_connection()
    try:
        for _user_id, group in groupby(waiting.iterator(chunk_size=2000), key=lambda notice: notice.recipient_id):
            notices = list(group)
            user = notices[0].recipient
            with translation.override(language_of(user)):
                if delivery == NoticeDelivery.DAILY:
                    subject = ngettext(
                        "Your daily digest: %(count)s notice", "Your daily digest: %(count)s notices", len(notices)
                    )
                else:
                    subject = ngettext(
                        "Your weekly digest: %(count)s notice", "Your weekly digest: %(count)s notices", len(notices)
                    )
                subject %= {"count": len(notices)}
            message = _message(
                user=user,
                kind=EVERY_KIND,
                subject=subject,
                template="digest",
                context={"notices": [(n, absolute_url(n.link)) for n in notices], "delivery": delivery},
            )
            message.connection = connection
            try:
                message.send(fail_silently=False)
            except Exception as error:  # kept, and tried again at the next digest
                logger.warning("Could not email the digest of user %s.", user.pk, exc_info=True)
                _failed(notices, error)
                continue
            Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now(), email_error="")
            sent += 1
    finally:
        connection.close()
    return sent
