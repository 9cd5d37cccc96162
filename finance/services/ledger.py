"""Ledger writes: the chart of accounts, balanced posting and reversal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from coop.audit import acting, history_kwargs, person
from coop.languages import cooperative_language
from coop.roles import Role
from coop.services_common import require_role

from ..models import Account, JournalEntry, JournalLine
from ..selectors.ledger import NON_PATRONAGE_INCOME
from ._common import ZERO, amount

T = Account.Type

# The cooperative's accounts, by code, named in the cooperative's language when they are opened.
# Member capital accounts are opened per member under 3300.
CHART: dict[str, tuple[Promise, str]] = {
    "1000": (gettext_lazy("Cash"), T.ASSET),
    "1100": (gettext_lazy("Accounts receivable (labor contracts)"), T.ASSET),
    "2000": (gettext_lazy("Payroll payable"), T.LIABILITY),
    "2100": (gettext_lazy("Owner contract pay payable"), T.LIABILITY),
    "2200": (gettext_lazy("Bonuses payable"), T.LIABILITY),
    "2300": (gettext_lazy("Patronage dividends payable"), T.LIABILITY),
    # What the adopted surplus allocations owe the alliance's solidarity fund, until paid.
    "2400": (gettext_lazy("Solidarity fund payable"), T.LIABILITY),
    # What this cooperative owes the peer cooperatives whose owners worked for it.
    "2500": (gettext_lazy("Accounts payable (peer cooperatives)"), T.LIABILITY),
    "3000": (gettext_lazy("Share capital"), T.EQUITY),
    # Money paid toward shares subscribed by instalments: moved into share capital when they are issued.
    "3050": (gettext_lazy("Share subscriptions paid in"), T.EQUITY),
    "3100": (gettext_lazy("Capitalization fund"), T.EQUITY),
    "3200": (gettext_lazy("Reserves"), T.EQUITY),
    "3900": (gettext_lazy("Undistributed surplus"), T.EQUITY),
    "4000": (gettext_lazy("Dues"), T.INCOME),
    "4100": (gettext_lazy("Labor contract revenue"), T.INCOME),
    # Income not from the members' work (interest, rent, gains): never shared as patronage dividends.
    NON_PATRONAGE_INCOME: (gettext_lazy("Non-patronage income"), T.INCOME),
    "5000": (gettext_lazy("Payroll"), T.EXPENSE),
    "5100": (gettext_lazy("Owner contract pay"), T.EXPENSE),
    "5200": (gettext_lazy("Bonuses"), T.EXPENSE),
    "5300": (gettext_lazy("Labor from peer cooperatives"), T.EXPENSE),
}
CASH, RECEIVABLE, PAYROLL_PAYABLE, CONTRACT_PAY_PAYABLE, BONUS_PAYABLE = "1000", "1100", "2000", "2100", "2200"
DIVIDENDS_PAYABLE, SOLIDARITY_PAYABLE = "2300", "2400"
PEER_PAYABLE, PEER_LABOR = "2500", "5300"
SHARE_CAPITAL, CAPITALIZATION_FUND, RESERVES, UNDISTRIBUTED = "3000", "3100", "3200", "3900"
SUBSCRIPTIONS_PAID_IN = "3050"
DUES, CONTRACT_REVENUE, PAYROLL, CONTRACT_PAY, BONUSES = "4000", "4100", "5000", "5100", "5200"
CAPITAL_PREFIX = "3300-"


@dataclass(frozen=True)
class Line:
    """One side of an entry: an account code (or Account) and a debit or a credit."""

    account: str | Account
    debit: Decimal | str | int = ZERO
    credit: Decimal | str | int = ZERO
    memo: str = ""


@transaction.atomic
def accounts_ensure(*, actor, reason: str) -> dict[str, Account]:
    """Create each account of the chart not yet present; return the chart by code."""
    with acting(actor, reason), translation.override(cooperative_language()):
        existing = {a.code: a for a in Account.objects.filter(code__in=CHART)}
        for code, (name, type_) in CHART.items():
            if code not in existing:
                account = Account(code=code, name=str(name), type=type_)
                account.full_clean()
                account.save()
                existing[code] = account
    return existing


@transaction.atomic
def capital_accounts_open(*, members, actor, reason: str) -> dict[int, Account]:
    """Open the capital account of each of `members` that has none; return all of theirs by user id.

    A fixed number of queries, whatever the number of members.
    """
    ids = {m.pk for m in members}
    with acting(actor, reason), translation.override(cooperative_language()):
        found = {a.member_id: a for a in Account.objects.filter(member_id__in=ids)}
        missing = [m for m in members if m.pk not in found]
        if missing:
            rows = [
                Account(
                    code=f"{CAPITAL_PREFIX}{m.pk}",
                    name=_("Capital account: %(member)s") % {"member": m},
                    type=T.EQUITY,
                    member=m,
                )
                for m in missing
            ]
            for row in rows:
                row.clean_fields()
            bulk_create_with_history(rows, Account, **history_kwargs())
            found.update({a.member_id: a for a in Account.objects.filter(member_id__in=[m.pk for m in missing])})
    return found


def _resolve(lines: list[Line]) -> list[tuple[Account, Decimal, Decimal, str]]:
    codes = {ln.account for ln in lines if isinstance(ln.account, str)}
    by_code = {a.code: a for a in Account.objects.filter(code__in=codes)} if codes else {}
    resolved = []
    for index, ln in enumerate(lines):
        account = ln.account if isinstance(ln.account, Account) else by_code.get(ln.account)
        if account is None:
            raise ValidationError(
                {"lines": _("Line %(n)s names an unknown account %(code)s.") % {"n": index + 1, "code": ln.account}}
            )
        debit = amount(ln.debit, field="debit", allow_zero=True)
        credit = amount(ln.credit, field="credit", allow_zero=True)
        if (debit > 0) == (credit > 0):
            raise ValidationError(
                {"lines": _("Line %(n)s must be either a debit or a credit, more than zero.") % {"n": index + 1}}
            )
        resolved.append((account, debit, credit, ln.memo))
    return resolved


@transaction.atomic
def journal_entry_post(
    *,
    date: date,
    memo: str,
    lines: list[Line],
    actor,
    reason: str,
    source: str | None = None,
    reversal_of: JournalEntry | None = None,
) -> JournalEntry:
    """Post a balanced entry: its lines are written, then it is marked posted (the database
    checks the balance too). Refuse an unbalanced entry or fewer than two lines; write nothing."""
    memo = (memo or "").strip()
    if not memo:
        raise ValidationError({"memo": _("Say what the entry records.")})
    if len(lines) < 2:
        raise ValidationError({"lines": _("An entry has at least two lines.")})
    with acting(actor, reason):
        resolved = _resolve(lines)
        debits = sum((d for _a, d, _c, _m in resolved), start=ZERO)
        credits = sum((c for _a, _d, c, _m in resolved), start=ZERO)
        if debits != credits:
            raise ValidationError(
                {"lines": _("The entry does not balance: debits %(d)s, credits %(c)s.") % {"d": debits, "c": credits}}
            )
        if source and JournalEntry.objects.filter(source=source).exists():
            raise ValidationError({"source": _("%(source)s is already in the ledger.") % {"source": source}})
        entry = JournalEntry(
            date=date, memo=memo[:300], source=source, reversal_of=reversal_of, created_by=person(actor)
        )
        entry.full_clean()
        entry.save()
        rows = [JournalLine(entry=entry, account=a, debit=d, credit=c, memo=m[:300]) for a, d, c, m in resolved]
        bulk_create_with_history(rows, JournalLine, batch_size=2000, **history_kwargs())
        # Posted last, once the lines are in: the database's balance check runs on this change.
        entry.posted, entry.posted_at = True, timezone.now()
        entry.save()
    return entry


@transaction.atomic
def journal_entry_record(*, date: date, memo: str, lines: list[Line], actor, reason: str) -> JournalEntry:
    """Post an entry by hand: the Board's (Treasurer's) correction or an opening balance."""
    require_role(actor, Role.BOARD, action=_("post journal entries by hand"))
    return journal_entry_post(date=date, memo=memo, lines=lines, actor=actor, reason=reason)


@transaction.atomic
def journal_entry_reverse(*, entry: JournalEntry, actor, reason: str, on: date | None = None) -> JournalEntry:
    """Post the mirror image of a posted entry; the original stays as it was."""
    require_role(actor, Role.BOARD, action=_("reverse journal entries"))
    entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
    if not entry.posted:
        raise ValidationError({"entry": _("Only a posted entry is reversed.")})
    if entry.reversal_of_id:
        raise ValidationError({"entry": _("This entry is itself a reversal; post a new entry instead.")})
    if JournalEntry.objects.filter(reversal_of=entry).exists():
        raise ValidationError({"entry": _("This entry is already reversed.")})
    lines = [
        Line(ln.account, debit=ln.credit, credit=ln.debit, memo=ln.memo) for ln in entry.lines.select_related("account")
    ]
    return journal_entry_post(
        date=on or timezone.localdate(),
        memo=_("Reversal of #%(pk)s: %(memo)s") % {"pk": entry.pk, "memo": entry.memo},
        lines=lines,
        actor=actor,
        reason=reason,
        reversal_of=entry,
    )
