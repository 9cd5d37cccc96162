"""The per-owner cap holds when purchases race on parallel PostgreSQL connections."""

import pytest

from membership import selectors, services
from membership.models import Member, ShareTransaction
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories.coop import cooperative_create, role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = [pytest.mark.postgres, needs_postgres, pytest.mark.django_db(transaction=True)]


def _buy_at_once(members: list[Member], quantity: int) -> list[str]:
    """Issue `quantity` shares to each of `members` from parallel connections; return the verdicts."""
    return verdicts(
        race(
            *[
                lambda m=m: services.share_purchase(member=m, quantity=quantity, actor=role_officer(), reason="race")
                for m in members
            ]
        )
    )


def test_parallel_purchases_never_take_an_owner_over_the_count_cap():
    # Given a cap of 10 shares and one owner holding none
    cooperative_create()
    policy_set("share_cap_count", 10)
    policy_set("share_cap_percent", 0)
    member = member_create()
    # When eight connections each try to issue 3 shares to that owner at the same moment
    outcomes = _buy_at_once([member] * 8, 3)
    # Then exactly three succeed, the others are refused, and the holding stops at 9, equal to the ledger
    assert outcomes == ["ok"] * 3 + ["refused"] * 5
    member.refresh_from_db()
    assert member.share_balance == selectors.shares_held(member) == 9
    assert ShareTransaction.objects.count() == 3


def test_parallel_purchases_by_different_owners_respect_the_percentage_cap():
    # Given a 50 % cap, two holders of 1 share each, and four newcomers racing for 2 shares each
    cooperative_create()
    policy_set("share_cap_count", 0)
    policy_set("share_cap_percent", 50)
    member_create(shares=1)
    member_create(shares=1)
    racers = [member_create() for _ in range(4)]
    outcomes = _buy_at_once(racers, 2)
    # Then every issue was checked against the register as it stood after the previous one
    holdings = list(selectors.share_holdings().values_list("shares", flat=True))
    total = sum(holdings)
    assert all(h * 100 <= 50 * total for h in holdings)
    assert outcomes.count("ok") == (total - 2) // 2 and set(outcomes) <= {"ok", "refused"}
    assert not selectors.ledger_mismatches().exists()
