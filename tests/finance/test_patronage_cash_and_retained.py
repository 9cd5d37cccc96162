"""Patronage dividends split into a cash part, paid through the ledger, and a retained part."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from finance import selectors, services
from finance.models import Account, JournalEntry, PatronageDividend, SurplusAllocation
from tests.factories.finance import PERIOD
from tests.factories.governance import set_policy

pytestmark = pytest.mark.django_db

REASON = "Year end"


def _propose(board_user, **kwargs) -> SurplusAllocation:
    return services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason=REASON, **kwargs
    )


def _adopt(allocation) -> SurplusAllocation:
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def _balance(code: str) -> Decimal:
    return selectors.balance_of(selectors.accounts_with_balances().get(code=code))


def test_each_dividend_splits_into_cash_and_retained_by_the_policy_minimum(march_books, board_user):
    # Given a surplus of 750: 150 to reserves, 17.50 to bonuses, 582.50 in dividends by hours (4 and 6),
    # and the bylaws' 20 % cash minimum
    # When the Board proposes without naming a cash share
    allocation = _propose(board_user)
    # Then the policy's minimum applies, and the cash part is due 255 days after the period
    assert allocation.cash_percent == Decimal("20")
    assert allocation.cash_due == PERIOD[1] + timedelta(days=255)
    dividends = list(allocation.patronage.order_by("hours"))
    assert [d.amount for d in dividends] == [Decimal("233.00"), Decimal("349.50")]
    assert [(d.cash, d.retained) for d in dividends] == [
        (Decimal("46.60"), Decimal("186.40")),
        (Decimal("69.90"), Decimal("279.60")),
    ]


def test_cash_part_is_rounded_up_to_never_fall_below_the_minimum(march_books, board_user):
    allocation = _propose(board_user, cash_percent="33.33")
    for dividend in allocation.patronage.all():
        assert dividend.cash + dividend.retained == dividend.amount
        assert dividend.cash >= dividend.amount * Decimal("0.3333")
    assert sorted(d.cash for d in allocation.patronage.all()) == [Decimal("77.66"), Decimal("116.49")]


def test_a_cash_share_below_the_bylaws_minimum_is_refused_and_nothing_written(march_books, board_user):
    set_policy("patronage_cash_percent", "25")
    with pytest.raises(ValidationError) as refused:
        _propose(board_user, cash_percent="20")
    assert "cash_percent" in refused.value.message_dict
    assert "25" in refused.value.message_dict["cash_percent"][0]
    assert not SurplusAllocation.objects.exists() and not PatronageDividend.objects.exists()


def test_adoption_credits_retained_parts_to_capital_and_cash_to_dividends_payable(march_books, board_user):
    workers = march_books
    allocation = _adopt(_propose(board_user, cash_percent="40"))
    by_member = {d.member_id: d for d in allocation.patronage.all()}
    for worker in workers:
        assert selectors.capital_balance(worker) == by_member[worker.pk].retained
    assert _balance("2300") == sum(d.cash for d in by_member.values()) == Decimal("233.00")
    assert allocation.cash_payment is None


def test_paying_the_cash_part_posts_it_once_through_the_ledger(march_books, board_user):
    allocation = _adopt(_propose(board_user))
    cash_before = _balance("1000")
    # When the Board pays the cash part
    paid = services.patronage_cash_pay(allocation=allocation, on=date(2026, 4, 15), actor=board_user, reason="Paid")
    # Then dividends payable is cleared, cash falls by the same 116.50, member by member in the entry
    entry = paid.cash_payment
    assert entry.date == date(2026, 4, 15) and entry.posted
    assert _balance("2300") == Decimal("0.00")
    assert cash_before - _balance("1000") == Decimal("116.50")
    debits = sorted(line.debit for line in entry.lines.filter(account__code="2300"))
    assert debits == [Decimal("46.60"), Decimal("69.90")]
    # And the retained parts stay in the capital accounts
    assert sum(selectors.capital_balance(w) for w in march_books) == Decimal("466.00")
    # And paying again is refused, writing nothing
    entries = JournalEntry.objects.count()
    with pytest.raises(ValidationError) as again:
        services.patronage_cash_pay(allocation=allocation, actor=board_user, reason="Twice")
    assert "allocation" in again.value.message_dict
    assert JournalEntry.objects.count() == entries


def test_cash_is_paid_only_by_the_board_and_only_once_adopted(march_books, board_user, operations_user):
    allocation = _propose(board_user)
    with pytest.raises(PermissionDenied):
        services.patronage_cash_pay(allocation=allocation, actor=operations_user, reason="Pay")
    with pytest.raises(ValidationError) as not_adopted:
        services.patronage_cash_pay(allocation=allocation, actor=board_user, reason="Pay")
    assert "allocation" in not_adopted.value.message_dict
    _adopt(allocation)
    with pytest.raises(ValidationError) as early:
        services.patronage_cash_pay(allocation=allocation, on=date(2026, 3, 15), actor=board_user, reason="Pay")
    assert "on" in early.value.message_dict
    assert not Account.objects.get(code="2300").lines.filter(debit__gt=0).exists()
