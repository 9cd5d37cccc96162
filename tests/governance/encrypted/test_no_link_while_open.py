"""While an encrypted vote is open, nothing the database holds links a voter to a choice.

What is protected, and from whom: how each member voted, from whoever reads the database while
the vote runs (the database administrator, a backup or `pg_dump`, a replica), system columns
(`xmin`, `ctid`) and history tables included. The database does say who took part, and even which
ciphertext is whose (the voter id is on the ballot, by design, for the record), but every mark is
ElGamal-encrypted under the trustees' joint key, and the server holds no share of its secret. Only
k of the n trustees together can decrypt, and the protocol has them decrypt the totals only, after
the close.

The proof is indistinguishability. One open vote is built (ceremony, roll, voter ids) and copied
as a PostgreSQL template, so the two databases start byte for byte the same. The same voters then
cast in the same order in both, except that voter A votes yes and voter B no in the first, and A
no and B yes in the second. Every table, history tables and `xmin` / `ctid` included, and a
`pg_dump` of each database, read the same in both once what is random by construction is replaced
(see `_normalised`). Whatever a reader of one copy could conclude about A's choice, the other copy
would show them the same, with the opposite choice. The checks after it say the same directly, and
a control decrypts the dumped ballots with the trustees' joint secret to show the ballots are all
there: it is the key, which no table holds, that stands between the dump and the choices.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection

from governance.models import (
    Ballot,
    BallotTotal,
    EncryptedBallot,
    EncryptedVoter,
    Participation,
    RollEntry,
    SealedShare,
)
from governance.services.encrypted_phases import QUESTION
from secret_ballot.ballot import ciphertext_from_json
from secret_ballot.group import L, base_mult, mult, scalar_hex, sub
from secret_ballot.trustees import lagrange_at_zero, open_share
from tests.factories import governance as gf

from . import world

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin, ctid and pg_dump are PostgreSQL's"),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not on the PATH"),
    pytest.mark.django_db(transaction=True),  # committed rows, which pg_dump and a second database see
]

YES, NO, ABSTAIN = [1, 0], [0, 1], [0, 0]  # one 0/1 mark per choice of the manifest: ["yes", "no"]
HEX64 = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[+-]\d{2}(?::?\d{2})?|Z)?")
# pg_dump 15.14 and later guard the script with `\restrict <random key>` / `\unrestrict <key>`.
RESTRICT_KEY = re.compile(r"^(\\(?:un)?restrict) \S+$", re.MULTILINE)


def _normalised(text: str) -> str:
    """What is left of a dump or a table reading once what is random by construction is replaced.

    * Every 64-hex-digit value (a point or a scalar of a ciphertext or a proof, a tracking code, a
      chain hash) is renamed by its first appearance: `<h0>`, `<h1>`, ... Those of the cast ballots
      are fresh random values in each run; the others (public key, hashes, dealings) are the same in
      both copies and are renamed alike. Renaming, rather than erasing, keeps which value recurs
      where, so a tracking code copied next to a voter would still be seen as a repeat.
    * Timestamps (`cast_at`, `history_date`, the outbox's times) say when each cast happened: the
      same voters cast in the same order in both runs, so they carry nothing about the choice, and
      only differ by the clock.
    Nothing else is touched: voter ids (32 hex digits, fixed at the opening, so the same in both
    copies), primary keys and sequences, user and choice ids, labels and the physical row order
    are compared as they are.
    """
    names: dict[str, str] = {}
    text = HEX64.sub(lambda m: names.setdefault(m.group(0), f"<h{len(names)}>"), text)
    return TIMESTAMP.sub("<time>", text)


def _public_tables(cursor) -> list[str]:
    """Every ordinary or partitioned table of the public schema, from the catalogue."""
    cursor.execute(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
        "AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )
    return [row[0] for row in cursor.fetchall()]


def _read_every_table() -> dict[str, list[tuple[str, str, str]]]:
    """Every row of every table, in physical order, as (xmin, ctid, the row as text)."""
    with connection.cursor() as cursor:
        reading = {}
        for table in _public_tables(cursor):
            cursor.execute(f'SELECT xmin::text, ctid::text, t::text FROM "{table}" t ORDER BY ctid')  # noqa: S608 -- names from pg_class
            reading[table] = cursor.fetchall()
    return reading


def _reading_normalised(reading) -> str:
    """The reading as one text, `xmin` replaced by its rank among the reading's transaction ids.

    Transaction ids are one counter for the whole server: the second copy's casts get later ids
    than the first's. Their rank keeps what they can tell (which rows one transaction wrote, in
    which order the transactions ran) and drops how far the counter had gone. `ctid` is kept as is:
    the physical place of each row is compared between the runs.
    """
    ranks = {xid: f"x{i}" for i, xid in enumerate(sorted({int(x) for rows in reading.values() for x, *_ in rows}))}
    lines = [
        f"{table}\t{ranks[int(xmin)]}\t{ctid}\t{row}" for table, rows in reading.items() for xmin, ctid, row in rows
    ]
    return _normalised("\n".join(lines))


def _dump() -> str:
    """A full `pg_dump` (schema and data) of the database Django is connected to."""
    settings = connection.settings_dict
    command = ["pg_dump", "--no-owner", "--no-privileges", "--dbname", settings["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command += [option, str(settings[key])]
    env = {"PATH": os.environ["PATH"], "PGPASSWORD": settings.get("PASSWORD") or ""}
    return subprocess.run(command, capture_output=True, text=True, check=True, env=env, timeout=120).stdout  # noqa: S603


def _server():
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def _end_other_sessions(server, database: str) -> None:
    """Leave this test the template's only session. The test database is this worker's alone, so
    any other session on it is a connection an earlier test's thread left open: it is given two
    seconds to close by itself (a finished thread's connection closes when it is collected), then
    ended, and ending takes a moment too."""
    gc.collect()
    others = "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
    end_them = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
    for attempt in range(100):
        if not server.execute(others, [database]).fetchall():
            return
        if attempt == 20:
            server.execute(end_them, [database])
        time.sleep(0.1)


@contextmanager
def _copy_of_the_test_database():
    """Connect Django, for the block, to a copy of the test database as it is now (CREATE DATABASE
    ... TEMPLATE copies its files: same rows, same pages, same sequences); dropped afterwards."""
    original = connection.settings_dict["NAME"]
    copy = f"{original}_swapped"
    connection.close()  # a template must have no other session
    with _server() as server:
        _end_other_sessions(server, original)
        server.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        server.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{original}"')
    connection.settings_dict["NAME"] = copy
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        with _server() as server:
            server.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def _cast_all(motion, election, order) -> None:
    cache.clear()  # both runs start with the same cache, so they read and write the same rows
    for voter, marks in order:
        world.cast(motion, election, voter, marks)


def _what_the_database_shows() -> tuple[dict, str, str]:
    reading = _read_every_table()
    return reading, _reading_normalised(reading), _dump()


def _leaves(value):
    """Every scalar inside a JSON value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _rows_as_json(table: str) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT xmin::text, to_jsonb(t)::text FROM "{table}" t ORDER BY ctid')  # noqa: S608 -- model tables
        return [{"xmin": xmin, **json.loads(row)} for xmin, row in cursor.fetchall()]


def _choice_columns(table: str) -> list[str]:
    """The columns of `table` that reference a choice (none expected on a voter's rows)."""
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, table)
    return [column for column, (_target_column, target) in relations.items() if target == "governance_choice"]


