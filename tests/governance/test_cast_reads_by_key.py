"""A cast reads the voter's roll entry and the ballot's choices by their keys alone: no join of the
motion or the accounts, no ordering, so the lookup stays an index probe on a roll of any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import services
from tests.factories import governance as gf

pytestmark = pytest.mark.django_db


def test_the_roll_and_the_choices_are_read_by_key(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    marks = gf.yes(motion)
    with CaptureQueriesContext(connection) as captured:
        services.ballot_cast(motion=motion, cast_by=owners[1], marks=marks)
    reads = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT")
        and ('FROM "governance_rollentry"' in q["sql"] or 'FROM "governance_choice"' in q["sql"])
    ]
    assert len(reads) == 2, reads
    for sql in reads:
        assert " JOIN " not in sql and "ORDER BY" not in sql, sql
