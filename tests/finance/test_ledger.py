"""The double-entry ledger: balanced entries only, posted entries final, reversals instead of edits."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from finance import selectors, services
from finance.models import JournalEntry, JournalLine
from finance.services import Line
from tests.factories.finance import entry

pytestmark = pytest.mark.django_db


def test_balanced_entry_is_posted_with_its_lines(chart):
    # Given the chart of accounts
    # When a balanced entry is posted
    posted = entry([Line("1000", debit="150.00"), Line("3000", credit="150.00")])
    # Then it is posted with both lines and the balances follow
    assert posted.posted and posted.posted_at is not None
    assert posted.lines.count() == 2
    balances = {a.code: selectors.balance_of(a) for a in selectors.accounts_with_balances()}
    assert balances["1000"] == Decimal("150.00")
    assert balances["3000"] == Decimal("150.00")


def test_unbalanced_entry_is_refused_and_writes_nothing(chart):
    # Given the chart
    # When an entry whose debits and credits differ is posted
    with pytest.raises(ValidationError) as error:
        entry([Line("1000", debit="150.00"), Line("3000", credit="149.99")])
    # Then the error names the lines and nothing is written
    assert "does not balance" in str(error.value.message_dict["lines"])
    assert not JournalEntry.objects.exists() and not JournalLine.objects.exists()


def test_float_amount_is_refused(chart):
    # When an amount comes as a float
    with pytest.raises(ValidationError) as error:
        entry([Line("1000", debit=0.1), Line("3000", credit=Decimal("0.10"))])
    # Then it is refused by name, and nothing is written
    assert "not a float" in str(error.value.message_dict["debit"])
    assert not JournalEntry.objects.exists()


def test_line_with_both_sides_is_refused(chart):
    with pytest.raises(ValidationError) as error:
        entry([Line("1000", debit="5.00", credit="5.00"), Line("3000", credit="0.00")])
    assert "either a debit or a credit" in str(error.value.message_dict["lines"])


def test_posted_entry_is_never_edited_by_the_model(chart):
    # Given a posted entry
    posted = JournalEntry.objects.get(pk=entry([Line("1000", debit="10.00"), Line("3000", credit="10.00")]).pk)
    # When someone edits its memo through the model
    posted.memo = "Changed"
    # Then the save is refused
    with pytest.raises(ValidationError):
        posted.save()
    assert JournalEntry.objects.get(pk=posted.pk).memo == "Opening balance"


def test_database_refuses_changing_a_posted_line(chart):
    # Given a posted entry
    posted = entry([Line("1000", debit="10.00"), Line("3000", credit="10.00")])
    # When a line is changed behind the services' back
    # Then the database's trigger refuses it
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - each database raises its own error class
        JournalLine.objects.filter(entry=posted).update(debit=Decimal("11.00"))
    assert JournalLine.objects.filter(entry=posted, debit=Decimal("10.00")).exists()


def test_database_refuses_posting_an_unbalanced_entry(chart):
    # Given an entry written directly with lines that do not balance
    accounts = {a.code: a for a in selectors.accounts()}
    # When it is marked posted
    # Then the database refuses (SQLite at the posting update, PostgreSQL at the commit check)
    with pytest.raises(IntegrityError if connection.vendor == "postgresql" else Exception), transaction.atomic():
        draft = JournalEntry.objects.create(date=date(2026, 3, 1), memo="Unbalanced")
        JournalLine.objects.create(entry=draft, account=accounts["1000"], debit=Decimal("10.00"))
        JournalLine.objects.create(entry=draft, account=accounts["3000"], credit=Decimal("9.00"))
        JournalEntry.objects.filter(pk=draft.pk).update(posted=True, posted_at="2026-03-01T00:00:00Z")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert not JournalEntry.objects.filter(memo="Unbalanced").exists()


def test_reversal_mirrors_the_entry_and_leaves_it_untouched(chart, board_user):
    # Given a posted entry
    original = entry([Line("1000", debit="25.00"), Line("4000", credit="25.00")])
    # When the Board reverses it
    reversal = services.journal_entry_reverse(entry=original, actor=board_user, reason="Entered twice")
    # Then the reversal swaps each side, points at the original, and the balances return to zero
    assert reversal.reversal_of == original
    assert {(ln.account.code, ln.debit, ln.credit) for ln in reversal.lines.all()} == {
        ("1000", Decimal("0.00"), Decimal("25.00")),
        ("4000", Decimal("25.00"), Decimal("0.00")),
    }
    assert all(selectors.balance_of(a) == 0 for a in selectors.accounts_with_balances())
    # And a second reversal is refused
    with pytest.raises(ValidationError):
        services.journal_entry_reverse(entry=original, actor=board_user, reason="Again")


def test_entry_leaves_history_with_reason(chart, board_user):
    posted = services.journal_entry_record(
        date=date(2026, 3, 2),
        memo="Opening cash",
        lines=[Line("1000", debit="5.00"), Line("3000", credit="5.00")],
        actor=board_user,
        reason="Opening balance from the bank statement",
    )
    record = posted.history.first()
    assert record.history_user == board_user
    assert record.history_change_reason == "Opening balance from the bank statement"
