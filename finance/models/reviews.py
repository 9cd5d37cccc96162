"""Mutual performance reviews: criteria, cycles, teams, reviews and disputes."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin


class ReviewCriterion(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("what it means"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self) -> str:
        return self.name


class ReviewCycle(TransitionsMixin, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for reviews")  # teammates write their reviews
        CLOSED = "closed", _("Closed")  # results computed; rate proposals made if the team opted in

    TRANSITIONS = {Status.OPEN: frozenset({Status.CLOSED}), Status.CLOSED: frozenset()}

    name = models.CharField(_("name"), max_length=200, unique=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    # The team chose that the results propose hourly-rate changes inside each band.
    rate_changes_opted_in = models.BooleanField(_("results propose rate changes"), default=False)
    criteria = models.ManyToManyField(ReviewCriterion, related_name="cycles", verbose_name=_("criteria"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[criteria])

    class Meta:
        ordering = ["-period_end", "name"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="review_cycle_period_order",
                violation_error_message=_("The review period must end on or after the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewTeamMember(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="team", verbose_name=_("cycle"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_teams", verbose_name=_("member")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "member__email"]
        verbose_name = _("review team member")
        verbose_name_plural = _("review team members")
        constraints = [models.UniqueConstraint(fields=["cycle", "member"], name="review_team_once")]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.member}"


class Review(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("cycle"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_written", verbose_name=_("reviewer")
    )
    reviewee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_received", verbose_name=_("reviewee")
    )
    comments = models.TextField(_("constructive comments"))
    submitted_at = models.DateTimeField(_("submitted at"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "reviewee", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "reviewer", "reviewee"], name="review_once_per_pair"),
            models.CheckConstraint(
                condition=~Q(reviewer=F("reviewee")),
                name="review_not_of_oneself",
                violation_error_message=_("No one reviews themselves."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(cycle)s: review %(number)s") % {"cycle": self.cycle, "number": self.pk}


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="scores", verbose_name=_("review"))
    criterion = models.ForeignKey(
        ReviewCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(
        _("score (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "criterion__name"]
        verbose_name = _("review score")
        verbose_name_plural = _("review scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="review_score_range",
                violation_error_message=_("A score is from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ReviewDispute(models.Model):
    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="dispute", verbose_name=_("review"))
    statement = models.TextField(_("what is disputed"))
    raised_at = models.DateTimeField(_("raised at"))
    # Opened by the Board (governance's rule) once the reviewee has raised the dispute.
    mediation_case = models.OneToOneField(
        "governance.MediationCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mediation case"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("review dispute")
        verbose_name_plural = _("review disputes")

    def __str__(self) -> str:
        return gettext("Dispute over review %(number)s") % {"number": self.review_id}
