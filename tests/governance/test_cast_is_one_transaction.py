"""Casting a ballot is one transaction: should anything fail after the ballot and the
participation are written (here, adding to the running total), neither stays. Run outside the
test's own transaction, so that a cast that is not atomic leaves its rows behind."""

from unittest import mock

import pytest

from governance import services
from governance.models import Ballot, Office, Participation
from tests.factories import governance as gf

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_cast_that_fails_at_the_end_leaves_no_ballot_and_no_participation(cooperative):
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = [gf.owner() for _i in range(5)]
    motion = gf.open_motion(gf.motion(proposer=owners[0], secret=True), board=board)
    with (
        mock.patch("governance.services.ballots._add_to_total", side_effect=RuntimeError("total unavailable")),
        pytest.raises(RuntimeError),
    ):
        services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.yes(motion))
    assert not Ballot.objects.filter(motion=motion).exists()
    assert not Participation.objects.filter(motion=motion).exists()
