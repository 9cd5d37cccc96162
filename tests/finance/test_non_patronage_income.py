"""Income the members' work did not earn (interest, rent, gains) is kept apart from the patronage
dividends: the cooperative keeps it in its reserves, and the members share the patronage surplus
alone."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finance import selectors, services
from finance.models import JournalEntry, SurplusAllocation
from finance.services import Line
from tests.factories.finance import PERIOD, entry

pytestmark = pytest.mark.django_db


def _interest(amount: str, day=date(2026, 3, 25)):
    entry([Line("1000", debit=amount), Line("4900", credit=amount)], memo="Bank interest", day=day)


def _propose(board_user, reserves="20"):
    return services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent=reserves, actor=board_user, reason="Year end"
    )


def test_interest_is_kept_apart_and_only_the_patronage_surplus_is_shared(march_books, board_user):
    # given March's patronage surplus, and 200 of bank interest besides
    before = _propose(board_user)
    services.surplus_allocation_withdraw(allocation=before, actor=board_user, reason="Interest came in")
    _interest("200.00")
    # when the Board proposes the allocation
    allocation = _propose(board_user)
    # then the interest is kept apart: the reserves come from the same patronage surplus as before, and
    # the dividends are what is left of it after the bonuses (the CEO's counts the whole business surplus)
    assert allocation.surplus == before.surplus + Decimal("200.00")
    assert allocation.non_patronage == Decimal("200.00")
    assert allocation.reserves == before.reserves
    assert allocation.dividends == before.surplus - allocation.reserves - allocation.bonuses
    assert sum(d.amount for d in allocation.patronage.all()) == allocation.dividends


def test_on_adoption_the_interest_goes_to_the_reserves(march_books, board_user):
    _interest("200.00")
    allocation = services.surplus_allocation_adopt(
        allocation=_propose(board_user), basis="Motion #9", actor=None, reason="Adopted"
    )
    posted = JournalEntry.objects.get(source=f"surplus:{allocation.pk}")
    reserves = posted.lines.filter(account__code="3200")
    assert sum(line.credit for line in reserves) == allocation.reserves + Decimal("200.00")
    assert posted.lines.get(account__code="3900").debit == (
        allocation.non_patronage + allocation.reserves + allocation.dividends
    )


def test_outside_the_period_interest_is_not_counted(march_books, board_user):
    _interest("200.00", day=date(2026, 4, 2))
    assert selectors.non_patronage_income(period_start=PERIOD[0], period_end=PERIOD[1]) == 0
    assert _propose(board_user).non_patronage == 0


def test_a_surplus_of_interest_alone_shares_no_dividend(incorporated, board_user):
    _interest("300.00")
    allocation = _propose(board_user)
    assert allocation.non_patronage == allocation.surplus == Decimal("300.00")
    assert (allocation.reserves, allocation.bonuses, allocation.dividends) == (0, 0, 0)
    assert not allocation.patronage.exists()


def test_the_database_refuses_parts_that_exceed_the_surplus(march_books, board_user):
    allocation = _propose(board_user)
    allocation.non_patronage = allocation.surplus
    with pytest.raises(ValidationError) as refused:
        allocation.full_clean()
    assert "Non-patronage income" in str(refused.value)
    assert SurplusAllocation.objects.get(pk=allocation.pk).non_patronage == 0