def _decrypted_marks(ballot: dict, secret: int) -> list[int]:
    """What only the joint secret reads: g^m = beta / alpha^x, so m is 1 when it is g and 0 when
    it is the identity (written additively by libsodium: beta - x * alpha)."""
    marks = []
    for mark in ballot["answers"][0]["marks"]:
        ciphertext = ciphertext_from_json({"alpha": mark["alpha"], "beta": mark["beta"]}, "mark")
        marks.append(1 if sub(ciphertext.beta, mult(secret, ciphertext.alpha)) == base_mult(1) else 0)
    return marks


ENCRYPTED_BALLOT_COLUMNS = {"id", "election_id", "voter_id", "ballot", "tracking_code", "position", "chain_hash"}


def _only_ciphertexts(ballot: dict, voter_id: str) -> bool:
    """True when every value of an encrypted ballot is the question's id, the voter's id or a
    64-hex-digit point or scalar: no mark, no choice, no count in clear."""
    return all(
        leaf in {QUESTION, voter_id} or (isinstance(leaf, str) and HEX64.fullmatch(leaf)) for leaf in _leaves(ballot)
    )


def _check_directly(motion, election, order, private, joint_secret, reading, dump) -> int:
    """The same conclusion, table by table, in the database Django is connected to; returns the
    number of voters whose rows were checked."""
    choices = list(motion.choices.all())
    in_clear = {str(c.pk) for c in choices} | {c.label for c in choices} | {c.meaning for c in choices}
    in_clear |= {label.lower() for label in in_clear}
    # no ballot in clear exists for the motion: no Ballot row, and the running totals made at the
    # opening (for a vote in clear) are untouched, so no total moves with a cast
    assert not Ballot.objects.filter(motion=motion).exists()
    assert set(BallotTotal.objects.filter(motion=motion).values_list("weight", "ballots")) == {(0, 0)}
    assert not Participation.objects.filter(motion=motion, ballot__isnull=False).exists()
    # every row tied to a voter (roll entry, voter id, participation, their history, the encrypted
    # ballot) holds no choice's id, label or meaning as a value, and none references a choice
    voter_tables = [
        model._meta.db_table
        for model in (
            RollEntry,
            RollEntry.history.model,
            Participation,
            Participation.history.model,
            EncryptedVoter,
            EncryptedBallot,
        )
    ]
    for table in voter_tables:
        assert not _choice_columns(table), f"{table} can point at a choice"
        for row in _rows_as_json(table):
            leaked = {leaf for leaf in _leaves(row) if isinstance(leaf, str) and leaf in in_clear}
            assert not leaked, f"{table} holds a choice in clear: {leaked}"
    # the rows written with each participation by the same (sub)transaction, so with the same
    # xmin, are its history row and exactly one encrypted ballot: the voter's own, as the voter id
    # on it says openly. That link is by design (the record lists each voter id's ballot); what it
    # reaches is only ciphertexts and proofs, never a mark, and no other table has a row then.
    voter_ids = dict(EncryptedVoter.objects.values_list("roll_entry__voter_id", "voter_id"))
    ballots = _rows_as_json("governance_encryptedballot")
    assert {b["position"] for b in ballots} == set(range(len(order)))
    written_by = {}
    for table, rows in reading.items():
        for xmin, _ctid, _row in rows:
            written_by.setdefault(xmin, []).append(table)
    participations = [p for p in _rows_as_json(Participation._meta.db_table) if p["motion_id"] == motion.pk]
    assert len(participations) == len(order)
    for participation in participations:
        assert sorted(written_by[participation["xmin"]]) == sorted(
            [Participation._meta.db_table, Participation.history.model._meta.db_table, "governance_encryptedballot"]
        )
        (adjacent,) = [b for b in ballots if b["xmin"] == participation["xmin"]]
        assert adjacent["voter_id"] == voter_ids[participation["voter_id"]]
        assert set(adjacent) - {"xmin"} == ENCRYPTED_BALLOT_COLUMNS
        assert _only_ciphertexts(adjacent["ballot"], adjacent["voter_id"])
    # and in physical (ctid) order the encrypted ballots are the board in casting order: next to
    # one another they show ciphertexts only, as above
    assert [b["position"] for b in ballots] == sorted(b["position"] for b in ballots)
    # the server holds no key that opens a ballot: no box private key, no dealt share, no combined
    # share and not the joint secret appears in the dump or in any table
    everything = (dump + "\n" + "\n".join(row for rows in reading.values() for *_, row in rows)).lower()
    found = [name for name, secret in private.items() if secret in everything]
    assert not found, f"private key material in the database: {found}"
    # control: the dump does hold every ballot, linked to its voter by the voter id; with the
    # joint secret (which k trustees could rebuild, and no table holds) each decrypts to the
    # choice cast in this run. So the sameness of the two runs is not for lack of ballots.
    expected = {voter_ids[voter.pk]: marks for voter, marks in order}
    for ballot in ballots:
        for mark in ballot["ballot"]["answers"][0]["marks"]:
            assert mark["alpha"] in dump and mark["beta"] in dump
        assert _decrypted_marks(ballot["ballot"], joint_secret) == expected[ballot["voter_id"]]
    return len(ballots)


def test_while_an_encrypted_vote_is_open_no_table_or_dump_links_a_voter_to_a_choice(board, owners, trustees):
    # given an open encrypted yes/no vote held by 2 of 3 trustees, its key ceremony done through
    # the services, with each trustee's box key and combined secret known to this test only
    motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees, title="Secret")
    boxes = world.register_keys(election, board)
    world.publish_dealings(election, board, boxes)
    keys = world.trustee_keys(election, boxes)
    gf.open_motion(motion, board=board)
    election.refresh_from_db()
    weights = lagrange_at_zero([1, 2])
    joint_secret = sum(weights[j] * keys[j].secret for j in (1, 2)) % L
    private = {f"box key of trustee {i}": bytes(box).hex() for i, box in boxes.items()}
    private |= {f"combined share of trustee {i}": scalar_hex(key.secret) for i, key in keys.items()}
    private["the joint secret"] = scalar_hex(joint_secret)
    for share in SealedShare.objects.select_related("dealer", "recipient"):
        opened = open_share(
            election.election_id,
            share.dealer.index,
            share.recipient.index,
            bytes.fromhex(share.sealed),
            bytes(boxes[share.recipient.index]),
        )
        private[f"share {share.dealer.index}->{share.recipient.index}"] = scalar_hex(opened)
    # and five voters: A and B swap their choices between the two runs, the others keep theirs
    a, b, *others = owners
    fixed = list(zip(others, [YES, NO, ABSTAIN], strict=True))
    first = [(a, YES), (b, NO), *fixed]
    second = [(a, NO), (b, YES), *fixed]

    # when they cast in the test database, and the same voters in the same order cast in a copy
    # of it made before any ballot, with A's and B's choices swapped; the vote stays open in both
    with _copy_of_the_test_database():
        _cast_all(motion, election, second)
        reading_2, normalised_2, dump_2 = _what_the_database_shows()
        copy_checked = _check_directly(motion, election, second, private, joint_secret, reading_2, dump_2)
    _cast_all(motion, election, first)
    reading_1, normalised_1, dump_1 = _what_the_database_shows()
    checked = _check_directly(motion, election, first, private, joint_secret, reading_1, dump_1)
    assert checked == copy_checked == len(owners)

    # then the two databases differ, in raw form, only by fresh randomness: each ballot's
    # ciphertexts are new (so this is not two equal readings of nothing) ...
    assert reading_1 != reading_2 and dump_1 != dump_2
    assert _normalised_dump(dump_1) != dump_1
    # ... and, once that randomness is renamed and the timestamps and xmin ranks normalised, every
    # table, history tables, xmin and ctid included, and the whole pg_dump read the same whether A
    # voted yes and B no or the other way round: nothing in them tells the two apart, so nothing in
    # them links A or B to a choice. The rows cover the ballots and participations (not vacuous).
    assert len(reading_1["governance_encryptedballot"]) == len(reading_2["governance_encryptedballot"]) == len(owners)
    assert normalised_1 == normalised_2
    # (the normalisation leaves what could name a voter or a choice as it is: the voter ids, the
    # users' ids on the participations, the choices' ids and labels)
    for voter_id in EncryptedVoter.objects.values_list("voter_id", flat=True):
        assert voter_id in normalised_1 and voter_id in _normalised_dump(dump_1)
    for choice in motion.choices.all():
        assert any(
            line.startswith("governance_choice\t") and f"\t({choice.pk}," in line and choice.label in line
            for line in normalised_1.splitlines()
        )
    assert _normalised_dump(dump_1) == _normalised_dump(dump_2)


def _normalised_dump(dump: str) -> str:
    return _normalised(RESTRICT_KEY.sub(r"\1 <key>", dump))
