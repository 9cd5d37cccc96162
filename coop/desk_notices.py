"""Officers hear of the decisions that arrive on their desk: a notice per desk item that grew since
they were last told, with the link where it is decided, delivered as they chose for that kind
(at once, in a digest, or in the inbox only).

Run by the scheduled task `coop.desk_notices_send`. A watermark per officer and item remembers the
count last told, so an item that waits is told of once, not at every run, and what arrives after
the desk was cleared is news again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .desk import desk_for, desk_items
from .models import DeskWatermark, NoticeKind, User
from .notices import notices_send


def desk_holders():
    """Return the active accounts that hold a role some desk item is for: those the desk notifies."""
    roles = {role.value for item in desk_items() for role in item.roles}
    return User.objects.filter(groups__name__in=roles, is_active=True).distinct().order_by("pk")


def _compose(label, count: int, new: int):
    def compose() -> tuple[str, str]:
        subject = _("On your desk: %(item)s") % {"item": label}
        body = ngettext(
            "%(count)s waits for your decision, %(new)s of them new since you were last told.",
            "%(count)s wait for your decision, %(new)s of them new since you were last told.",
            count,
        ) % {"count": count, "new": new}
        return subject, body

    return compose


@transaction.atomic
def desk_notices_send_to(user) -> int:
    """Tell `user` of each desk item whose count grew since their last notice of it; remember the
    counts. Return how many notices were sent. No actor: the schedule runs it."""
    # The person's row, locked: two runs at once tell them of an arrival once, not twice.
    user = User.objects.select_for_update().get(pk=user.pk)
    told = {mark.key: mark for mark in DeskWatermark.objects.filter(user=user)}
    labels = {item.key: item.label for item in desk_items()}
    sent = 0
    for entry in desk_for(user):
        mark = told.get(entry.key)
        before = mark.count if mark else 0
        if entry.count > before:
            notices_send(
                [user], NoticeKind.DESK_ITEM, _compose(labels[entry.key], entry.count, entry.count - before), entry.url
            )
            sent += 1
        if mark is None:
            DeskWatermark.objects.create(user=user, key=entry.key, count=entry.count)
        elif mark.count != entry.count:
            DeskWatermark.objects.filter(pk=mark.pk).update(count=entry.count, changed_at=timezone.now())
    return sent


def desk_notices_send() -> int:
    """Tell every desk holder of what arrived on their desk since the last run; return how many
    notices were sent. Each person in their own transaction, so one failure stops nobody else's."""
    return sum(desk_notices_send_to(user) for user in desk_holders())
