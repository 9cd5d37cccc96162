"""Shares are issued and redeemed by the cooperative only, at par, within the per-owner cap."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from membership import selectors, services
from membership.models import Member, ShareTransaction
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set


def test_purchase_is_issued_at_par_and_the_holding_follows_the_ledger(cooperative, board_user):
    # Given an owner and a par value of 25
    policy_set("share_par_value", "25.00")
    member = member_create(status=Member.Status.OWNER)
    # When the Board issues 3 shares
    tx = services.share_purchase(member=member, quantity=3, actor=board_user, reason="Paid in cash")
    # Then the ledger holds the issue at par and every derived figure agrees
    assert (tx.kind, tx.change, tx.balance_after, tx.amount) == ("issue", 3, 3, Decimal("75.00"))
    member.refresh_from_db()
    assert member.share_balance == selectors.shares_held(member) == 3
    assert selectors.shares_outstanding() == 3
    assert selectors.capital_account(member).total == Decimal("75.00")
    assert not selectors.ledger_mismatches().exists()


def test_over_the_count_cap_is_refused_with_the_rule_named(cooperative):
    policy_set("share_cap_count", 5)
    member = member_create(shares=4)
    with pytest.raises(ValidationError) as error:
        services.share_purchase(member=member, quantity=2, actor=role_officer(), reason="x")
    assert "Share cap (count)" in error.value.message_dict["quantity"][0]
    assert selectors.shares_held(member) == 4


def test_over_the_percentage_cap_is_refused_once_enough_owners_hold_shares(cooperative):
    # Given a 25 % cap and four holders of 2 shares each (8 outstanding)
    policy_set("share_cap_percent", "25")
    holders = [member_create(shares=2) for _ in range(4)]
    # When one of them asks for 2 more (4 of 10 = 40 %), it is refused; 1 more (3 of 9 = 33 %) too
    for quantity in (2, 1):
        with pytest.raises(ValidationError) as error:
            services.share_purchase(member=holders[0], quantity=quantity, actor=role_officer(), reason="x")
        assert "% of outstanding" in error.value.message_dict["quantity"][0]
    # Then a newcomer buying 2 (2 of 10 = 20 %) is within the cap
    services.share_purchase(member=member_create(), quantity=2, actor=role_officer(), reason="x")
    assert selectors.shares_outstanding() == 10


def test_redemption_beyond_the_holding_is_refused(cooperative):
    member = member_create(shares=2)
    with pytest.raises(ValidationError) as error:
        services.share_redeem(member=member, quantity=3, actor=role_officer(), reason="x")
    assert "holds only 2" in error.value.message_dict["quantity"][0]
    assert ShareTransaction.objects.count() == 1


@pytest.mark.parametrize("quantity", [0, -1, True, "3"])
def test_zero_negative_or_non_integer_quantities_are_refused(cooperative, quantity):
    member = member_create()
    with pytest.raises(ValidationError) as error:
        services.share_purchase(member=member, quantity=quantity, actor=role_officer(), reason="x")
    assert "quantity" in error.value.message_dict
    assert not ShareTransaction.objects.exists()


@pytest.mark.parametrize("status", [Member.Status.DEPARTED, Member.Status.APPLICANT, Member.Status.SUSPENDED])
def test_only_provisional_owners_and_owners_buy(cooperative, status):
    member = member_create(status=status)
    with pytest.raises(ValidationError) as error:
        services.share_purchase(member=member, quantity=1, actor=role_officer(), reason="x")
    assert "Only provisional owners and owners" in error.value.message_dict["member"][0]
    assert not ShareTransaction.objects.filter(member=member, kind="issue").exists()


def test_the_ledger_is_append_only(cooperative):
    tx = services.share_purchase(member=member_create(), quantity=1, actor=role_officer(), reason="x")
    tx.quantity = 50
    with pytest.raises(ValidationError):
        tx.save()
    with pytest.raises(ValidationError):
        tx.delete()
    assert ShareTransaction.objects.get().quantity == 1


def test_no_transfer_between_members_exists():
    assert set(ShareTransaction.Kind.values) == {"issue", "redemption"}


def test_holdings_for_all_members_come_from_one_aggregate_query(cooperative, django_assert_num_queries):
    for n in (1, 2, 3):
        member_create(shares=n)
    policy_value_query = 1
    with django_assert_num_queries(1 + policy_value_query):
        rows = list(selectors.share_holdings().values_list("shares", "capital"))
    assert sorted(rows) == [(1, Decimal("100")), (2, Decimal("200")), (3, Decimal("300"))]


def test_a_request_approved_by_the_board_issues_the_shares(cooperative, board_user):
    member = member_create()
    request = services.share_request_submit(
        member=member, kind="purchase", quantity=2, actor=member.user, reason="Saving up"
    )
    approved = services.share_request_approve(share_request=request, actor=board_user, reason="Paid")
    assert approved.status == "approved" and approved.decided_by == board_user
    assert approved.transactions.get().quantity == 2
    with pytest.raises(ValidationError):
        services.share_request_reject(share_request=approved, actor=board_user, reason="Changed mind")


def test_an_over_cap_request_is_refused_at_approval_and_nothing_is_written(cooperative, board_user):
    policy_set("share_cap_count", 3)
    member = member_create()
    request = services.share_request_submit(member=member, kind="purchase", quantity=3, actor=member.user, reason="x")
    services.share_purchase(member=member, quantity=1, actor=role_officer(), reason="meanwhile")
    with pytest.raises(ValidationError):
        services.share_request_approve(share_request=request, actor=board_user, reason="ok")
    request.refresh_from_db()
    assert request.status == "pending" and selectors.shares_held(member) == 1


def test_a_rejection_keeps_the_board_reason(cooperative, board_user):
    member = member_create(shares=1)
    request = services.share_request_submit(member=member, kind="redemption", quantity=1, actor=member.user, reason="x")
    rejected = services.share_request_reject(share_request=request, actor=board_user, reason="Capital is short")
    assert rejected.status == "rejected" and rejected.decision_note == "Capital is short"
    assert selectors.shares_held(member) == 1
