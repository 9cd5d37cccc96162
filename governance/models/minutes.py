"""The minutes of a meeting: drafted from its record, edited by the Secretary, adopted by a motion
of the same body at a later meeting, and frozen from then on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .meetings import AgendaItem, Meeting
from .motions import Motion


class MeetingMinutes(models.Model):
    """The minutes of one meeting. The Secretary edits the draft; once a motion adopts them their
    text is frozen, with its hash, and the adopting motion is named."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")  # drafted from the record; the Secretary may edit it
        ADOPTED = "adopted", _("Adopted")  # adopted by a motion of the body; never changes again

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=_("meeting"))
    text = models.TextField(_("text (Markdown)"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    drafted_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    motion = models.ForeignKey(
        Motion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes",
        verbose_name=_("adoption motion"),
        help_text=_("The motion that proposes, or adopted, these minutes."),
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_hash = models.CharField(
        _("SHA-256 of the adopted text"), max_length=64, blank=True, help_text=_("Set when the minutes are adopted.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__starts_at", "-pk"]
        verbose_name = _("minutes of a meeting")
        verbose_name_plural = _("minutes of meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                name="minutes_one_per_meeting",
                violation_error_message=_("This meeting already has its minutes."),
            ),
            models.UniqueConstraint(
                fields=["motion"],
                condition=Q(motion__isnull=False),
                name="minutes_one_per_motion",
                violation_error_message=_("A motion adopts the minutes of one meeting."),
            ),
            models.CheckConstraint(
                condition=(Q(status="draft") & Q(adopted_at__isnull=True) & Q(adopted_hash=""))
                | (
                    Q(status="adopted")
                    & Q(motion__isnull=False)
                    & Q(adopted_at__isnull=False)
                    & Q(adopted_hash__regex=r"^[0-9a-f]{64}$")
                ),
                name="minutes_adopted_names_motion_and_hash",
                violation_error_message=_("Adopted minutes record the adopting motion, when, and the text's hash."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Minutes of %(meeting)s") % {"meeting": self.meeting})

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED


class AgendaSpeaker(models.Model):
    """One entry of an agenda item's speakers' list: who spoke, in order, as the chair records it."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="speakers", verbose_name=_("agenda item")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("speaker")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "order"]
        verbose_name = _("speaker of an agenda item")
        verbose_name_plural = _("speakers of agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "order"],
                name="agenda_speaker_order_unique",
                violation_error_message=_("Another speaker of this item has this place."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.speaker}"
