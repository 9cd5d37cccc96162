"""Each member's patronage figures of a tax year for the accountant's 1099-PATR, as CSV: the cash
paid, the retained allocations (qualified once consented), and the capital paid out."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coop.policy import PatronageConsent
from finance import exports, services
from finance.services import Line
from tests.factories.finance import PERIOD
from tests.factories.governance import set_policy

pytestmark = pytest.mark.django_db
YEAR = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}


def _year_of_patronage(board_user, workers):
    """An allocation of 582.50 in dividends, 40 % in cash paid on 30 April, members signing their
    notices: the first signs, the second does not; 20.00 paid out of the second's capital."""
    set_policy("patronage_consent", PatronageConsent.SIGNED)
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        reserves_percent="20",
        cash_percent="40",
        actor=board_user,
        reason="Year end",
    )
    services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")
    services.patronage_cash_pay(allocation=allocation, on=date(2026, 4, 30), actor=board_user, reason="Paid")
    services.allocation_notice_consent(
        dividend=allocation.patronage.get(member=workers[0]), actor=workers[0], reason="Consent"
    )
    capital = services.capital_accounts_open(members=[workers[1]], actor=None, reason="Setup")[workers[1].pk]
    services.journal_entry_post(
        date=date(2026, 6, 1),
        memo="Redemption",
        lines=[Line(capital, debit="20.00"), Line("1000", credit="20.00")],
        actor=None,
        reason="Redeemed",
    )
    return allocation


def _rows(export) -> dict[str, dict]:
    return {row["email"]: row for row in csv.DictReader(io.StringIO(export.content))}


def test_the_csv_holds_each_members_figures_to_the_cent(march_books, board_user):
    allocation = _year_of_patronage(board_user, march_books)
    export = exports.ledger_export(actor=board_user, kind=exports.ExportKind.PATRONAGE_CSV, **YEAR)
    assert export.filename == "patronage_2026-01-01_2026-12-31.csv"
    rows = _rows(export)
    first, second = (allocation.patronage.get(member=w) for w in march_books)
    signed = rows[march_books[0].email]
    assert Decimal(signed["cash_paid"]) == first.cash == Decimal("93.20")
    assert Decimal(signed["retained_qualified"]) == first.retained
    assert Decimal(signed["patronage_dividends_box_1"]) == first.amount
    assert (signed["retained_nonqualified"], signed["capital_redemptions"]) == ("0.00", "0.00")
    # The test cooperative keeps points: the file says so on every row, never a currency
    assert signed["unit"] == "POINTS"
    unsigned = rows[march_books[1].email]
    assert Decimal(unsigned["patronage_dividends_box_1"]) == second.cash
    assert Decimal(unsigned["retained_nonqualified"]) == second.retained
    assert unsigned["capital_redemptions"] == "20.00"


def test_another_year_holds_none_of_it(march_books, board_user):
    _year_of_patronage(board_user, march_books)
    export = exports.ledger_export(
        actor=board_user,
        kind=exports.ExportKind.PATRONAGE_CSV,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    assert _rows(export) == {}


def test_only_the_board_and_the_auditor_export_it(march_books, board_user, operations_user, member_user):
    for actor in (operations_user, member_user):
        with pytest.raises(PermissionDenied):
            exports.ledger_export(actor=actor, kind=exports.ExportKind.PATRONAGE_CSV, **YEAR)


def test_the_board_downloads_it_from_the_export_page(march_books, board_user, board_client):
    _year_of_patronage(board_user, march_books)
    response = board_client.get(
        reverse("admin:finance_export"),
        {"period_start": "2026-01-01", "period_end": "2026-12-31", "kind": "patronage_csv"},
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "patronage_dividends_box_1" in response.content.decode()
