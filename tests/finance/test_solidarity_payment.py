"""The Board pays an adopted allocation's solidarity contribution: the ledger moves it from
solidarity fund payable to cash, and the alliance is told in the same transaction through the
outbox. Paid once; refused, with nothing written, for the wrong person, for an allocation with no
contribution and for an alliance's peer that was removed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from federation import services as federation_services
from federation.models import OutboundMessage
from finance import selectors, services
from finance.models import JournalEntry, JournalLine, SurplusAllocation
from tests.factories.finance import PERIOD
from tests.finance.conftest import commit

pytestmark = pytest.mark.django_db

PAID_ON = date(2026, 4, 20)


def _adopted(board_user) -> SurplusAllocation:
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def _pay(allocation, actor, **kwargs):
    return services.solidarity_contribution_pay(allocation=allocation, on=PAID_ON, actor=actor, reason="Paid", **kwargs)


def _balance(code: str) -> Decimal:
    return selectors.balance_of(selectors.accounts_with_balances().get(code=code))


def _nothing_paid() -> bool:
    return (
        not JournalEntry.objects.filter(source__startswith="surplus-solidarity:").exists()
        and not OutboundMessage.objects.filter(kind="alliance.solidarity_paid").exists()
        and not SurplusAllocation.objects.filter(solidarity_payment__isnull=False).exists()
    )


@pytest.fixture
def adopted(march_books, board_user, alliance):
    commit(alliance, "5.00", "2026-01-01")
    return _adopted(board_user)


def test_paying_posts_payable_to_cash_and_the_ledger_balances(adopted, board_user):
    cash_before = _balance("1000")

    paid = _pay(adopted, board_user)

    entry = paid.solidarity_payment
    assert entry.posted and entry.date == PAID_ON
    assert entry.lines.get(account__code="2400").debit == Decimal("37.50")
    assert entry.lines.get(account__code="1000").credit == Decimal("37.50")
    assert _balance("2400") == Decimal("0.00")
    assert cash_before - _balance("1000") == Decimal("37.50")
    totals = JournalLine.objects.filter(entry__posted=True).aggregate(d=Sum("debit"), c=Sum("credit"))
    assert totals["d"] == totals["c"]
    assert paid.history.latest().solidarity_payment_id == entry.pk


def test_the_alliance_is_sent_the_payment_in_the_outbox(adopted, board_user, alliance):
    _pay(adopted, board_user)

    message = OutboundMessage.objects.get(kind="alliance.solidarity_paid")
    assert message.peer == alliance
    assert message.sent_by == board_user
    assert message.delivered_at is None
    assert message.payload == {
        "amount": "37.50",
        "period_start": "2026-03-01",
        "period_end": "2026-03-31",
        "allocation": f"surplus:{adopted.pk}",
        "basis": "Motion #9",
        "motion_number": "A-7",
        "paid_on": "2026-04-20",
    }


def test_paying_twice_is_refused(adopted, board_user):
    _pay(adopted, board_user)
    with pytest.raises(ValidationError) as again:
        _pay(adopted, board_user)
    assert "allocation" in again.value.message_dict
    assert JournalEntry.objects.filter(source__startswith="surplus-solidarity:").count() == 1
    assert OutboundMessage.objects.filter(kind="alliance.solidarity_paid").count() == 1


def test_an_allocation_without_a_contribution_is_refused(march_books, board_user):
    allocation = _adopted(board_user)
    with pytest.raises(ValidationError) as refused:
        _pay(allocation, board_user)
    assert "allocation" in refused.value.message_dict
    assert _nothing_paid()


def test_a_proposed_allocation_is_not_paid(march_books, board_user, alliance):
    commit(alliance, "5.00", "2026-01-01")
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    with pytest.raises(ValidationError) as refused:
        _pay(allocation, board_user)
    assert "allocation" in refused.value.message_dict
    assert _nothing_paid()


def test_a_removed_alliance_peer_is_refused_naming_the_peer(adopted, board_user, alliance):
    federation_services.peer_remove(peer=alliance, actor=board_user, reason="Left")
    with pytest.raises(ValidationError) as refused:
        _pay(adopted, board_user)
    assert "peer" in refused.value.message_dict
    assert _nothing_paid()


@pytest.mark.parametrize("who", ["operations_user", "member_user", "auditor_user"])
def test_only_the_board_pays(adopted, who, request):
    with pytest.raises(PermissionDenied):
        _pay(adopted, request.getfixturevalue(who))
    assert _nothing_paid()
    assert _balance("2400") == Decimal("37.50")
