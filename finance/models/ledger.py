"""The double-entry ledger: accounts, journal entries and their lines.

The database refuses an unbalanced posted entry and any change to a posted one (triggers in
migration 0002); the services refuse them first with a clear message.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.money import MONEY


class Account(models.Model):
    class Type(models.TextChoices):
        ASSET = "asset", _("Asset")  # what the cooperative holds: cash, receivables
        LIABILITY = "liability", _("Liability")  # what it owes: pay and bonuses payable
        EQUITY = "equity", _("Equity")  # what belongs to the owners: share capital, funds, capital accounts
        INCOME = "income", _("Income")  # dues, contract revenue
        EXPENSE = "expense", _("Expense")  # payroll, owner contract pay, bonuses

    # Debit-normal types grow with debits; the others grow with credits.
    DEBIT_NORMAL = frozenset({Type.ASSET, Type.EXPENSE})

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=16, choices=Type)
    # Set only on a member's capital account, where patronage dividends are credited.
    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capital_account",
        verbose_name=_("member"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=["asset", "liability", "equity", "income", "expense"]),
                name="account_type_known",
                violation_error_message=_("Choose an account type from the list."),
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(type="equity"),
                name="account_member_capital_is_equity",
                violation_error_message=_("A member's capital account is an equity account."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def debit_normal(self) -> bool:
        return self.type in self.DEBIT_NORMAL


class JournalEntryQuerySet(models.QuerySet):
    def posted(self) -> JournalEntryQuerySet:
        return self.filter(posted=True)


class JournalEntry(models.Model):
    date = models.DateField(_("date"), db_index=True)
    memo = models.CharField(_("memo"), max_length=300)
    posted = models.BooleanField(_("posted"), default=False)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    reversal_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    # What produced the entry ("dues-payment:12", "payroll:3"): one entry per source, never two.
    source = models.CharField(_("source"), max_length=64, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = JournalEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(posted=False) | Q(posted_at__isnull=False),
                name="journal_entry_posted_has_time",
                violation_error_message=_("A posted entry records when it was posted."),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.date} {self.memo}"

    def save(self, *args, **kwargs):
        # A posted entry is final: a correction is a new entry that reverses it.
        if getattr(self, "_stored_posted", False):
            raise ValidationError({"posted": _("A posted entry is never edited; post a reversal instead.")})
        super().save(*args, **kwargs)
        self._stored_posted = self.posted

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Journal entries are never deleted; post a reversal instead."))

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_posted = instance.posted
        return instance


class JournalLine(models.Model):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines", verbose_name=_("entry"))
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines", verbose_name=_("account"))
    debit = models.DecimalField(_("debit"), **MONEY, default=0)
    credit = models.DecimalField(_("credit"), **MONEY, default=0)
    memo = models.CharField(_("memo"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["entry", "pk"]
        verbose_name = _("journal line")
        verbose_name_plural = _("journal lines")
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0)),
                name="journal_line_one_side",
                violation_error_message=_("A line is either a debit or a credit, and more than zero."),
            ),
        ]
        indexes = [models.Index(fields=["account", "entry"])]

    def __str__(self) -> str:
        return gettext("%(account)s debit %(debit)s credit %(credit)s") % {
            "account": self.account.code,
            "debit": formats.localize(self.debit),
            "credit": formats.localize(self.credit),
        }

    @property
    def amount(self):
        """Return the signed amount: debits positive, credits negative."""
        return self.debit - self.credit


__all__ = ["Account", "JournalEntry", "JournalLine"]
