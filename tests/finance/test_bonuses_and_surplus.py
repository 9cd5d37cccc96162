"""Opposing bonuses (suspended during labor contracts) and the surplus allocation."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from finance import selectors, services
from finance.models import BonusAward, SurplusAllocation
from governance.models import Office
from tests.factories.finance import PERIOD
from tests.factories.governance import officer
from tests.factories.labor_contracts import contract_active

pytestmark = pytest.mark.django_db


def test_ceo_bonus_shows_its_inputs(march_books):
    # Given revenue 1000 and expenses 250 (payroll) in March and a CEO bonus of 2 % of the surplus
    officer(Office.Kind.CEO)
    # When the CEO's bonus is computed
    computation = selectors.ceo_bonus(period_start=PERIOD[0], period_end=PERIOD[1])
    # Then it shows every input and follows the surplus
    assert computation.inputs == {
        "revenue": "1000.00",
        "expenses": "250.00",
        "surplus": "750.00",
        "ceo_bonus_surplus_percent": "2",
    }
    assert computation.amount == Decimal("15.00")


def test_president_bonus_follows_payroll_and_equity(march_books):
    officer(Office.Kind.PRESIDENT)
    computation = selectors.president_bonus(period_start=PERIOD[0], period_end=PERIOD[1])
    assert computation.inputs["payroll"] == "250.00"
    assert computation.amount == Decimal("2.50")


def test_bonus_is_awarded_by_another_board_member_and_posted(march_books, board_user):
    # Given a CEO in office
    ceo = officer(Office.Kind.CEO)
    # When the Board awards the CEO's bonus
    award = services.bonus_award(
        kind="ceo", period_start=PERIOD[0], period_end=PERIOD[1], actor=board_user, reason="March"
    )
    # Then it is posted with its inputs
    assert (award.holder, award.amount) == (ceo, Decimal("15.00"))
    assert award.inputs["surplus"] == "750.00"
    assert award.journal_entry.lines.filter(account__code="5200", debit=Decimal("15.00")).exists()


def test_holder_cannot_award_their_own_bonus(march_books, board_user):
    officer(Office.Kind.PRESIDENT, user=board_user)
    with pytest.raises(PermissionDenied, match="own bonus"):
        services.bonus_award(
            kind="president", period_start=PERIOD[0], period_end=PERIOD[1], actor=board_user, reason="mine"
        )
    assert not BonusAward.objects.exists()


def test_bonus_while_a_labor_contract_is_active_is_refused(march_books, operations_user, board_user):
    # Given a CEO and an active labor contract
    officer(Office.Kind.CEO)
    from tests.factories.labor_contracts import documents_install

    documents_install()
    contract_active(operations_user, board_user)
    # When the Board awards the CEO's bonus
    with pytest.raises(ValidationError) as error:
        services.bonus_award(kind="ceo", period_start=PERIOD[0], period_end=PERIOD[1], actor=board_user, reason="March")
    # Then it is refused, naming the suspension, and nothing is written
    assert "suspended" in str(error.value.message_dict["kind"])
    assert not BonusAward.objects.exists()
    # And the computation still shows what it would be, marked suspended
    computation = selectors.ceo_bonus(period_start=PERIOD[0], period_end=PERIOD[1])
    assert computation.suspended and computation.payable == 0 and computation.amount == Decimal("15.00")


def test_surplus_allocation_credits_dividends_by_hours_to_capital_accounts(march_books, board_user):
    # Given a surplus of 750 and no CEO or President bonus holders' amounts beyond the formula
    workers = march_books
    # When the Board proposes 20 % to reserves
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    assert (allocation.surplus, allocation.reserves) == (Decimal("750.00"), Decimal("150.00"))
    assert allocation.reserves + allocation.bonuses + allocation.dividends == allocation.surplus
    # And the General Conference adopts it
    services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")
    # Then each member's dividend follows their share of the 10 hours (4 and 6), and their capital
    # account holds its retained part (the cash part waits in dividends payable)
    dividends = {d.member_id: d for d in allocation.patronage.all()}
    assert dividends[workers[0].pk].amount * 6 == pytest.approx(
        dividends[workers[1].pk].amount * 4, abs=Decimal("0.05")
    )
    assert selectors.capital_balance(workers[1]) == dividends[workers[1].pk].retained
    assert SurplusAllocation.objects.get().status == SurplusAllocation.Status.ADOPTED


def test_surplus_allocation_while_suspended_gives_no_bonus(march_books, operations_user, board_user):
    from tests.factories.labor_contracts import documents_install

    documents_install()
    contract_active(operations_user, board_user)
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="10", actor=board_user, reason="Year end"
    )
    assert allocation.bonuses_suspended and allocation.bonuses == 0
