"""Checks of the deployment (`manage.py check --deploy`) that Django's own checklist cannot know."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs) -> list[Warning]:
    """Warn when the public address emails link to is left at its default or is not HTTPS: every
    notice's link and unsubscribe link would point at a machine that is not the site."""
    site_url = getattr(settings, "SITE_URL", "")
    if not site_url or site_url == getattr(settings, "SITE_URL_DEFAULT", None):
        return [
            Warning(
                "SITE_URL is left at its default: the links in emails would not reach the site.",
                hint="Set SITE_URL to the site's public address, for example https://coop.example.org.",
                id="coop.W001",
            )
        ]
    if not site_url.startswith("https://"):
        return [
            Warning(
                "SITE_URL is not an HTTPS address: one-click unsubscribe links need HTTPS.",
                hint="Set SITE_URL to the site's public https:// address.",
                id="coop.W002",
            )
        ]
    return []
