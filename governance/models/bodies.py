"""The bodies of the cooperative, their offices and the terms people serve in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.roles import ROLE_LABELS, Role
from coop.transitions import TransitionsMixin


class Body(models.Model):
    """A deciding body: the General Conference, the Board, or Operations."""

    class Kind(models.TextChoices):
        GENERAL_CONFERENCE = "general_conference", _("General Conference")  # every owner with voting weight
        BOARD = "board", _("Board of Directors")  # the officers the General Conference elects
        OPERATIONS = "operations", _("Operations")  # the CEO and managers the Board appoints

    kind = models.CharField(_("kind"), max_length=32, choices=Kind, unique=True)
    name = models.CharField(_("name"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name


class OfficeQuerySet(models.QuerySet):
    def elected(self):
        return self.filter(body__kind=Body.Kind.BOARD)

    def appointed(self):
        return self.filter(body__kind=Body.Kind.OPERATIONS)


class Office(models.Model):
    """A seat in a body. Holding it grants the Django group of `role`."""

    class Kind(models.TextChoices):
        PRESIDENT = "president", _("President")  # chairs the Board; bonus follows payroll and equity
        SECRETARY = "secretary", _("Secretary")  # keeps the records and certifies results
        TREASURER = "treasurer", _("Treasurer")  # oversees the books
        DIRECTOR = "director", _("Director")  # a Board seat without a named duty
        CEO = "ceo", _("Chief Executive Officer")  # runs operations; bonus follows surplus
        MANAGER = "manager", _("Manager")  # runs part of operations under the CEO

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="offices", verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    title = models.CharField(_("title"), max_length=100, unique=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=24)
    role = models.CharField(_("role granted"), max_length=20, choices=[(r.value, ROLE_LABELS[r]) for r in Role])

    history = HistoricalRecords()
    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["body__kind", "title"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="office_has_a_seat",
                violation_error_message=_("An office has at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(term_months__gte=1),
                name="office_term_is_positive",
                violation_error_message=_("A term lasts at least one month."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_appointed(self) -> bool:
        return self.body.kind == Body.Kind.OPERATIONS


class OfficeTermQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(status=OfficeTerm.Status.ACTIVE, starts_at__lte=at, ends_at__gt=at)

    def expired(self, at=None):
        return self.filter(status=OfficeTerm.Status.ACTIVE, ends_at__lte=at or timezone.now())


class OfficeTerm(TransitionsMixin, models.Model):
    """One person holding one office from `starts_at` until `ends_at` or an earlier end."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In office")  # holds the office and its group
        ENDED = "ended", _("Term ended")  # served until the end of the term
        REPLACED = "replaced", _("Replaced by an election")  # a new election installed someone else
        RECALLED = "recalled", _("Recalled")  # the General Conference adopted a recall
        REMOVED = "removed", _("Removed by the Board")  # an appointee the Board removed

    TRANSITIONS = {
        Status.ACTIVE: {Status.ENDED, Status.REPLACED, Status.RECALLED, Status.REMOVED},
    }

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="terms", verbose_name=_("office"))
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="office_terms", verbose_name=_("holder")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.ACTIVE)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    motion = models.ForeignKey(
        "governance.Motion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="installed_terms",
        verbose_name=_("installed by motion"),
        help_text=_("The election that installed this officer, if any."),
    )

    history = HistoricalRecords()
    objects = OfficeTermQuerySet.as_manager()

    class Meta:
        ordering = ["office__title", "-starts_at"]
        verbose_name = _("office term")
        verbose_name_plural = _("office terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="term_ends_after_start",
                violation_error_message=_("A term must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["office", "holder"],
                condition=Q(status="active"),
                name="one_active_term_per_office_holder",
                violation_error_message=_("This person already holds this office."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office}: {self.holder}"

    def transition_to(self, status: str) -> None:
        """Move to `status` as the table allows, and stamp the end: every move ends the term."""
        super().transition_to(status)
        self.ended_at = timezone.now()
