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
from django.db import connections
from django.dispatch import receiver
from django.utils import timezone
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


def history_record_created(queryset) -> int:
    """Write one "created" history row for each row of `queryset`, in one INSERT ... SELECT.

    For rows just written in bulk: django-simple-history's `bulk_create_with_history` builds a
    history instance in Python for every row, which for a payroll of 5,000 payslips costs more than
    writing the payslips. Here the database copies the rows it already holds into the history
    table, stamped with the current actor and reason as every other history row is. Returns the
    number of history rows written.
    """
    model = queryset.model
    history = model.history.model
    tracked = [field for field in history._meta.concrete_fields if not field.name.startswith("history_")]
    stamp = current_actor()
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    select = queryset.order_by().values_list(*(field.attname for field in tracked))
    select_sql, select_params = select.query.get_compiler(using=queryset.db).as_sql()
    stamps = [history._meta.get_field(name).column for name in ("history_date", "history_change_reason")]
    stamps += [history._meta.get_field("history_type").column, history._meta.get_field("history_user").column]
    columns = ", ".join(quote(column) for column in [*(field.column for field in tracked), *stamps])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({columns}) "  # noqa: S608 - names from the models
            f"SELECT source.*, %s, %s, %s, %s FROM ({select_sql}) source",
            [
                timezone.now(),
                stamp.reason if stamp else "",
                "+",
                getattr(stamp.user, "pk", None) if stamp else None,
                *select_params,  # the subquery's, after the stamps in the statement's text
            ],
        )
        return cursor.rowcount


@receiver(pre_create_historical_record, dispatch_uid="coop.audit.stamp")
def _stamp_history(sender, instance, history_instance, **kwargs) -> None:
    actor = _current.get()
    if actor is None:
        return
    if actor.user is not None:
        history_instance.history_user = actor.user
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = actor.reason
