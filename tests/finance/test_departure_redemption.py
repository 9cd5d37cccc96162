"""A member who departs is paid their retained allocations within the days the bylaws set, once:
the revolving plan then leaves their parts out. The Board's desk shows who is still owed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coop.desk import desk_for
from finance import selectors, services
from finance.models import JournalEntry, PatronageDividend
from membership import services as membership_services
from tests.factories.finance import PERIOD
from tests.factories.governance import set_policy

pytestmark = pytest.mark.django_db


def _adopted(board_user):
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def _member(worker, board_user, *, departed_days_ago=None):
    member = membership_services.member_apply(user=worker, legal_name="Dana Rivers", actor=board_user, reason="Joins")
    member = membership_services.member_admit(member=member, actor=board_user, reason="Admitted")
    if departed_days_ago is not None:
        day = timezone.localdate() - timedelta(days=departed_days_ago)
        member = membership_services.member_depart(member=member, actor=board_user, reason="Moves away", on=day)
    return member


def _owed(worker):
    return PatronageDividend.objects.get(member=worker).retained


def test_a_departed_member_is_paid_their_retained_allocations_through_the_ledger(march_books, board_user):
    # given an adopted allocation, and one of its two members departed ten days ago
    allocation = _adopted(board_user)
    leaver, stayer = march_books
    member = _member(leaver, board_user, departed_days_ago=10)
    owed = _owed(leaver)
    assert owed > 0
    # then the Board's desk shows them, owed their retained part, due a year after the departure
    [listed] = selectors.departed_capital_owed()
    assert listed == member and listed.owed == owed
    assert selectors.departure_redemption_due(member) == member.departed_on + timedelta(days=365)
    assert {entry.key: entry.count for entry in desk_for(board_user)}["finance.departed_capital"] == 1
    # when the Board pays them out
    entry = services.departed_capital_redeem(member=member, actor=board_user, reason="Departure")
    # then their capital account is empty, cash paid exactly their part, and the dividend names the entry
    assert selectors.capital_balance(leaver) == Decimal("0.00")
    assert entry.lines.get(account__code="1000").credit == owed
    assert PatronageDividend.objects.get(member=leaver).redemption == entry
    assert entry.history.first().history_user == board_user
    assert not selectors.departed_capital_owed().exists()
    # and the revolving plan later pays only the member who stayed
    set_policy("capital_revolving_years", 0)
    redeemed = services.retained_allocations_redeem(
        allocation=allocation, on=date(2026, 6, 30), actor=board_user, reason="Revolving fund"
    )
    assert redeemed.redemption.lines.get(account__code="1000").credit == _owed(stayer)
    assert selectors.capital_balance(stayer) == Decimal("0.00")
    assert selectors.capital_balance(leaver) == Decimal("0.00")


def test_after_the_revolving_plan_paid_everyone_nothing_is_owed_on_departure(march_books, board_user):
    set_policy("capital_revolving_years", 0)
    allocation = _adopted(board_user)
    services.retained_allocations_redeem(allocation=allocation, on=date(2026, 6, 30), actor=board_user, reason="Plan")
    member = _member(march_books[0], board_user, departed_days_ago=0)
    assert not selectors.departed_capital_owed().exists()
    with pytest.raises(ValidationError) as nothing:
        services.departed_capital_redeem(member=member, actor=board_user, reason="Departure")
    assert "member" in nothing.value.message_dict


def test_a_member_who_has_not_departed_is_refused_and_nothing_written(march_books, board_user):
    _adopted(board_user)
    member = _member(march_books[0], board_user)
    entries = JournalEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.departed_capital_redeem(member=member, actor=board_user, reason="Early")
    assert "departed member" in refused.value.message_dict["member"][0]
    assert JournalEntry.objects.count() == entries


def test_a_payment_dated_before_the_departure_or_in_the_future_is_refused(march_books, board_user):
    _adopted(board_user)
    member = _member(march_books[0], board_user, departed_days_ago=3)
    for day in (member.departed_on - timedelta(days=1), timezone.localdate() + timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            services.departed_capital_redeem(member=member, on=day, actor=board_user, reason="Departure")
        assert "on" in refused.value.message_dict
    assert PatronageDividend.objects.get(member=march_books[0]).redemption is None


def test_only_the_board_pays_out_and_only_once(march_books, board_user, operations_user):
    _adopted(board_user)
    member = _member(march_books[0], board_user, departed_days_ago=1)
    with pytest.raises(PermissionDenied):
        services.departed_capital_redeem(member=member, actor=operations_user, reason="Departure")
    services.departed_capital_redeem(member=member, actor=board_user, reason="Departure")
    with pytest.raises(ValidationError):
        services.departed_capital_redeem(member=member, actor=board_user, reason="Twice")


def test_the_desk_link_lists_the_account_and_its_action_pays_it_out(march_books, board_user):
    _adopted(board_user)
    leaver = march_books[0]
    _member(leaver, board_user, departed_days_ago=5)
    [entry] = [entry for entry in desk_for(board_user) if entry.key == "finance.departed_capital"]
    client = Client()
    client.force_login(board_user)
    page = client.get(entry.url)
    assert page.status_code == 200
    [account] = page.context["cl"].result_list
    assert account.member == leaver
    response = client.post(
        reverse("admin:finance_account_changelist"),
        {"action": "pay_out_departed_capital", "_selected_action": [account.pk], "confirm": "yes", "reason": "Paid"},
    )
    assert response.status_code == 302
    assert selectors.capital_balance(leaver) == Decimal("0.00")
