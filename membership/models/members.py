"""The member register: one membership per person, moving only along allowed transitions."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin


class MemberQuerySet(models.QuerySet):
    def with_rights(self) -> MemberQuerySet:
        """Provisional owners and owners: the members who may hold shares and vote."""
        return self.filter(status__in=Member.RIGHTS_STATUSES)

    def provisional(self) -> MemberQuerySet:
        return self.filter(status=Member.Status.PROVISIONAL)


class Member(TransitionsMixin, models.Model):
    """One person's membership in the cooperative.

    Owners are individual people only: a membership belongs to exactly one person's user
    account (a one-to-one link), and there is deliberately no owner type, company field or
    second kind of owner, so no organisation can ever hold shares. `legal_name` is the
    person's own legal name, the one their share certificates and the register carry, which
    may differ from the display name of their login.
    """

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")  # applied; no shares and no vote yet
        PROVISIONAL = "provisional", _("Provisional owner")  # admitted, in the Provisional Period
        OWNER = "owner", _("Owner")  # the Provisional Period is over: full rights
        SUSPENDED = "suspended", _("Suspended")  # rights paused by the Board; shares kept
        DEPARTED = "departed", _("Departed")  # left the cooperative; shares redeemed; final

    # Which status may follow which; `transition_to` is the only place that enforces it.
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.APPLICANT: frozenset({Status.PROVISIONAL, Status.DEPARTED}),
        Status.PROVISIONAL: frozenset({Status.OWNER, Status.SUSPENDED, Status.DEPARTED}),
        Status.OWNER: frozenset({Status.SUSPENDED, Status.DEPARTED}),
        Status.SUSPENDED: frozenset({Status.PROVISIONAL, Status.OWNER, Status.DEPARTED}),
        Status.DEPARTED: frozenset(),
    }
    RIGHTS_STATUSES = (Status.PROVISIONAL, Status.OWNER)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="membership", verbose_name=_("account")
    )
    legal_name = models.CharField(_("legal name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.APPLICANT)
    applied_on = models.DateField(_("applied on"))
    provisional_since = models.DateField(_("provisional owner since"), null=True, blank=True)
    owner_since = models.DateField(_("owner since"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    suspended_from = models.CharField(
        _("status before suspension"),
        max_length=20,
        choices=Status,
        blank=True,
        help_text=_("Where reinstatement returns the member."),
    )
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    # Kept equal to the ledger's sum by the same transaction that appends to the ledger.
    share_balance = models.PositiveIntegerField(_("shares held"), default=0, editable=False)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["legal_name", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["applicant", "provisional", "owner", "suspended", "departed"]),
                name="member_status_known",
                violation_error_message=_("Choose a member status from the list."),
            ),
            models.CheckConstraint(
                condition=Q(share_balance=0) | Q(status__in=["provisional", "owner", "suspended"]),
                name="member_shares_only_while_admitted",
                violation_error_message=_("Only admitted members hold shares."),
            ),
            models.CheckConstraint(
                condition=Q(provisional_since__isnull=True) | Q(provisional_since__gte=models.F("applied_on")),
                name="member_admitted_after_applying",
                violation_error_message=_("A member cannot be admitted before the day they applied."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "applied_on"]),
            # The register's order: a page of the changelist reads 100 index entries, not a sort of every row.
            models.Index(fields=["legal_name", "id"], name="member_register_order"),
        ]

    def __str__(self) -> str:
        return f"{self.legal_name} <{self.user.email}>" if self.user_id else self.legal_name

    @property
    def has_rights(self) -> bool:
        return self.status in self.RIGHTS_STATUSES

    def transition_to(self, status: str, *, on: date) -> None:
        """Move to `status` on `on`, stamping its date; refuse a move the table does not allow."""
        previous = self.status
        super().transition_to(status)
        if status == self.Status.PROVISIONAL and previous == self.Status.APPLICANT:
            self.provisional_since = on
        elif status == self.Status.OWNER and previous == self.Status.PROVISIONAL:
            self.owner_since = on
        elif status == self.Status.SUSPENDED:
            self.suspended_on, self.suspended_from = on, previous
        elif status == self.Status.DEPARTED:
            self.departed_on = on
        if previous == self.Status.SUSPENDED:
            self.suspended_on, self.suspended_from = None, ""
