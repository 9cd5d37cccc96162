"""The Board hands the accountant a period of the posted ledger: the journal and trial balance as
CSV, and a Beancount file that Beancount's own parser reads back with the same balances."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from beancount import loader
from beancount.core import data
from django.core.exceptions import PermissionDenied, ValidationError

from coop.selectors import cooperative_current
from finance import exports
from finance.models import JournalEntry
from finance.selectors.exports import trial_balance
from finance.services import Line
from tests.factories.finance import band, entry, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db

YEAR = {"period_start": date(2026, 3, 1), "period_end": date(2026, 12, 31)}


@pytest.fixture
def books(incorporated, operations_user, board_user, member_user):
    entry([Line("1000", debit="500.00"), Line("3000", credit="500.00")], memo='Opening "capital"', day=date(2026, 2, 1))
    rate(member_user, band(), "30.00", board_user)
    internal_hours(member_user, date(2026, 3, 4), "2")
    return run_posted(operations_user, board_user)


def test_beancount_reads_the_journal_back_with_our_balances(books, board_user):
    export = exports.ledger_export(actor=board_user, kind="beancount", **YEAR)
    entries, errors, _options = loader.load_string(export.content)
    # Beancount checks the balance assertions itself: none fails, nothing is malformed
    assert errors == []
    cooperative = cooperative_current()
    unit = "POINTS" if cooperative.unit == cooperative.Unit.POINTS else cooperative.currency_code
    theirs: dict[str, Decimal] = {}
    for parsed in entries:
        if isinstance(parsed, data.Transaction):
            for posting in parsed.postings:
                assert posting.units.currency == unit
                theirs[posting.account] = theirs.get(posting.account, Decimal(0)) + posting.units.number
    ours = {
        exports.beancount_account(row.account.code, row.account.name, row.account.type): row.closing
        for row in trial_balance(**YEAR)
    }
    assert theirs == ours and ours["Assets:1000-Cash"] == Decimal("500.00")
    assert sum(ours.values()) == 0


def test_trial_balance_csv_totals_balance(books, auditor_user):
    export = exports.ledger_export(actor=auditor_user, kind="trial_balance_csv", **YEAR)
    rows = list(csv.DictReader(io.StringIO(export.content)))
    total = rows[-1]
    assert total["account_name"] == "TOTAL"
    assert total["closing_debit"] == total["closing_credit"] and total["period_debit"] == total["period_credit"]
    assert Decimal(total["opening_debit"]) == Decimal("500.00")


def test_journal_csv_lists_each_posted_line_with_exact_amounts(books, board_user):
    export = exports.ledger_export(actor=board_user, kind="journal_csv", **YEAR)
    rows = list(csv.DictReader(io.StringIO(export.content)))
    assert export.filename == "journal_2026-03-01_2026-12-31.csv"
    assert {(r["account_code"], r["debit"], r["credit"]) for r in rows} == {
        ("5000", "60.00", "0.00"),
        ("2000", "0.00", "60.00"),
    }


def test_a_period_with_unposted_entries_is_refused(books, board_user):
    JournalEntry.objects.create(date=date(2026, 5, 2), memo="Draft")
    with pytest.raises(ValidationError) as error:
        exports.ledger_export(actor=board_user, kind="journal_csv", **YEAR)
    assert "not posted" in error.value.message_dict["period_end"][0]


def test_a_period_ending_before_it_starts_is_refused(books, board_user):
    with pytest.raises(ValidationError) as error:
        exports.ledger_export(
            actor=board_user, kind="journal_csv", period_start=date(2026, 5, 1), period_end=date(2026, 4, 1)
        )
    assert "period_end" in error.value.message_dict


def test_operations_may_not_export(books, operations_user):
    with pytest.raises(PermissionDenied):
        exports.ledger_export(actor=operations_user, kind="journal_csv", **YEAR)


def test_the_admin_page_downloads_and_keeps_bad_input(books, board_client, operations_client):
    url = "/admin/finance/account/export/"
    assert board_client.get(url).status_code == 200
    response = board_client.get(url, {"kind": "beancount", "period_start": "2026-03-01", "period_end": "2026-12-31"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    refused = board_client.get(url, {"kind": "journal_csv", "period_start": "2026-05-01", "period_end": "2026-04-01"})
    assert refused.status_code == 400 and 'value="2026-05-01"' in refused.content.decode()
    assert operations_client.get(url).status_code == 403
