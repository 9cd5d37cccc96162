"""Parallel casting by the same voter on PostgreSQL yields exactly one ballot."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from governance import services
from governance.models import Ballot, Office, Participation
from tests.factories import governance as gf

THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_parallel_ballots_by_one_voter_yield_exactly_one(cooperative):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    # given an open secret vote
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = [gf.owner() for _i in range(5)]
    motion = gf.open_motion(gf.motion(proposer=owners[0], secret=True), board=board)
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def cast():
        try:
            barrier.wait()
            services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
            outcomes.append("cast")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    # when the same voter casts from six connections released together
    threads = [threading.Thread(target=cast) for _i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly one ballot exists and every other attempt got a clear refusal
    assert sorted(outcomes) == ["cast"] + ["refused"] * (THREADS - 1)
    assert Participation.objects.filter(motion=motion).count() == 1
    assert Ballot.objects.filter(motion=motion).count() == 1
    assert motion.ballot_totals.get(marks=str(gf.yes(motion)[0])).ballots == 1
