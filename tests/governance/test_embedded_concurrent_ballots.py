"""The embedded SQLite database takes a meeting's worth of ballots cast at the same moment
through the API: every ballot is recorded and no voter gets an error."""

import http.client
import json
import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.test.testcases import LiveServerThread
from rest_framework.authtoken.models import Token

from governance.models import Participation
from tests.concurrency import race
from tests.factories import governance as gf

VOTERS = 8

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default is SQLite"),
    pytest.mark.django_db(transaction=True),
]


@contextmanager
def sqlite_file_copy(directory):
    """Copy the (in-memory) test database into a real file and point every new connection at it.

    Only a file database shows how separate connections contend for SQLite's write lock; the
    in-memory test database shares one cache between threads and locks differently.
    """
    path = directory / "embedded.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    # The settings dict is shared with the open in-memory connection of this thread, which is
    # never closed while the name is swapped; threads open their own connection to the file.
    settings_dict = connections.settings["default"]
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield path
    finally:
        settings_dict["NAME"] = in_memory


@contextmanager
def live_server_on_own_connections():
    """A threaded live server whose request threads each open their own database connection."""
    server = LiveServerThread("127.0.0.1", lambda app: app, connections_override=None, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    try:
        yield server.port
    finally:
        server.terminate()


def cast(port: int, path: str, token: str, marks: list[int]) -> int:
    """POST a ballot over a real socket and return the HTTP status."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        client.request(
            "POST",
            path,
            body=json.dumps({"marks": marks}),
            headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
        )
        return client.getresponse().status
    finally:
        client.close()


def test_eight_voters_casting_at_once_are_all_recorded(cooperative, tmp_path):
    # given an open vote and eight owners, each with an API token
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer("president")
    voters = [gf.owner() for _i in range(VOTERS)]
    motion = gf.open_motion(gf.motion(proposer=voters[0]), board=board)
    tokens = [Token.objects.create(user=voter).key for voter in voters]
    marks = gf.yes(motion)

    with sqlite_file_copy(tmp_path), live_server_on_own_connections() as port:
        path = f"/api/motions/{motion.pk}/ballots/"
        # when the eight cast their ballots at the same moment on the file database
        outcomes = race(*[lambda token=token: cast(port, path, token, marks) for token in tokens])
        # then every one was answered 201, none 500
        assert [outcome.value for outcome in outcomes] == [201] * VOTERS
        # and every ballot is in the file database
        (counted,) = race(lambda: Participation.objects.filter(motion=motion).count())
        assert counted.value == VOTERS


def test_the_embedded_database_file_runs_in_wal_mode_and_begins_immediate(tmp_path):
    with sqlite_file_copy(tmp_path):

        def journal_mode():
            with connections["default"].cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                return cursor.fetchone()[0]

        (mode,) = race(journal_mode)
    assert mode.value == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
