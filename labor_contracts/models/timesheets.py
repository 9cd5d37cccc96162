"""Hours an owner logs on a contract, one row per owner per day per contract."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

from .contracts import Assignment, LaborContract

MAX_HOURS_PER_DAY = Decimal("24")


class TimesheetEntry(TransitionsMixin, models.Model):
    """One owner's hours on one contract on one day."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")  # the owner is still writing it
        SUBMITTED = "submitted", _("Submitted")  # waiting for a manager
        APPROVED = "approved", _("Approved")  # a manager approved; billable
        RETURNED = "returned", _("Returned")  # a manager sent it back with a comment
        INVOICED = "invoiced", _("Invoiced")  # on an invoice; locked for good

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.DRAFT: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.RETURNED}),
        Status.RETURNED: frozenset({Status.SUBMITTED}),
        Status.APPROVED: frozenset({Status.INVOICED}),
        Status.INVOICED: frozenset(),
    }
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="timesheet_entries", verbose_name=_("assignment")
    )
    # Copied from the assignment so the database can hold one row per owner, day and contract.
    contract = models.ForeignKey(
        LaborContract, on_delete=models.PROTECT, related_name="timesheet_entries", verbose_name=_("contract")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="timesheet_entries", verbose_name=_("owner")
    )
    day = models.DateField(_("day"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    description = models.CharField(_("work done"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    review_comment = models.CharField(_("manager's comment"), max_length=500, blank=True, editable=False)
    # On a contract with a peer cooperative: the period of hours sent to it for confirmation.
    peer_timesheet = models.ForeignKey(
        "labor_contracts.PeerTimesheet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="entries",
        verbose_name=_("sent to the client cooperative in"),
    )
    invoice = models.ForeignKey(
        "labor_contracts.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="timesheet_entries",
        verbose_name=_("invoice"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-day", "owner__email"]
        verbose_name = _("timesheet entry")
        verbose_name_plural = _("timesheet entries")
        constraints = [
            models.UniqueConstraint(fields=["contract", "owner", "day"], name="timesheet_one_row_per_owner_day"),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_HOURS_PER_DAY),
                name="timesheet_hours_range",
                violation_error_message=_("Hours must be more than 0 and at most 24."),
            ),
            models.CheckConstraint(
                condition=Q(status="invoiced", invoice__isnull=False)
                | (~Q(status="invoiced") & Q(invoice__isnull=True)),
                name="timesheet_invoiced_has_invoice",
                violation_error_message=_("Hours are marked invoiced exactly when they name their invoice."),
            ),
        ]
        indexes = [models.Index(fields=["owner", "day"]), models.Index(fields=["status", "contract"])]

    def __str__(self) -> str:
        return f"{self.owner} · {self.day} · {self.hours} h"

    @property
    def confirmed_by_client(self) -> bool:
        """Whether the client cooperative confirmed these hours (only a contract with a peer asks it)."""
        return self.peer_timesheet is not None and self.peer_timesheet.status == "confirmed"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE
