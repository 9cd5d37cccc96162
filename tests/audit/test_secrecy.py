"""After a secret vote is closed, no table, history and system columns included, links a voter
to a choice. Built through the services on PostgreSQL, where xmin and ctid exist."""

from __future__ import annotations

from itertools import combinations

import pytest
from django.db import DatabaseError, connection

from governance import services
from governance.models import Ballot, BallotTotal, Motion, Office, Participation, RollEntry
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


def _kendall_tau(positions: list[int]) -> float:
    """Return Kendall's tau between row order and `positions`: 1 same order, -1 reversed, near 0 unrelated."""
    n = len(positions)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    return sum(1 if positions[i] < positions[j] else -1 for i, j in pairs) / len(pairs)


def _marks_in_row_orders(table: str, motion_id: int) -> dict[str, list[str]]:
    """Return the marks of a motion's rows in every order the table offers: by primary key, by
    receipt, in physical order, and with no ORDER BY at all (what a plain scan returns)."""
    physical = "ctid" if connection.vendor == "postgresql" else "rowid"
    orders = {"primary key": "id", "physical": physical, "none": ""}
    if table == "governance_ballot":
        orders["receipt"] = "receipt"
    found = {}
    with connection.cursor() as cursor:
        for name, column in orders.items():
            order_by = f" ORDER BY {column}" if column else ""
            cursor.execute(f"SELECT marks FROM {table} WHERE motion_id = %s{order_by}", [motion_id])  # noqa: S608
            found[name] = [row[0] for row in cursor.fetchall()]
    return found


VOTERS = 40
# Above this, a row order is still tied to the casting order. A random order of 40 rows has a
# tau with standard deviation 0.11, and 0.6 is more than five of them: the fourteen checks of a
# sound close fail together less than once in a million runs, while any surviving order (a tau
# of 1 or -1) fails every time.
TAU_LIMIT = 0.6


@pytest.mark.django_db(transaction=True)
def test_after_the_close_no_row_order_follows_the_casting_order(cooperative):
    # given a secret approval election in which forty voters, each in their own transaction and
    # in an order unlike the roll's, cast forty different ballots in a fixed pattern
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    candidates = [gf.owner() for _i in range(6)]
    voters = [gf.owner() for _i in range(VOTERS)]
    motion = gf.election(proposer=board, board=board, candidates=candidates, method=Motion.Method.APPROVAL, secret=True)
    choice_ids = sorted(motion.choices.values_list("pk", flat=True))
    subsets = sorted((c for n in range(1, 7) for c in combinations(choice_ids, n)), key=lambda c: (len(c), c))
    cast_order = voters[1::2] + voters[0::2]
    for voter, marks in zip(cast_order, subsets, strict=False):
        services.ballot_cast(motion=motion, cast_by=voter, marks=list(marks))
    cast_position = {",".join(map(str, marks)): i for i, marks in enumerate(subsets[:VOTERS])}
    roll = RollEntry.objects.filter(motion=motion).order_by("pk").values_list("voter_id", flat=True)
    roll_index = {voter_id: i for i, voter_id in enumerate(roll)}
    roll_position = {",".join(map(str, marks)): roll_index[v.pk] for v, marks in zip(cast_order, subsets, strict=False)}
    # and the casting order is on record elsewhere: participations and their history keep it
    by_time = list(
        Participation.objects.filter(motion=motion).order_by("cast_at", "pk").values_list("voter_id", flat=True)
    )
    by_history = list(
        Participation.history.filter(motion_id=motion.pk, history_type="+")
        .order_by("history_id")
        .values_list("voter_id", flat=True)
    )
    assert by_time == by_history == [v.pk for v in cast_order]
    ids_while_open = set(Ballot.objects.filter(motion=motion).values_list("pk", flat=True))
    total_ids_while_open = set(BallotTotal.objects.filter(motion=motion).values_list("pk", flat=True))
    # when the vote closes
    services.motion_close(motion=motion, actor=board, reason="close")
    # then neither ballots nor totals, in any order the tables offer, follow the casting order
    # or the roll's
    for table in BALLOT_TABLES:
        for order, marks in _marks_in_row_orders(table, motion.pk).items():
            assert sorted(marks) == sorted(cast_position), f"{table} lost or gained rows"
            for against, position in (("casting", cast_position), ("roll", roll_position)):
                tau = _kendall_tau([position[m] for m in marks])
                assert abs(tau) < TAU_LIMIT, f"{table} by {order} follows the {against} order (tau {tau:.2f})"
    # and no row keeps the id it had while the vote was open, so nothing seen then names a row now
    assert not ids_while_open & set(Ballot.objects.filter(motion=motion).values_list("pk", flat=True))
    assert not total_ids_while_open & set(BallotTotal.objects.filter(motion=motion).values_list("pk", flat=True))
    # and the ballot tables hold nothing that could carry an order: no timestamp, no sequence
    with connection.cursor() as cursor:
        columns = {
            table: {c.name for c in connection.introspection.get_table_description(cursor, table)}
            for table in BALLOT_TABLES
        }
    assert columns == {
        "governance_ballot": {"id", "motion_id", "marks", "receipt"},
        "governance_ballottotal": {"id", "motion_id", "marks", "weight", "ballots"},
    }


def _page_tuples(cursor, table: str) -> list[tuple[str | None, int]]:
    """Return (xmin, line pointer state) of every tuple in `table`'s pages, deleted ones included."""
    cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
    pages = cursor.fetchone()[0]
    found = []
    for page in range(pages):
        cursor.execute("SELECT t_xmin::text, lp_flags FROM heap_page_items(get_raw_page(%s, %s))", [table, page])
        found += cursor.fetchall()
    return found


@pytest.mark.django_db(transaction=True)
def test_the_rows_a_close_deleted_do_not_linger_in_the_table_pages(cooperative):
    if connection.vendor != "postgresql":
        pytest.skip("dead tuples and pageinspect are PostgreSQL's")
    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        except DatabaseError:
            pytest.skip("pageinspect is not installed, or this role may not create it")
    # given a secret vote whose eight ballots were each cast in their own transaction
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = [gf.owner() for _i in range(8)]
    motion = gf.open_motion(gf.motion(proposer=owners[0], secret=True, title="Secret question"), board=board)
    for voter, mark in zip(owners, [gf.yes, gf.no] * 4, strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=mark(motion))
    # (a ballot's xmin is its casting transaction's; the participation's, its savepoint's)
    casting_xmins = set()
    with connection.cursor() as cursor:
        for table in [*BALLOT_TABLES, "governance_participation"]:
            cursor.execute(f"SELECT xmin::text FROM {table} WHERE motion_id = %s", [motion.pk])  # noqa: S608
            casting_xmins |= {row[0] for row in cursor.fetchall()}
    # when the vote closes (the ballots are deleted and written again in the closing transaction)
    services.motion_close(motion=motion, actor=board, reason="close")
    # then no tuple left in the ballot tables' pages, live or deleted, carries a casting
    # transaction's xmin, and only the live rows hold data
    with connection.cursor() as cursor:
        for table in BALLOT_TABLES:
            tuples = _page_tuples(cursor, table)
            assert not {xmin for xmin, _state in tuples} & casting_xmins, f"{table} keeps rows as they were cast"
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 -- a fixed table name
            assert sum(1 for xmin, _state in tuples if xmin is not None) == cursor.fetchone()[0]
