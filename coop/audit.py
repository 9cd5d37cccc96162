"""Who changed a record and why, whichever door the change came through.

Services wrap their writes in `acting(actor, reason)`. Every historical record that
django-simple-history writes inside that block is stamped with the actor and the reason,
so the admin, the portal, the API and Celery tasks (which have no request) all leave the
same trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _
from simple_history.signals import pre_create_historical_record


@dataclass(frozen=True)
class Actor:
    user: object | None
    reason: str


_current: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)


@contextmanager
def acting(user, reason: str) -> Iterator[Actor]:
    """Stamp every history row written inside the block with `user` and `reason`."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for this change; it is kept in the history.")})
    actor = Actor(user=person(user), reason=reason)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def current_actor() -> Actor | None:
    return _current.get()


def person(actor):
    """Return `actor` when it is a signed-in user, or None for the system (a Celery task, an import)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def history_kwargs() -> dict:
    """The actor and reason for history rows written in bulk, which bypass the audit signal."""
    stamp = current_actor()
    return {"default_user": stamp.user if stamp else None, "default_change_reason": stamp.reason if stamp else ""}


@receiver(pre_create_historical_record, dispatch_uid="coop.audit.stamp")
def _stamp_history(sender, instance, history_instance, **kwargs) -> None:
    actor = _current.get()
    if actor is None:
        return
    if actor.user is not None:
        history_instance.history_user = actor.user
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = actor.reason
