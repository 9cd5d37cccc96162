"""Hybrid voting in a meeting: the tellers the chair appoints, paper ballots issued at the ballot
box and entered twice, the chair's resolution of each difference, and a count by show of hands.

Secrecy is kept as for electronic ballots (docs/ballot-secrecy.md): `PaperBallotIssue` says who
was handed a paper ballot (through their `Participation`); `PaperBallotEntry` says what one paper
chose, under the serial number printed on it. Nothing links the two: the serial is never written
when a paper is issued, and papers are handed out in no recorded order.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .meetings import Meeting
from .motions import AMOUNT, Motion
from .voting import Participation

SERIAL_LENGTH = 20


class Teller(models.Model):
    """One of the two tellers the chair appointed for a meeting; a replaced teller's row is kept,
    ended, so the record shows who counted when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="tellers", verbose_name=_("meeting"))
    teller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="teller_appointments", verbose_name=_("teller")
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("appointed by")
    )
    appointed_at = models.DateTimeField(_("appointed at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "appointed_at", "pk"]
        verbose_name = _("teller")
        verbose_name_plural = _("tellers")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "teller"],
                condition=Q(ended_at__isnull=True),
                name="teller_once_per_meeting",
                violation_error_message=_("This person is already a teller of this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teller} ({self.meeting})"


class PaperBallotIssue(models.Model):
    """That a voter (or their proxy holder) was handed a paper ballot for a motion at the ballot box.

    The participation it points at is the voter's one participation in the motion, so they cannot
    also vote on their phone, nor be issued a second paper. It records the weight printed on the
    paper handed out (the voter's weight on the frozen roll) and never the paper's serial number.
    """

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="paper_issues", verbose_name=_("motion"))
    participation = models.OneToOneField(
        Participation, on_delete=models.PROTECT, related_name="paper_issue", verbose_name=_("participation")
    )
    weight = models.DecimalField(_("weight printed on the paper"), **AMOUNT)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["motion", "pk"]
        verbose_name = _("paper ballot issued")
        verbose_name_plural = _("paper ballots issued")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="paper_issue_weight_positive",
                violation_error_message=_("A paper ballot carries a weight of more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation.voter} · {self.motion}"


class PaperBallotEntry(models.Model):
    """One teller's entry of one paper ballot: its serial, the weight printed on it and its marks
    (canonical text, as `encode_marks` writes it; empty for a spoilt paper). No voter."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="paper_entries", verbose_name=_("motion"))
    teller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("teller")
    )
    serial = models.CharField(_("serial number"), max_length=SERIAL_LENGTH)
    weight = models.DecimalField(_("weight"), **AMOUNT)
    marks = models.CharField(_("marks"), max_length=500, blank=True)
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["motion", "teller", "serial"]
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "teller", "serial"],
                name="paper_entry_serial_once_per_teller",
                violation_error_message=_("You have already entered the paper ballot with this serial number."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="paper_entry_weight_positive",
                violation_error_message=_("A paper ballot carries a weight of more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.serial


class PaperEntryFinished(models.Model):
    """That one teller has entered every paper ballot of a motion; their entries are then final."""

    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="paper_finished", verbose_name=_("motion")
    )
    teller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("teller")
    )
    finished_at = models.DateTimeField(_("finished at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["motion", "finished_at"]
        verbose_name = _("teller's entry finished")
        verbose_name_plural = _("tellers' entries finished")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "teller"],
                name="paper_entry_finished_once",
                violation_error_message=_("This teller has already finished entering this motion's paper ballots."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teller} · {self.motion}"


class PaperResolution(models.Model):
    """The chair's resolution of one difference between the tellers' entries: the agreed weight
    and marks of the paper with this serial, or that there is no such paper (`discarded`)."""

    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="paper_resolutions", verbose_name=_("motion")
    )
    serial = models.CharField(_("serial number"), max_length=SERIAL_LENGTH)
    discarded = models.BooleanField(_("no such paper"), default=False)
    weight = models.DecimalField(_("weight"), null=True, blank=True, **AMOUNT)
    marks = models.CharField(_("marks"), max_length=500, blank=True)
    reason = models.TextField(_("reason"))
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("resolved by")
    )
    resolved_at = models.DateTimeField(_("resolved at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["motion", "serial"]
        verbose_name = _("paper ballot resolution")
        verbose_name_plural = _("paper ballot resolutions")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "serial"],
                name="paper_resolution_once_per_serial",
                violation_error_message=_("This difference is already resolved."),
            ),
            models.CheckConstraint(
                condition=(Q(discarded=True) & Q(weight__isnull=True) & Q(marks=""))
                | (Q(discarded=False) & Q(weight__gt=0)),
                name="paper_resolution_weight_unless_discarded",
                violation_error_message=_("A resolved paper carries a weight; a discarded serial carries none."),
            ),
        ]

    def __str__(self) -> str:
        return self.serial


class PaperBallotsAdded(models.Model):
    """That a motion's paper ballots were added to its totals: once, by the chair."""

    motion = models.OneToOneField(
        Motion, on_delete=models.PROTECT, related_name="paper_added", verbose_name=_("motion")
    )
    ballots = models.PositiveIntegerField(_("paper ballots"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paper ballots added")
        verbose_name_plural = _("paper ballots added")

    def __str__(self) -> str:
        return f"{self.motion}: {self.ballots}"


class ShowOfHands(models.Model):
    """The count of hands the chair recorded as a motion's result: hands per choice id."""

    motion = models.OneToOneField(
        Motion, on_delete=models.PROTECT, related_name="show_of_hands", verbose_name=_("motion")
    )
    counts = models.JSONField(_("hands per choice"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    reason = models.TextField(_("reason"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("show of hands")
        verbose_name_plural = _("shows of hands")

    def __str__(self) -> str:
        return str(self.motion)
