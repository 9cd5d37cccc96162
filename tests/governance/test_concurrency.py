"""Parallel casting by the same voter on PostgreSQL yields exactly one ballot."""

import pytest

from governance import services
from governance.models import Ballot, Office, Participation
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories import governance as gf

THREADS = 6


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_ballots_by_one_voter_yield_exactly_one(cooperative):
    # given an open secret vote
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = [gf.owner() for _i in range(5)]
    motion = gf.open_motion(gf.motion(proposer=owners[0], secret=True), board=board)

    def cast():
        return services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))

    # when the same voter casts from six connections released together
    outcomes = race(*[cast] * THREADS)
    # then exactly one ballot exists and every other attempt got a clear refusal
    assert verdicts(outcomes) == ["ok"] + ["refused"] * (THREADS - 1)
    assert Participation.objects.filter(motion=motion).count() == 1
    assert Ballot.objects.filter(motion=motion).count() == 1
    assert motion.ballot_totals.get(marks=str(gf.yes(motion)[0])).ballots == 1


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_ballots_racing_the_close_are_counted_or_refused_never_left_over(cooperative):
    # given an open secret vote and owners ready to cast while the Board closes it
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = [gf.owner() for _i in range(THREADS)]
    motion = gf.open_motion(gf.motion(proposer=owners[0], secret=True), board=board)

    def cast(owner):
        return lambda: services.ballot_cast(motion=motion, cast_by=owner, marks=gf.yes(motion))

    def close():
        return services.motion_close(motion=motion, actor=board, reason="Time is up")

    # when the casts and the close are released together
    outcomes = race(close, *[cast(owner) for owner in owners])
    # then the close succeeded and each cast was either counted or refused as closed
    assert outcomes[0].verdict == "ok"
    assert all(outcome.verdict in {"ok", "refused"} for outcome in outcomes[1:])
    accepted = sum(outcome.verdict == "ok" for outcome in outcomes[1:])
    result = outcomes[0].value
    # and every accepted ballot, and no other, is in the count, the tables and the running totals
    assert result.participants == accepted
    assert Participation.objects.filter(motion=motion).count() == accepted
    assert Ballot.objects.filter(motion=motion).count() == accepted
    assert sum(motion.ballot_totals.values_list("ballots", flat=True)) == accepted


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_proxy_revoked_while_its_holder_casts_either_cast_or_was_revoked_never_both(cooperative):
    # given an owner who named a proxy for one open vote
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    grantor, holder = gf.owner(), gf.owner()
    motion = gf.open_motion(gf.motion(proposer=grantor), board=board)
    proxy = services.proxy_grant(grantor=grantor, holder=holder, motion=motion, actor=grantor, reason="away")

    def cast():
        return services.ballot_cast(motion=motion, cast_by=holder, on_behalf_of=grantor, marks=gf.yes(motion))

    def revoke():
        return services.proxy_revoke(proxy=proxy, actor=grantor, reason="back after all")

    # when the holder casts and the grantor revokes at the same moment
    cast_outcome, revoke_outcome = race(cast, revoke)
    # then exactly one of them took effect, and the proxy's state says which
    assert sorted([cast_outcome.verdict, revoke_outcome.verdict]) == ["ok", "refused"]
    proxy.refresh_from_db()
    used = Participation.objects.filter(motion=motion, voter=grantor, proxy=proxy).exists()
    assert (proxy.status, used) in {(proxy.Status.USED, True), (proxy.Status.REVOKED, False)}
    assert used == (cast_outcome.verdict == "ok")
