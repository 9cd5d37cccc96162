"""The share register: an append-only ledger of issues and redemptions, and members' requests."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from coop.money import MONEY
from coop.transitions import TransitionsMixin

from .members import Member


class ShareTransaction(models.Model):
    """One issue or redemption of shares by the cooperative: the truth of every holding.

    Rows are only ever appended. There is no transfer kind: shares pass between the
    cooperative and one member, never between members.
    """

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Issue (purchase from the cooperative)")  # the member pays par, shares grow
        REDEMPTION = "redemption", _("Redemption (sale back to the cooperative)")  # paid out at par

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="share_transactions", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    quantity = models.PositiveIntegerField(_("quantity"))
    # Signed change to the holding: +quantity for an issue, -quantity for a redemption.
    change = models.IntegerField(_("change"), editable=False)
    balance_after = models.PositiveIntegerField(_("holding after"), editable=False)
    par_value = models.DecimalField(_("par value"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    request = models.ForeignKey(
        "ShareRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
        verbose_name=_("request"),
    )
    # Set on the issue that completes a subscription paid by instalments: its money was received
    # with the instalments, so the ledger moves it into share capital instead of counting cash again.
    subscription = models.ForeignKey(
        "ShareSubscription",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
        verbose_name=_("subscription"),
    )
    note = models.CharField(_("reason"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("share transaction")
        verbose_name_plural = _("share transactions")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="share_tx_quantity_positive",
                violation_error_message=_("The quantity must be at least one share."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="issue") & Q(change=F("quantity")))
                | (Q(kind="redemption") & Q(change=-F("quantity"))),
                name="share_tx_change_matches_kind",
                violation_error_message=_("An issue adds the shares to the holding and a redemption takes them away."),
            ),
            models.CheckConstraint(
                condition=Q(par_value__gt=0),
                name="share_tx_par_positive",
                violation_error_message=_("The par value of a share must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(amount=F("quantity") * F("par_value")),
                name="share_tx_amount_at_par",
                violation_error_message=_("The amount must be the number of shares times their par value."),
            ),
        ]
        indexes = [
            models.Index(fields=["member", "occurred_at"]),
            # The ledger filtered by kind, newest first: a rare kind no longer scans every transaction.
            models.Index(fields=["kind", "-occurred_at", "-id"], name="share_tx_kind_newest_first"),
        ]

    def __str__(self) -> str:
        values = {
            "count": self.quantity,
            "member": self.member.legal_name if self.member_id else "?",
            "amount": number_format(self.amount, 2, force_grouping=True) if self.amount is not None else "—",
        }
        if self.kind == self.Kind.REDEMPTION:
            return (
                ngettext(
                    "%(member)s sells back %(count)s share (%(amount)s)",
                    "%(member)s sells back %(count)s shares (%(amount)s)",
                    self.quantity or 0,
                )
                % values
            )
        return (
            ngettext(
                "%(count)s share issued to %(member)s (%(amount)s)",
                "%(count)s shares issued to %(member)s (%(amount)s)",
                self.quantity or 0,
            )
            % values
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("The share ledger is append-only: record a new transaction instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The share ledger is append-only: record a new transaction instead."))


class ShareRequest(TransitionsMixin, models.Model):
    """A member's request to buy shares from, or sell shares back to, the cooperative."""

    class Kind(models.TextChoices):
        PURCHASE = "purchase", _("Buy shares")  # approved into an issue
        REDEMPTION = "redemption", _("Redeem shares")  # approved into a redemption

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the Board")  # submitted, not yet decided
        APPROVED = "approved", _("Approved")  # the Board approved; the ledger holds the transaction
        REJECTED = "rejected", _("Rejected")  # the Board refused, with its reason

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.PENDING: frozenset({Status.APPROVED, Status.REJECTED}),
        Status.APPROVED: frozenset(),
        Status.REJECTED: frozenset(),
    }

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="share_requests", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    quantity = models.PositiveIntegerField(_("quantity"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    note = models.CharField(_("member's reason"), max_length=500)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.CharField(_("Board's reason"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("share request")
        verbose_name_plural = _("share requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="share_request_quantity_positive",
                violation_error_message=_("The quantity must be at least one share."),
            ),
        ]

    def __str__(self) -> str:
        # Names the member: a confirmation page lists requests by this text.
        return f"{self.member.legal_name} · {self.get_kind_display()}: {self.quantity} ({self.get_status_display()})"
