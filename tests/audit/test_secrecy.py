"""After a secret vote is closed, no table, history and system columns included, links a voter
to a choice. Built through the services on PostgreSQL, where xmin and ctid exist."""

from __future__ import annotations

import pytest
from django.db import connection

from governance import services
from governance.models import Ballot, Office, Participation
from tests.factories import governance as gf

BALLOT_TABLES = {"governance_ballot", "governance_ballottotal"}


def _all_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


@pytest.mark.django_db(transaction=True)
def test_no_table_links_a_secret_ballot_to_its_voter(cooperative):
    if connection.vendor != "postgresql":
        pytest.skip("xmin and ctid are PostgreSQL system columns")
    # given a secret vote with eight voters, each casting in their own transaction, then closed
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = [gf.owner() for _i in range(8)]
    motion = gf.open_motion(gf.motion(proposer=owners[0], secret=True, title="Secret question"), board=board)
    marks = [gf.yes, gf.no, gf.yes, gf.abstain, gf.no, gf.yes, gf.yes, gf.no]
    for voter, mark in zip(owners, marks, strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=mark(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    receipts = set(Ballot.objects.filter(motion=motion).values_list("receipt", flat=True))
    ballot_ids = {str(pk) for pk in Ballot.objects.filter(motion=motion).values_list("pk", flat=True)}
    voter_ids = {o.pk for o in owners}
    with connection.cursor() as cursor:
        # then the ballot tables hold no voter, person or timestamp column
        for table in BALLOT_TABLES:
            columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            assert not {name for name in columns if any(w in name for w in ("voter", "user", "cast", "_at", "by"))}
        # and every other table, history tables included, holds no ballot id or receipt
        for table in _all_tables():
            if table in BALLOT_TABLES:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 -- table names come from introspection
            text = "\n".join(repr(row) for row in cursor.fetchall())
            leaked = [value for value in receipts | ballot_ids if value in text]
            assert not leaked, f"{table} holds a ballot's id or receipt"
        # and no history row exists for a ballot or a total
        assert not [t for t in _all_tables() if t.startswith("governance_historicalballot")]
        # and system columns: every ballot shares the closing transaction's xmin, none a participation's
        cursor.execute("SELECT DISTINCT xmin::text FROM governance_ballot WHERE motion_id = %s", [motion.pk])
        ballot_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT xmin::text FROM governance_participation WHERE motion_id = %s", [motion.pk])
        participation_xmins = {row[0] for row in cursor.fetchall()}
        assert len(ballot_xmins) == 1 and not ballot_xmins & participation_xmins
        # and the rows in physical (ctid) order are the ballots cast, rewritten at the close
        cursor.execute("SELECT marks FROM governance_ballot WHERE motion_id = %s ORDER BY ctid", [motion.pk])
        physical = [row[0] for row in cursor.fetchall()]
    cast_order = [",".join(str(m) for m in mark(motion)) for mark in marks]
    assert sorted(physical) == sorted(cast_order)
    # and the participations never point at a ballot in a secret vote
    assert not Participation.objects.filter(motion=motion, ballot__isnull=False).exists()
    assert voter_ids == set(Participation.objects.filter(motion=motion).values_list("voter_id", flat=True))
