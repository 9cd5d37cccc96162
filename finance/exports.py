"""The ledger written out for the cooperative's accountant: the general journal and the trial
balance as CSV, the journal as a Beancount file their tools import, and each member's patronage
figures of a tax year for the 1099-PATR the accountant files (data for them, not a filing).

Amounts are exact decimals with two places and a point ("1212.50"), never localized: these files
are data read by programs. The figures come from `selectors.exports`; this module only writes them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop.roles import Role
from coop.selectors import cooperative_current
from coop.services_common import require_role

from .models import Account
from .selectors.capital import PatronageTaxRow, patronage_tax_figures
from .selectors.exports import TrialBalanceRow, export_period_check, journal_lines, trial_balance

JOURNAL_COLUMNS = [
    "entry",
    "date",
    "entry_memo",
    "source",
    "account_code",
    "account_name",
    "account_type",
    "debit",
    "credit",
    "line_memo",
]
TRIAL_BALANCE_COLUMNS = [
    "account_code",
    "account_name",
    "account_type",
    "opening_debit",
    "opening_credit",
    "period_debit",
    "period_credit",
    "closing_debit",
    "closing_credit",
]
# Beancount's five roots, one per account type.
BEANCOUNT_ROOTS = {
    Account.Type.ASSET: "Assets",
    Account.Type.LIABILITY: "Liabilities",
    Account.Type.EQUITY: "Equity",
    Account.Type.INCOME: "Income",
    Account.Type.EXPENSE: "Expenses",
}
POINTS_COMMODITY = "POINTS"
PATRONAGE_COLUMNS = [
    "member_id",
    "name",
    "email",
    "unit",
    "cash_paid",
    "retained_qualified",
    "patronage_dividends_box_1",
    "retained_nonqualified",
    "capital_redemptions",
]


class ExportKind(TextChoices):
    JOURNAL_CSV = "journal_csv", gettext_lazy("General journal (CSV)")
    TRIAL_BALANCE_CSV = "trial_balance_csv", gettext_lazy("Trial balance (CSV)")
    BEANCOUNT = "beancount", gettext_lazy("General journal for Beancount")
    PATRONAGE_CSV = "patronage_csv", gettext_lazy("Patronage figures per member for the 1099-PATR (CSV)")


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    content: str


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _sides(signed: Decimal) -> tuple[str, str]:
    """A signed balance (debit minus credit) as its debit and credit columns."""
    return (_amount(signed), _amount(Decimal(0))) if signed >= 0 else (_amount(Decimal(0)), _amount(-signed))


def journal_csv(lines: Iterable[dict]) -> str:
    """The general journal, one row per line of each posted entry."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(JOURNAL_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                line["entry_id"],
                line["entry__date"].isoformat(),
                line["entry__memo"],
                line["entry__source"] or "",
                line["account__code"],
                line["account__name"],
                line["account__type"],
                _amount(line["debit"]),
                _amount(line["credit"]),
                line["memo"],
            ]
        )
    return out.getvalue()


def trial_balance_csv(rows: list[TrialBalanceRow]) -> str:
    """The trial balance: each account's opening, movement and closing, and a total row whose debit
    and credit columns are equal when the ledger balances."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TRIAL_BALANCE_COLUMNS)
    totals = [Decimal(0)] * 6
    for row in rows:
        figures = [*_sides(row.opening), _amount(row.debits), _amount(row.credits), *_sides(row.closing)]
        totals = [total + Decimal(figure) for total, figure in zip(totals, figures, strict=True)]
        writer.writerow([row.account.code, row.account.name, row.account.type, *figures])
    writer.writerow(["", "TOTAL", "", *(_amount(total) for total in totals)])
    return out.getvalue()


def patronage_csv(rows: list[PatronageTaxRow], unit: str) -> str:
    """Each member's patronage figures of the period, one row per member. The accountant adds the
    taxpayer numbers, which the platform does not keep, and decides what each box takes."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PATRONAGE_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.member.pk,
                row.member.get_full_name(),
                row.member.email,
                unit,
                _amount(row.cash_paid),
                _amount(row.retained_qualified),
                _amount(row.patronage_dividends),
                _amount(row.retained_nonqualified),
                _amount(row.redemptions),
            ]
        )
    return out.getvalue()


