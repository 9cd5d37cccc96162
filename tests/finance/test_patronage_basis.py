"""Each member's patronage is measured by hours worked and pay earned, in the mix the policy sets
(by vote): the allocation keeps the mix it was proposed under, and each member's notice shows it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coop.roles import Role
from finance import services
from finance.models import PatronageDividend
from finance.services import Line
from tests.clients import logged_in
from tests.factories.coop import UserFactory
from tests.factories.finance import PERIOD, band, entry, internal_hours, rate, run_posted
from tests.factories.governance import set_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def unequal_pay(incorporated, operations_user, board_user):
    """March: revenue 1000; one worker 4 h at 20 (80), the other 4 h at 40 (160)."""
    workers = [UserFactory(roles=[Role.MEMBER]), UserFactory(roles=[Role.MEMBER])]
    builder = band()
    for worker, value in zip(workers, ["20.00", "40.00"], strict=True):
        rate(worker, builder, value, board_user)
        internal_hours(worker, date(2026, 3, 5), "4")
    entry([Line("1000", debit="1000.00"), Line("4100", credit="1000.00")], memo="Client work", day=date(2026, 3, 20))
    run_posted(operations_user, board_user)
    return workers


def _propose(board_user):
    return services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="0", actor=board_user, reason="Year end"
    )


def _shares(allocation):
    return {d.member_id: d.amount for d in PatronageDividend.objects.filter(allocation=allocation)}


def test_by_hours_alone_equal_hours_share_equally(unequal_pay, board_user):
    allocation = _propose(board_user)
    low, high = unequal_pay
    shares = _shares(allocation)
    assert allocation.hours_percent == Decimal("100")
    assert shares[low.pk] == shares[high.pk] == allocation.dividends / 2


def test_by_pay_alone_each_shares_as_they_earned(unequal_pay, board_user):
    set_policy("patronage_hours_percent", 0)
    allocation = _propose(board_user)
    low, high = unequal_pay
    shares = _shares(allocation)
    # 80 and 160 of 240 earned: a third and two thirds, to the cent, summing to the dividends
    assert shares[low.pk] == (allocation.dividends / 3).quantize(Decimal("0.01"), "ROUND_DOWN")
    assert sum(shares.values()) == allocation.dividends
    dividend = PatronageDividend.objects.get(allocation=allocation, member=high)
    assert (dividend.hours, dividend.pay) == (Decimal("4.00"), Decimal("160.00"))


def test_a_mix_weighs_both_and_the_allocation_keeps_the_mix_it_was_proposed_under(unequal_pay, board_user):
    set_policy("patronage_hours_percent", 50)
    allocation = _propose(board_user)
    low, high = unequal_pay
    shares = _shares(allocation)
    assert shares[high.pk] == allocation.dividends - shares[low.pk]
    # half by hours (1/2 each) and half by pay (1/3 and 2/3): 5/12 and 7/12
    assert shares[low.pk] == (allocation.dividends * 5 / 12).quantize(Decimal("0.01"), "ROUND_DOWN")
    assert sum(shares.values()) == allocation.dividends
    # a later change of the policy does not rewrite what was proposed
    set_policy("patronage_hours_percent", 100)
    allocation.refresh_from_db()
    assert allocation.hours_percent == Decimal("50")


def test_a_mix_with_pay_but_no_pay_posted_is_refused_and_nothing_written(incorporated, board_user):
    set_policy("patronage_hours_percent", 50)
    entry([Line("1000", debit="500.00"), Line("4100", credit="500.00")], memo="Client work", day=date(2026, 3, 20))
    with pytest.raises(ValidationError) as refused:
        _propose(board_user)
    assert "period_start" in refused.value.message_dict
    assert not PatronageDividend.objects.exists()


def test_the_members_notice_shows_the_basis(unequal_pay, board_user):
    set_policy("patronage_hours_percent", 50)
    allocation = services.surplus_allocation_adopt(
        allocation=_propose(board_user), basis="Motion #9", actor=None, reason="Adopted"
    )
    low = unequal_pay[0]
    dividend = PatronageDividend.objects.get(allocation=allocation, member=low)
    page = logged_in(low).get(reverse("finance_portal:allocation_notice", args=[dividend.pk])).content.decode()
    assert "50 % by hours worked, 50 % by pay earned" in page
    assert "80.00" in page
