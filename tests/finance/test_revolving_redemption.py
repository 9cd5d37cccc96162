"""Retained allocations are paid out under the revolving plan: the allocations of year N in year
N + k (a policy number), never earlier, once, through the ledger."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from finance import selectors, services
from finance.models import JournalEntry
from tests.factories.finance import PERIOD
from tests.factories.governance import set_policy

pytestmark = pytest.mark.django_db


def _adopted(board_user):
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def test_a_redemption_ahead_of_the_plan_is_refused_and_nothing_written(march_books, board_user):
    allocation = _adopted(board_user)
    entries = JournalEntry.objects.count()
    with pytest.raises(ValidationError) as early:
        services.retained_allocations_redeem(allocation=allocation, actor=board_user, reason="Early")
    assert "2031" in early.value.message_dict["on"][0]
    assert JournalEntry.objects.count() == entries
    allocation.refresh_from_db()
    assert allocation.redemption is None


def test_under_the_plan_each_capital_account_pays_out_its_retained_part_once(march_books, board_user):
    # Given a plan that redeems this year's allocations this year
    set_policy("capital_revolving_years", 0)
    allocation = _adopted(board_user)
    retained = {d.member_id: d.retained for d in allocation.patronage.all()}
    # When the Board redeems them
    redeemed = services.retained_allocations_redeem(
        allocation=allocation, on=date(2026, 6, 30), actor=board_user, reason="Revolving fund"
    )
    # Then each member's capital account is back to nothing, and cash paid the retained total
    for worker in march_books:
        assert selectors.capital_balance(worker) == Decimal("0.00")
    entry = redeemed.redemption
    assert entry.lines.get(account__code="1000").credit == sum(retained.values())
    # And the member's capital statement shows it as a redemption
    year = selectors.capital_statement(march_books[1])[0]
    assert year.redemptions == retained[march_books[1].pk] == year.allocations
    # And a second redemption is refused
    with pytest.raises(ValidationError):
        services.retained_allocations_redeem(allocation=allocation, actor=board_user, reason="Twice")


def test_only_the_board_redeems(march_books, board_user, operations_user):
    set_policy("capital_revolving_years", 0)
    allocation = _adopted(board_user)
    with pytest.raises(PermissionDenied):
        services.retained_allocations_redeem(allocation=allocation, actor=operations_user, reason="Redeem")
