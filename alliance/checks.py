"""The system check of INSTALLATION_KIND: a misspelt value would silently run a cooperative."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

KINDS = ("cooperative", "alliance")


@register()
def installation_kind_check(app_configs, **kwargs) -> list[Error]:
    """Refuse to start with an INSTALLATION_KIND other than "cooperative" or "alliance"."""
    if settings.INSTALLATION_KIND in KINDS:
        return []
    return [
        Error(
            f"INSTALLATION_KIND is {settings.INSTALLATION_KIND!r}.",
            hint='Set INSTALLATION_KIND to "cooperative" (the default) or "alliance".',
            id="alliance.E001",
        )
    ]
