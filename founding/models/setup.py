"""The one-time secret that proves the person opening /setup/ runs the server."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.languages import local_datetime


class SetupToken(models.Model):
    """The digest of the setup token; the token itself is only ever shown on the server's console.

    At most one row: issuing a new token replaces the old one, and setup spends it.
    """

    HISTORY_EXEMPT_REASON = "A credential spent at setup, not a record of the cooperative: its digest needs no history."

    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("setup token")
        verbose_name_plural = _("setup tokens")

    def __str__(self) -> str:
        return str(_("Setup token of %(when)s")) % {"when": local_datetime(self.created_at)}
