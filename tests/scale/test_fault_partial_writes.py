"""The database dropping mid-request leaves no partial write: every request is one transaction."""

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client

from governance.models import Ballot, BallotTotal, Participation
from governance.services import ballots as ballot_services
from tests.factories import governance as gf

pytestmark = pytest.mark.django_db(transaction=True)


def _cast(voter, motion) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(voter)
    return client


def _nothing_recorded(motion) -> bool:
    totals = BallotTotal.objects.filter(motion=motion).values_list("ballots", flat=True)
    return (
        not Participation.objects.filter(motion=motion).exists()
        and not Ballot.objects.filter(motion=motion).exists()
        and not any(totals)
    )


def test_failure_after_the_first_write_leaves_nothing_behind(board, owners, monkeypatch):
    # Given an open vote, and a database that fails right after the participation row is written
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    client = _cast(owners[1], motion)

    def drop(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(ballot_services, "_receipt", drop)
    # When the owner casts a ballot through the API
    response = client.post(
        f"/api/motions/{motion.pk}/ballots/", {"marks": gf.yes(motion)}, content_type="application/json"
    )
    # then the request fails and neither the participation nor a ballot nor a total was kept
    assert response.status_code == 500
    assert _nothing_recorded(motion)
    # and once the database is back, the same owner casts their ballot normally
    monkeypatch.undo()
    response = client.post(
        f"/api/motions/{motion.pk}/ballots/", {"marks": gf.yes(motion)}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Participation.objects.filter(motion=motion).count() == Ballot.objects.filter(motion=motion).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL backend with pg_terminate_backend")
def test_killed_connection_mid_request_leaves_nothing_behind(board, owners, monkeypatch):
    # Given an open vote
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    client = _cast(owners[1], motion)
    real_receipt = ballot_services._receipt
    params = connection.get_connection_params()

    def kill_own_backend():
        # The participation row is written; now the server ends this request's connection.
        pid = connection.connection.info.backend_pid
        with psycopg.connect(**params, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return real_receipt()

    monkeypatch.setattr(ballot_services, "_receipt", kill_own_backend)
    # When the owner casts a ballot and the connection dies half-way
    response = client.post(
        f"/api/motions/{motion.pk}/ballots/", {"marks": gf.yes(motion)}, content_type="application/json"
    )
    # then the request fails, and a fresh connection finds nothing of it
    assert response.status_code == 500
    connection.close()
    assert _nothing_recorded(motion)
