"""The officer's desk: what waits for a person now, by role and office, with a link to the decision.

The core owns the registry and knows none of the apps. Each app registers, in its
`AppConfig.ready()`, the decisions it owns through `register_desk_item`: a count read by one of its
own selectors, and the page where the decision is taken (an admin changelist filtered to exactly
those rows, or a portal page). The admin's index and the portal home show `desk_for(user)`.

A count function takes the person and returns how many rows wait for them, or None when the item is
not theirs at all (the certification of results belongs to the Secretary, not to every Board
officer). Each count is one aggregate query, so the desk runs a fixed number of queries whatever
the number of rows waiting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from .roles import Role, user_roles


class Section:
    """The tasks the desk and the admin's table list are grouped by, in the order they are shown."""

    MEMBERSHIP = "membership"
    VOTES = "votes"
    WORK = "work"
    MONEY = "money"
    FOUNDING = "founding"
    RECORDS = "records"

    ORDER = (MEMBERSHIP, VOTES, WORK, MONEY, FOUNDING, RECORDS)


@dataclass(frozen=True)
class DeskItem:
    """One kind of decision waiting for someone: registered once, by the app that owns it."""

    key: str
    label: str  # e.g. "Share requests waiting for the Board"; lazy, translated when shown
    section: str
    count: Callable[[object], int | None]
    url: Callable[[], str]
    roles: frozenset[Role]
    order: int = 100


@dataclass(frozen=True)
class DeskEntry:
    """A desk item as one person sees it now."""

    key: str
    label: str
    section: str
    count: int
    url: str

    @property
    def waiting(self) -> bool:
        return self.count > 0


_items: dict[str, DeskItem] = {}


def register_desk_item(
    key: str,
    label,
    *,
    section: str,
    count_fn: Callable[[object], int | None],
    url_fn: Callable[[], str],
    roles: Iterable[Role],
    order: int = 100,
) -> None:
    """Put a decision on the desk of everyone holding one of `roles`.

    `count_fn(user)` returns how many rows wait for `user` in one query (None: not theirs);
    `url_fn()` returns where the decision is taken. A key has one owner: a second registration
    under the same key is refused rather than silently replacing the first.
    """
    if section not in Section.ORDER:
        raise ImproperlyConfigured(f"Unknown desk section {section!r} for {key!r}.")
    item = DeskItem(key, label, section, count_fn, url_fn, frozenset(roles), order)
    owner = _items.get(key)
    if owner is not None and owner != item:
        raise ImproperlyConfigured(f"The desk item {key!r} is already registered.")
    _items[key] = item


def desk_items() -> list[DeskItem]:
    """Return every registered desk item, in section order, then in each app's order."""
    return sorted(_items.values(), key=lambda item: (Section.ORDER.index(item.section), item.order, item.key))


def _roles_of(user) -> set[Role]:
    if getattr(user, "is_superuser", False):
        return set(Role)
    return user_roles(user)


def desk_for(user) -> list[DeskEntry]:
    """Return the decisions that wait for `user` by their roles and offices, zero counts included.

    Items that are not theirs (another role's, or an office they do not hold) are left out. Each
    count is one query: the desk costs the same whatever the number of rows waiting.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    roles = _roles_of(user)
    entries = []
    for item in desk_items():
        if not (item.roles & roles):
            continue
        count = item.count(user)
        if count is None:
            continue
        entries.append(DeskEntry(item.key, str(item.label), item.section, int(count), item.url()))
    return entries


def admin_changelist_url(model_label: str, **filters) -> str:
    """Return the admin changelist of `model_label` ("app.model") filtered by `filters`: the lookups
    the count uses, so the link shows exactly the rows counted."""
    app_label, model_name = model_label.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url
