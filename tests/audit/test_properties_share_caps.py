"""Hypothesis property of the share cap: for any sequence of purchases, redemptions and share
requests, what the membership services accept keeps every owner within the cap, what they refuse
names the field and writes nothing, and the register always equals the sum of its ledger.

The cap as the code defines it (`membership/services/shares.py`): the count cap bounds every
holding at all times, since only a purchase raises a holding and each purchase is checked. The
percentage cap is a purchase rule: the buyer may not end above that share of the shares
outstanding after the purchase, once there are enough holders to obey it at all (ten at 10 %).
Nobody is made to sell, so a holding can stand above the percentage after other owners redeem,
or when the holder that makes the rule bind arrives. There are no transfers: shares pass only
between the cooperative and one member.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop.selectors import policy_value
from membership import selectors, services
from membership.models import Member, ShareRequest, ShareTransaction
from tests.audit.examples import rolled_back, table_state
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db

OWNERS = 11
REGISTER_TABLES = (Member, ShareTransaction, ShareRequest)

quantities = st.one_of(st.integers(1, 6), st.integers(1, 6), st.sampled_from([0, -2, True, "3"]))
members = st.integers(0, OWNERS)  # the last one is an applicant, who holds no shares
purchase = st.tuples(st.just("purchase"), members, quantities)
redeem = st.tuples(st.just("redeem"), members, quantities)
submit = st.tuples(st.just("submit"), members, st.sampled_from(ShareRequest.Kind.values), quantities)
approve = st.tuples(st.just("approve"), st.integers(0, 5))
operations = st.lists(st.one_of(purchase, purchase, redeem, submit, approve), min_size=1, max_size=14)
caps = st.tuples(st.sampled_from([0, 6, 10, 50]), st.sampled_from(["0", "10", "25", "50"]))


def _quantity_broken(quantity) -> bool:
    return isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0


def _purchase_breaks(member: Member, quantity) -> set[str]:
    """Return the fields whose rule a purchase breaks, as the policy numbers state the cap."""
    if _quantity_broken(quantity):
        return {"quantity"}
    if not member.has_rights:
        return {"member"}
    after = member.share_balance + quantity
    cap_count, cap_percent = policy_value("share_cap_count"), policy_value("share_cap_percent")
    if cap_count and after > cap_count:
        return {"quantity"}
    if cap_percent:
        outstanding_after = selectors.shares_outstanding() + quantity
        holders_after = Member.objects.filter(share_balance__gt=0).exclude(pk=member.pk).count() + 1
        binds = holders_after >= math.ceil(Decimal(100) / cap_percent)
        if binds and after * 100 > cap_percent * outstanding_after:
            return {"quantity"}
    return set()


def _redemption_breaks(member: Member, quantity) -> set[str]:
    if _quantity_broken(quantity) or quantity > member.share_balance:
        return {"quantity"}
    return set()


def _attempt(action, broken: set[str]):
    """Run `action`; a refusal must name a broken rule's field and leave the register untouched."""
    before = table_state(*REGISTER_TABLES)
    try:
        result = action()
    except ValidationError as error:
        assert broken, f"a request within the rules was refused: {error.message_dict}"
        assert set(error.message_dict) == broken
        assert table_state(*REGISTER_TABLES) == before
        return None
    assert not broken, f"a request breaking the rule on {broken} was accepted"
    return result


def _assert_register_holds(cap_count: int) -> None:
    balances = dict(Member.objects.values_list("pk", "share_balance"))
    ledger = dict(
        ShareTransaction.objects.values("member").annotate(total=Sum("change")).values_list("member", "total")
    )
    # the register is the ledger: each holding, and the total outstanding
    assert {pk: balance for pk, balance in balances.items() if balance} == {pk: n for pk, n in ledger.items() if n}
    assert sum(balances.values()) == selectors.shares_outstanding()
    assert not selectors.ledger_mismatches().exists()
    # no holding is negative, and none is above the count cap
    assert all(balance >= 0 for balance in balances.values())
    assert not cap_count or max(balances.values()) <= cap_count


def _purchase(owner: Member, quantity, cap_percent: Decimal) -> None:
    owner.refresh_from_db()
    broken = _purchase_breaks(owner, quantity)
    holders_after = Member.objects.filter(share_balance__gt=0).exclude(pk=owner.pk).count() + 1
    tx = _attempt(
        lambda: services.share_purchase(member=owner, quantity=quantity, actor=role_officer(), reason="Property"),
        broken,
    )
    if tx is not None and cap_percent and holders_after >= math.ceil(Decimal(100) / cap_percent):
        # an accepted purchase leaves the buyer within the percentage of what is then outstanding
        assert tx.balance_after * 100 <= cap_percent * selectors.shares_outstanding()


def _redeem(owner: Member, quantity) -> None:
    owner.refresh_from_db()
    broken = _redemption_breaks(owner, quantity)
    _attempt(
        lambda: services.share_redeem(member=owner, quantity=quantity, actor=role_officer(), reason="Property"), broken
    )


def _submit(owner: Member, kind: str, quantity, pending: list[ShareRequest]) -> None:
    owner.refresh_from_db()
    broken = _purchase_breaks(owner, quantity) if kind == "purchase" else _redemption_breaks(owner, quantity)
    request = _attempt(
        lambda: services.share_request_submit(
            member=owner, kind=kind, quantity=quantity, actor=owner.user, reason="Property"
        ),
        broken,
    )
    if request is not None:
        pending.append(request)


def _approve(pending: list[ShareRequest], index: int, cap_percent: Decimal) -> None:
    if not pending:
        return
    request = pending.pop(index % len(pending))
    owner = Member.objects.get(pk=request.member_id)
    # the Board's approval applies the same rules again, to the register as it stands now
    if request.kind == "purchase":
        broken = _purchase_breaks(owner, request.quantity)
    else:
        broken = _redemption_breaks(owner, request.quantity)
    _attempt(
        lambda: services.share_request_approve(share_request=request, actor=role_officer(), reason="Property"), broken
    )


@pytest.fixture
def people(cooperative) -> list[Member]:
    """Eleven owners and an applicant, built once for all the examples: each rolls back its changes."""
    owners = [member_create(status=Member.Status.OWNER) for _i in range(OWNERS)]
    return [*owners, member_create(status=Member.Status.APPLICANT)]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(cap=caps, start=st.lists(st.integers(1, 4), min_size=OWNERS, max_size=OWNERS), operations=operations)
def test_no_owner_goes_over_the_cap_and_the_register_equals_its_ledger(people, cap, start, operations):
    cap_count, cap_percent = cap[0], Decimal(cap[1])
    with rolled_back():
        # given eleven owners and an applicant, a cap, and holdings bought one owner at a time
        policy_set("share_cap_count", cap_count)
        policy_set("share_cap_percent", cap_percent)
        for owner, quantity in zip(people, start, strict=False):
            if quantity:
                _purchase(owner, quantity, cap_percent)
        _assert_register_holds(cap_count)
        # when any sequence of purchases, redemptions and requests is tried
        pending: list[ShareRequest] = []
        for operation in operations:
            kind, args = operation[0], operation[1:]
            if kind == "purchase":
                _purchase(people[args[0]], args[1], cap_percent)
            elif kind == "redeem":
                _redeem(people[args[0]], args[1])
            elif kind == "submit":
                _submit(people[args[0]], args[1], args[2], pending)
            else:
                _approve(pending, args[0], cap_percent)
            # then after every step the cap and the register hold
            _assert_register_holds(cap_count)
