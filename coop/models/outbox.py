"""The transactional outbox: side effects (a notice, a posting, an email) written in the same
transaction as the change they follow, so they leave if and only if it commits."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One Celery task to hand to the broker once its transaction commits, and to run once
    (see `coop.queue`)."""

    HISTORY_EXEMPT_REASON = "A delivery queue, not a record of the cooperative: it holds no decision to trace."

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("handed to the broker at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "pk"]
        indexes = [
            # The drain reads the rows not yet done, oldest first; done ones are most of the table.
            models.Index(fields=["created_at"], condition=Q(done_at__isnull=True), name="coop_outbox_not_done"),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.created_at:%Y-%m-%d %H:%M})"
