"""The deploy check (`manage.py check --deploy`) for this installation's signing key."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def signing_key_check(app_configs, **kwargs) -> list[Warning]:
    """Warn when the federation key is derived from the secret key: rotating the secret key would
    then change this installation's identity, and every peer would have to approve it again."""
    if settings.FEDERATION_SIGNING_KEY:
        return []
    return [
        Warning(
            "FEDERATION_SIGNING_KEY is not set: this installation's identity among its peers is derived "
            "from DJANGO_SECRET_KEY.",
            hint="Set FEDERATION_SIGNING_KEY to the seed `manage.py federation_keygen` prints, and keep it secret.",
            id="federation.W001",
        )
    ]
