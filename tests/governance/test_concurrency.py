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
