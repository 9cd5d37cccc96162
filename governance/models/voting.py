"""The frozen roll, proxies, participation and the ballots themselves.

Secrecy is a property of these tables (see docs/ballot-secrecy.md): `Participation` says who
took part; `Ballot` says what was chosen; nothing but the voter's memory of the receipt code
links the two for a secret vote.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

from .motions import AMOUNT, Motion


class RollEntry(models.Model):
    """One eligible voter of one motion, with the weight and rule frozen when it opened."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="roll", verbose_name=_("motion"))
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("voter")
    )
    weight = models.DecimalField(_("weight"), **AMOUNT)
    rule = models.CharField(_("rule"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["motion", "voter"]
        verbose_name = _("roll entry")
        verbose_name_plural = _("voter roll")
        constraints = [
            models.UniqueConstraint(fields=["motion", "voter"], name="roll_voter_once_per_motion"),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="roll_weight_positive",
                violation_error_message=_("A voter on the roll has a weight of more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter}: {self.weight}"


class ProxyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Proxy.Status.ACTIVE)

    def covering(self, motion: Motion, at=None):
        """Proxies in force for `motion`: named for it, or for a period containing `at`."""
        at = at or timezone.now()
        return self.active().filter(Q(motion=motion) | Q(motion__isnull=True, starts_at__lte=at, ends_at__gt=at))


class Proxy(TransitionsMixin, models.Model):
    """An owner (grantor) asks another owner (holder) to cast their ballot for them."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")  # may be used
        USED = "used", _("Used")  # a one-vote proxy that cast its ballot; cannot be revoked
        REVOKED = "revoked", _("Revoked")  # the grantor took it back before it was used

    TRANSITIONS = {Status.ACTIVE: {Status.USED, Status.REVOKED}}

    grantor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proxies_given", verbose_name=_("owner")
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proxies_held", verbose_name=_("proxy")
    )
    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="proxies", verbose_name=_("for motion")
    )
    starts_at = models.DateTimeField(_("from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("named at"), default=timezone.now)

    history = HistoricalRecords()
    objects = ProxyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.CheckConstraint(
                condition=~Q(grantor=models.F("holder")),
                name="proxy_not_to_oneself",
                violation_error_message=_("You cannot name yourself as your own proxy."),
            ),
            models.CheckConstraint(
                condition=(Q(motion__isnull=False) & Q(starts_at__isnull=True) & Q(ends_at__isnull=True))
                | (Q(motion__isnull=True) & Q(ends_at__gt=models.F("starts_at"))),
                name="proxy_for_one_vote_or_a_period",
                violation_error_message=_("A proxy is for one vote, or for a period that ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grantor} → {self.holder}"


class Participation(models.Model):
    """That a voter took part in a motion; the unique constraint stops a second ballot.

    For a recorded vote it also points at the ballot (members see who voted how after the
    close). For a secret vote `ballot` stays empty: the link exists nowhere.
    """

    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="participations", verbose_name=_("motion")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations", verbose_name=_("voter")
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("cast by")
    )
    roll_entry = models.OneToOneField(
        RollEntry, on_delete=models.PROTECT, related_name="participation", verbose_name=_("roll entry")
    )
    proxy = models.ForeignKey(
        Proxy, on_delete=models.PROTECT, null=True, blank=True, related_name="uses", verbose_name=_("proxy")
    )
    ballot = models.OneToOneField(
        "governance.Ballot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_participation",
        help_text=_("Recorded votes only."),
        verbose_name=_("ballot"),
    )
    cast_at = models.DateTimeField(_("took part at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["motion", "voter"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["motion", "voter"], name="one_ballot_per_voter_and_motion")]

    def __str__(self) -> str:
        return gettext("%(voter)s took part in %(motion)s") % {"voter": self.voter, "motion": self.motion}


class Ballot(models.Model):
    """What one ballot chose. No voter, no timestamp, no weight, no sequential id."""

    HISTORY_EXEMPT_REASON = (
        "A history row carries a timestamp and a sequential id, which would link a secret ballot "
        "to the participation written in the same moment. Ballots are never changed after casting."
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("motion"))
    # Choice ids: "12" for one mark, "12,15" approved, "12>15>13" ranked in order.
    marks = models.CharField(max_length=500, verbose_name=_("marks"))
    receipt = models.CharField(max_length=32, verbose_name=_("receipt"))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["motion", "receipt"], name="ballot_receipt_unique")]

    def __str__(self) -> str:
        return self.receipt


class BallotTotal(models.Model):
    """The summed weight of the ballots with the same marks, kept as ballots are cast.

    A secret ballot carries no weight (an unusual share count would name its owner), so the
    weight lives here, added in the casting transaction.
    """

    HISTORY_EXEMPT_REASON = (
        "Each change of a running total would be timestamped next to the participation that "
        "caused it, revealing that voter's choice."
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="ballot_totals", verbose_name=_("motion"))
    marks = models.CharField(max_length=500, verbose_name=_("marks"))
    weight = models.DecimalField(**AMOUNT, default=0, verbose_name=_("weight"))
    ballots = models.PositiveIntegerField(default=0, verbose_name=_("ballots"))

    class Meta:
        verbose_name = _("ballot total")
        verbose_name_plural = _("ballot totals")
        constraints = [models.UniqueConstraint(fields=["motion", "marks"], name="ballot_total_unique_marks")]

    def __str__(self) -> str:
        return f"{self.marks}: {self.weight}"
