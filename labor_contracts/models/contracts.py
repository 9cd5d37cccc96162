"""Labor contracts, their rates and milestones, and the owners assigned to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin

from .clients import Client


class LaborContractQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=LaborContract.Status.ACTIVE)

    def signed(self):
        """Contracts the Board approved, whatever happened to them since."""
        return self.filter(approved_at__isnull=False)


class LaborContract(TransitionsMixin, models.Model):
    """An agreement to hire out owners' labor to a client under the Master Staffing Agreement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")  # being written; terms may change
        OFFERED = "offered", _("Offered to a peer")  # sent to a peer cooperative; its CEO accepts or declines
        NEGOTIATED = "negotiated", _("Negotiated")  # CEO or a manager agreed the terms with the client
        APPROVED = "approved", _("Approved")  # the Board approved; the owners' percentage is captured
        ACTIVE = "active", _("Active")  # work under way; bonuses are suspended
        COMPLETED = "completed", _("Completed")  # the work is done; final
        TERMINATED = "terminated", _("Terminated")  # ended early; final

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.DRAFT: frozenset({Status.NEGOTIATED, Status.OFFERED, Status.TERMINATED}),
        # Accepted by the peer's CEO, or declined (the terms may change and be offered again).
        Status.OFFERED: frozenset({Status.NEGOTIATED, Status.DRAFT, Status.TERMINATED}),
        Status.NEGOTIATED: frozenset({Status.APPROVED, Status.DRAFT, Status.TERMINATED}),
        Status.APPROVED: frozenset({Status.ACTIVE, Status.TERMINATED}),
        Status.ACTIVE: frozenset({Status.COMPLETED, Status.TERMINATED}),
        Status.COMPLETED: frozenset(),
        Status.TERMINATED: frozenset(),
    }

    class BillingBasis(models.TextChoices):
        HOURLY_ROLE = "hourly_role", _("Hourly, a rate per role")  # each role has its rate
        HOURLY_OWNER = "hourly_owner", _("Hourly, a rate per owner")  # each assignment has its rate
        FIXED = "fixed", _("Fixed value with milestones")  # billed as milestones are reached

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("client"))
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope of work"))
    msa_version = models.ForeignKey(
        "coop.DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labor_contracts",
        verbose_name=_("Master Staffing Agreement version"),
        help_text=_("The version in force when the contract was negotiated."),
    )
    billing_basis = models.CharField(_("billing basis"), max_length=16, choices=BillingBasis)
    fixed_value = models.DecimalField(_("fixed value"), **MONEY, null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT, editable=False)
    # Captured from the policy number at Board approval; no form, serializer or admin writes it.
    owner_percent = models.DecimalField(
        _("owners' percentage"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("offered by"),
    )
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True, editable=False)
    negotiated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("negotiated by"),
    )
    negotiated_at = models.DateTimeField(_("negotiated at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("completed or terminated at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = LaborContractQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("labor contract")
        verbose_name_plural = _("labor contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="laborcontract_ends_after_start",
                violation_error_message=_("A contract cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(billing_basis="fixed") & Q(fixed_value__gt=0))
                | (~Q(billing_basis="fixed") & Q(fixed_value__isnull=True)),
                name="laborcontract_fixed_value_iff_fixed",
                violation_error_message=_("A fixed-value contract needs a positive value; an hourly one has none."),
            ),
            models.CheckConstraint(
                condition=Q(owner_percent__isnull=True) | Q(owner_percent__gte=0, owner_percent__lte=100),
                name="laborcontract_owner_percent_range",
                violation_error_message=_("The owners' share is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "active", "completed"])
                | Q(owner_percent__isnull=False, approved_at__isnull=False, msa_version__isnull=False),
                name="laborcontract_signed_has_terms",
                violation_error_message=_("An approved contract records its percentage, approval and agreement."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.client})"

    @property
    def is_hourly(self) -> bool:
        return self.billing_basis != self.BillingBasis.FIXED

    @property
    def terms_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_staffable(self) -> bool:
        return self.status in {self.Status.NEGOTIATED, self.Status.APPROVED, self.Status.ACTIVE}


class ContractRoleRate(models.Model):
    """The hourly rate billed to the client for one role on an hourly-per-role contract."""

    contract = models.ForeignKey(
        LaborContract, on_delete=models.PROTECT, related_name="role_rates", verbose_name=_("contract")
    )
    role = models.CharField(_("role"), max_length=100)
    hourly_rate = models.DecimalField(_("hourly rate"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "role"]
        verbose_name = _("contract role rate")
        verbose_name_plural = _("contract role rates")
        constraints = [
            models.UniqueConstraint(fields=["contract", "role"], name="contractrolerate_role_unique"),
            models.CheckConstraint(
                condition=Q(hourly_rate__gt=0),
                name="contractrolerate_rate_positive",
                violation_error_message=_("An hourly rate must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.hourly_rate}"


class Milestone(TransitionsMixin, models.Model):
    """A billable step of a fixed-value contract."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")  # not yet delivered
        REACHED = "reached", _("Reached")  # delivered; ready to invoice
        INVOICED = "invoiced", _("Invoiced")  # on an invoice; final

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.PENDING: frozenset({Status.REACHED}),
        Status.REACHED: frozenset({Status.INVOICED}),
        Status.INVOICED: frozenset(),
    }

    contract = models.ForeignKey(
        LaborContract, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("contract")
    )
    title = models.CharField(_("title"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING, editable=False)
    reached_on = models.DateField(_("reached on"), null=True, blank=True, editable=False)
    invoice = models.ForeignKey(
        "labor_contracts.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="milestones",
        verbose_name=_("invoice"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "due_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="milestone_amount_positive",
                violation_error_message=_("A milestone's amount must be more than zero."),
            ),
            models.UniqueConstraint(fields=["contract", "title"], name="milestone_title_unique"),
            models.CheckConstraint(
                condition=~Q(status="invoiced") | Q(invoice__isnull=False),
                name="milestone_invoiced_has_invoice",
                violation_error_message=_("An invoiced milestone must name its invoice."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.amount})"


class Assignment(TransitionsMixin, models.Model):
    """An owner staffed on a contract, in a role."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")  # the owner may log hours
        ENDED = "ended", _("Ended")  # no more hours; past hours stay

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.ACTIVE: frozenset({Status.ENDED}),
        Status.ENDED: frozenset(),
    }

    contract = models.ForeignKey(
        LaborContract, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("contract")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="labor_assignments", verbose_name=_("owner")
    )
    role = models.CharField(_("role"), max_length=100)
    hourly_rate = models.DecimalField(
        _("hourly rate"), **MONEY, null=True, blank=True, help_text=_("Only for contracts billed per owner.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.ACTIVE, editable=False)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "owner__email"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["contract", "owner"], name="assignment_owner_unique_per_contract"),
            models.CheckConstraint(
                condition=Q(hourly_rate__isnull=True) | Q(hourly_rate__gt=0),
                name="assignment_rate_positive",
                violation_error_message=_("An hourly rate, when given, must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} — {self.role} on {self.contract.title}"
