"""The ledger feed: apps that record money announce it here, and the app that keeps the books
listens, so no app has to know who keeps them.

A producing app calls `ledger_record_ready(prefix=..., pk=...)` inside the transaction that
writes the record; finance subscribes in its `AppConfig.ready()` and queues the posting through
the outbox, so nothing is posted unless the record commits.
"""

from __future__ import annotations

from collections.abc import Callable

Subscriber = Callable[..., None]
_subscribers: list[Subscriber] = []


def ledger_feed_subscribe(subscriber: Subscriber) -> None:
    """Call `subscriber(prefix=..., pk=...)` for every record announced from now on (once, however
    often the same subscriber registers)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def ledger_record_ready(*, prefix: str, pk: int) -> None:
    """Announce that the record `prefix`/`pk` (a dues payment, a share transaction, an invoice...)
    is written and ready to post. Without a subscriber nothing happens: the ledger's periodic
    sync finds the record later."""
    for subscriber in _subscribers:
        subscriber(prefix=prefix, pk=pk)
