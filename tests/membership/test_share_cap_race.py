"""The per-owner cap holds when purchases race on parallel PostgreSQL connections."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from membership import selectors, services
from membership.models import Member, ShareTransaction
from tests.factories.coop import cooperative_create
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db(transaction=True)


def _race(members: list[Member], quantity: int) -> list[str]:
    barrier = threading.Barrier(len(members))
    outcomes: list[str] = []

    def buy(member):
        try:
            barrier.wait()
            services.share_purchase(member=member, quantity=quantity, actor=None, reason="race")
            outcomes.append("issued")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_parallel_purchases_never_take_an_owner_over_the_count_cap():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; only PostgreSQL can show the race.")
    # Given a cap of 10 shares and one owner holding none
    cooperative_create()
    policy_set("share_cap_count", 10)
    policy_set("share_cap_percent", 0)
    member = member_create()
    # When eight connections each try to issue 3 shares to that owner at the same moment
    outcomes = _race([member] * 8, 3)
    # Then exactly three succeed and the holding stops at 9, equal to the ledger
    assert outcomes.count("issued") == 3
    member.refresh_from_db()
    assert member.share_balance == selectors.shares_held(member) == 9
    assert ShareTransaction.objects.count() == 3


def test_parallel_purchases_by_different_owners_respect_the_percentage_cap():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; only PostgreSQL can show the race.")
    # Given a 50 % cap, two holders of 1 share each, and four newcomers racing for 2 shares each
    cooperative_create()
    policy_set("share_cap_count", 0)
    policy_set("share_cap_percent", 50)
    member_create(shares=1)
    member_create(shares=1)
    racers = [member_create() for _ in range(4)]
    outcomes = _race(racers, 2)
    # Then every issue was checked against the register as it stood after the previous one
    holdings = list(selectors.share_holdings().values_list("shares", flat=True))
    total = sum(holdings)
    assert all(h * 100 <= 50 * total for h in holdings)
    assert outcomes.count("issued") == (total - 2) // 2
    assert not selectors.ledger_mismatches().exists()
