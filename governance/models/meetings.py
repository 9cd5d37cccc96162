"""Meetings of a body: the call with its notice, the agenda, documents and who attended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

from .bodies import Body
from .motions import Motion
from .voting import Proxy


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, at=None):
        return self.filter(status__in=[Meeting.Status.CALLED, Meeting.Status.OPEN], ends_at__gt=at or timezone.now())

    def annual(self):
        return self.filter(kind=Meeting.Kind.ANNUAL, body__kind=Body.Kind.GENERAL_CONFERENCE)


class Meeting(TransitionsMixin, models.Model):
    """A meeting of one body, called with the notice the bylaws set."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual General Conference")  # required once a year (Bylaws)
        REGULAR = "regular", _("Regular meeting")  # a meeting the body holds in its ordinary course
        SPECIAL = "special", _("Special meeting")  # called for one purpose, by the Board or by petition

    class Status(models.TextChoices):
        CALLED = "called", _("Called")  # notice given; members may plan to attend
        OPEN = "open", _("In session")  # the chair opened it: check-in and votes from the agenda
        CLOSED = "closed", _("Closed")  # the chair closed it; the record is kept
        CANCELLED = "cancelled", _("Cancelled")  # called off before it opened

    TRANSITIONS = {
        Status.CALLED: {Status.OPEN, Status.CANCELLED},
        Status.OPEN: {Status.CLOSED},
    }

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings_called", verbose_name=_("called by")
    )
    called_at = models.DateTimeField(_("called at"), default=timezone.now)
    reason = models.TextField(_("purpose"), blank=True)
    petitioners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meetings_petitioned",
        verbose_name=_("petitioners"),
        help_text=_("The owners who signed the petition that called this meeting, if any."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.CALLED)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[petitioners])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(video_link=""),
                name="meeting_has_place_or_link",
                violation_error_message=_("Give a place, a video link, or both."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    """One point of a meeting's agenda: a motion to vote, a report to hear, or another item."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("Motion")  # a motion put to the vote from the agenda
        REPORT = "report", _("Report")  # an officer or committee reports
        ITEM = "item", _("Item")  # anything else to discuss

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda", verbose_name=_("meeting"))
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.ITEM)
    motion = models.ForeignKey(
        Motion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("motion"),
    )
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="agenda_item_order_unique",
                violation_error_message=_("Another item of this agenda has this place."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="motion") & Q(motion__isnull=False)) | (~Q(kind="motion") & Q(motion__isnull=True)),
                name="agenda_motion_item_names_a_motion",
                violation_error_message=_("A motion item names its motion; other items name none."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class MeetingDocument(models.Model):
    """A document attached to a meeting: a version of a governing document, or a link."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents", verbose_name=_("meeting"))
    title = models.CharField(_("title"), max_length=200)
    document_version = models.ForeignKey(
        "coop.DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("governing document version"),
    )
    link = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(document_version__isnull=False) | ~Q(link=""),
                name="meeting_document_names_something",
                violation_error_message=_("Attach a governing document version or a link."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """That one person attends one meeting: in the room, remotely, or represented by their proxy."""

    class How(models.TextChoices):
        IN_ROOM = "in_room", _("In the room")  # checked in with the code the chair shows
        REMOTE = "remote", _("Remotely")  # checked in from the portal
        BY_PROXY = "by_proxy", _("By proxy")  # their proxy holder checked in and represents them

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("meeting")
    )
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("attendee")
    )
    how = models.CharField(_("how"), max_length=16, choices=How)
    proxy = models.ForeignKey(
        Proxy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("represented by proxy"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "checked_in_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "attendee"],
                name="attendance_once_per_meeting",
                violation_error_message=_("This person is already checked in to this meeting."),
            ),
            models.CheckConstraint(
                condition=(Q(how="by_proxy") & Q(proxy__isnull=False)) | (~Q(how="by_proxy") & Q(proxy__isnull=True)),
                name="attendance_by_proxy_names_the_proxy",
                violation_error_message=_("Attendance by proxy names the proxy; attendance in person names none."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(attendee)s at %(meeting)s") % {"attendee": self.attendee, "meeting": self.meeting}
