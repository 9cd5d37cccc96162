"""A surplus allocation for a period the alliance's commitment covers takes the solidarity
contribution off the patronage surplus before reserves, bonuses and dividends, to the cent, and
adopting it posts the contribution to solidarity fund payable in a balanced entry."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from finance import selectors, services
from finance.models import JournalLine, SurplusAllocation
from tests.clients import logged_in
from tests.factories.finance import PERIOD
from tests.factories.membership import member_create
from tests.finance.conftest import commit

pytestmark = pytest.mark.django_db

REASON = "Year end"


def _propose(board_user) -> SurplusAllocation:
    return services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason=REASON
    )


def _adopt(allocation) -> SurplusAllocation:
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def _parts(allocation) -> Decimal:
    return (
        allocation.non_patronage
        + allocation.solidarity
        + allocation.reserves
        + allocation.bonuses
        + allocation.dividends
    )


def _ledger_balances() -> bool:
    totals = JournalLine.objects.filter(entry__posted=True).aggregate(d=Sum("debit"), c=Sum("credit"))
    return totals["d"] == totals["c"]


def _balance(code: str) -> Decimal:
    return selectors.balance_of(selectors.accounts_with_balances().get(code=code))


def test_without_a_commitment_nothing_goes_to_solidarity(march_books, board_user):
    # Given a surplus of 750 and no alliance commitment
    allocation = _propose(board_user)
    assert allocation.solidarity == Decimal("0.00") and allocation.solidarity_commitment is None
    assert (allocation.reserves, allocation.bonuses, allocation.dividends) == (
        Decimal("150.00"),
        Decimal("17.50"),
        Decimal("582.50"),
    )
    assert _parts(allocation) == allocation.surplus == Decimal("750.00")


def test_the_contribution_comes_off_the_top_and_the_parts_add_up_exactly(march_books, board_user, alliance):
    # Given the alliance's 3.33 % from January: 24.975 of 750, rounded down to 24.97
    commitment = commit(alliance, "3.33", "2026-01-01")
    allocation = _propose(board_user)

    assert allocation.solidarity_commitment == commitment
    assert allocation.solidarity == Decimal("24.97")
    # reserves are 20 % of what is left (725.03), rounded down; the dividends take the rest
    assert allocation.reserves == Decimal("145.00")
    assert allocation.bonuses == Decimal("17.50")
    assert allocation.dividends == Decimal("562.53")
    assert _parts(allocation) == allocation.surplus
    assert sum(d.amount for d in allocation.patronage.all()) == allocation.dividends
    # and its history shows the contribution it was proposed with
    assert allocation.history.earliest().solidarity == Decimal("24.97")


def test_a_commitment_starting_after_the_period_does_not_apply(march_books, board_user, alliance):
    commit(alliance, "5.00", "2026-04-01")
    allocation = _propose(board_user)
    assert allocation.solidarity == Decimal("0.00") and allocation.solidarity_commitment is None


def test_adoption_posts_the_contribution_and_the_ledger_balances(march_books, board_user, alliance):
    commit(alliance, "5.00", "2026-01-01")
    allocation = _adopt(_propose(board_user))

    assert allocation.solidarity == Decimal("37.50")
    assert _balance("2400") == Decimal("37.50")
    credited = allocation.journal_entry.lines.get(account__code="2400")
    assert credited.credit == Decimal("37.50")
    assert _ledger_balances()


def test_the_allocation_pages_show_the_contribution(march_books, board_user, board_client, alliance):
    commit(alliance, "5.00", "2026-01-01")
    allocation = _propose(board_user)
    listing = board_client.get(reverse("admin:finance_surplusallocation_changelist"))
    page = board_client.get(reverse("admin:finance_surplusallocation_change", args=[allocation.pk]))
    assert listing.status_code == page.status_code == 200
    assert "37.50" in listing.content.decode() and "37.50" in page.content.decode()


def test_each_members_notice_of_allocation_shows_the_contribution(march_books, board_user, alliance):
    worker = march_books[0]
    member_create(user=worker)  # the portal is for members
    commit(alliance, "5.00", "2026-01-01")
    allocation = _adopt(_propose(board_user))
    mine = allocation.patronage.get(member=worker)

    page = logged_in(worker).get(reverse("finance_portal:allocation_notice", args=[mine.pk]))

    assert page.status_code == 200
    assert "to the alliance's solidarity fund" in page.content.decode()
    assert "37.50" in page.content.decode()