def beancount_account(code: str, name: str, account_type: str) -> str:
    """An account's Beancount name: its type's root, then its code and name as one component
    (`Assets:1000-Cash`), reduced to the letters, digits and hyphens Beancount accepts."""
    component = re.sub(r"[^A-Za-z0-9-]+", "-", f"{code}-{slugify(name)}").strip("-")
    component = "-".join(part[:1].upper() + part[1:] for part in component.split("-") if part)
    return f"{BEANCOUNT_ROOTS[account_type]}:{component or 'Account'}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def beancount_journal(
    *, title: str, commodity: str, period: Period, rows: list[TrialBalanceRow], lines: Iterable[dict]
) -> str:
    """The period's journal as a Beancount file: each account opened on the first day, the balances
    brought forward as one balanced transaction, every posted entry, and a balance assertion per
    account the day after the period, so Beancount itself checks the file against our ledger."""
    out = [
        f"option {_quoted('title')} {_quoted(title)}",
        f"option {_quoted('operating_currency')} {_quoted(commodity)}",
        "",
    ]
    names = {row.account.code: beancount_account(row.account.code, row.account.name, row.account.type) for row in rows}
    out += [f"{period.start.isoformat()} open {names[code]} {commodity}" for code in names]
    brought_forward = [row for row in rows if row.opening]
    if brought_forward:
        out += ["", f"{period.start.isoformat()} * {_quoted('Balances brought forward')}"]
        out += [f"  {names[row.account.code]}  {_amount(row.opening)} {commodity}" for row in brought_forward]
    entry_id = None
    for line in lines:
        if line["entry_id"] != entry_id:
            entry_id = line["entry_id"]
            out += ["", f"{line['entry__date'].isoformat()} * {_quoted(line['entry__memo'])}"]
            out.append(f"  entry: {_quoted(str(entry_id))}")
            if line["entry__source"]:
                out.append(f"  source: {_quoted(line['entry__source'])}")
        signed = line["debit"] - line["credit"]
        out.append(f"  {names[line['account__code']]}  {_amount(signed)} {commodity}")
    day_after = (period.end + timedelta(days=1)).isoformat()
    out.append("")
    out += [f"{day_after} balance {names[row.account.code]}  {_amount(row.closing)} {commodity}" for row in rows]
    return "\n".join(out) + "\n"


def require_exporter(actor) -> None:
    """Refuse anyone but the Board and the Auditor: they hand the books to the accountant."""
    require_role(actor, Role.BOARD, Role.AUDITOR, action=_("export the ledger"))


def ledger_export(*, actor, kind: str, period_start: date | None, period_end: date | None) -> Export:
    """Write the posted ledger of a period for the accountant, in the format `kind` names.

    The Board and the Auditor may export; a period must end after it starts and hold no entry still
    unposted. A cooperative keeping points writes them as points, never as a currency.
    """
    require_exporter(actor)
    if kind not in ExportKind.values:
        raise ValidationError({"kind": _("Choose an export from the list.")})
    export_period_check(period_start=period_start, period_end=period_end)
    period = Period(period_start, period_end)
    cooperative = cooperative_current()
    points = cooperative is None or cooperative.unit == cooperative.Unit.POINTS
    commodity = POINTS_COMMODITY if points else cooperative.currency_code.upper()
    if kind == ExportKind.PATRONAGE_CSV:
        rows = patronage_tax_figures(period_start=period.start, period_end=period.end)
        return Export(f"patronage_{period}.csv", "text/csv; charset=utf-8", patronage_csv(rows, commodity))
    lines = journal_lines(period_start=period.start, period_end=period.end)
    if kind == ExportKind.JOURNAL_CSV:
        return Export(f"journal_{period}.csv", "text/csv; charset=utf-8", journal_csv(lines))
    rows = trial_balance(period_start=period.start, period_end=period.end)
    if kind == ExportKind.TRIAL_BALANCE_CSV:
        return Export(f"trial_balance_{period}.csv", "text/csv; charset=utf-8", trial_balance_csv(rows))
    title = f"{cooperative.name if cooperative else ''} {period.start:%Y-%m-%d} {period.end:%Y-%m-%d}".strip()
    text = beancount_journal(title=title, commodity=commodity, period=period, rows=rows, lines=lines)
    return Export(f"journal_{period}.beancount", "text/plain; charset=utf-8", text)
