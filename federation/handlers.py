"""What each kind of message does when it arrives: apps register a handler per kind from their
`AppConfig.ready()`, so federation carries messages without knowing the apps above it.

A handler is `handler(peer, payload)`. It runs in the transaction that records the message, so the
message is applied exactly once or not at all; a ValidationError refuses the message (400) and
leaves nothing written.
"""

from __future__ import annotations

from collections.abc import Callable

_handlers: dict[str, Callable] = {}


def register(kind: str, handler: Callable) -> None:
    """Make `handler(peer, payload)` apply the messages of `kind`; a kind has one handler."""
    existing = _handlers.get(kind)
    if existing is not None and existing is not handler:
        raise ValueError(f"Messages of kind {kind!r} already have a handler: {existing!r}")
    _handlers[kind] = handler


def handler_for(kind: str) -> Callable | None:
    """Return the handler of `kind`, or None for a kind this installation does not know."""
    return _handlers.get(kind)


def kinds() -> list[str]:
    """Return the kinds this installation applies, sorted."""
    return sorted(_handlers)
