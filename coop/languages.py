"""Which language a person reads: their own choice, else their browser's, else the cooperative's.

Pages take it from `coop.middleware.PersonLanguageMiddleware`; emails and notices, sent with no
request, from `language_of` for each recipient.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import formats, timezone, translation

from .models import Cooperative

_CACHE_KEY = "coop:default-language"
# A change made in a transaction that rolls back may leave the cache wrong: it heals within the hour.
_CACHE_SECONDS = 3600
_ACCEPT_LANGUAGE_ITEM = re.compile(r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q=([0-9.]+))?\s*")


def shipped(code: str) -> bool:
    """Whether `code` is one of the languages the platform ships."""
    return code in dict(settings.LANGUAGES)


def cooperative_language() -> str:
    """Return the cooperative's default language (the platform's before setup), read once an hour."""
    code = cache.get(_CACHE_KEY)
    if code is None:
        code = Cooperative.objects.values_list("default_language", flat=True).first() or settings.LANGUAGE_CODE
        cache.set(_CACHE_KEY, code, _CACHE_SECONDS)
    return code


@receiver(post_save, sender=Cooperative, dispatch_uid="coop.languages.cooperative_saved")
def _cooperative_saved(sender, instance: Cooperative, **kwargs) -> None:
    cache.set(_CACHE_KEY, instance.default_language, _CACHE_SECONDS)


def browser_language(request: HttpRequest) -> str | None:
    """Return the first shipped language the browser's Accept-Language asks for, or None."""
    asked = []
    for item in request.headers.get("Accept-Language", "")[:1000].split(","):
        found = _ACCEPT_LANGUAGE_ITEM.fullmatch(item)
        if not found or found[1] == "*":
            continue
        try:
            quality = float(found[2]) if found[2] else 1.0
        except ValueError:
            continue
        if quality > 0:
            asked.append((quality, found[1].lower()))
    for _quality, code in sorted(asked, key=lambda pair: -pair[0]):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def language_of(user) -> str:
    """Return the language to write to `user` in when no request says: theirs, else the cooperative's."""
    code = getattr(user, "language", "")
    return code if code and shipped(code) else cooperative_language()


def by_language(people: Iterable) -> dict[str, list]:
    """Group `people` (users, or objects with a `language`) by the language to write to each in."""
    groups: dict[str, list] = {}
    for someone in people:
        groups.setdefault(language_of(someone), []).append(someone)
    return groups


def local_datetime(value) -> str:
    """Return a date and time as the active language writes it, in the installation's time zone."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""
