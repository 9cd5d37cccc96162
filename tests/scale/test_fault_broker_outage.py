"""A broker outage while casting a ballot neither loses the ballot nor counts it twice."""

from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from kombu.exceptions import OperationalError

from coop import queue
from coop import tasks as coop_tasks
from governance.models import Ballot, BallotTotal, Participation
from tests.factories import governance as gf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broken_broker():
    """Publishing fails as kombu fails when the broker refuses the connection.

    The failure is injected at the publish call rather than through an unreachable broker URL,
    because Celery keeps producer connections pooled per process: which pool a test meets
    depends on the tests that ran before it in the same worker.
    """
    outage = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch.object(coop_tasks.outbox_run, "delay", side_effect=outage) as publish:
        yield publish


def test_ballot_stands_when_the_broker_is_down(board, owners, broken_broker):
    # Given an open vote and a broker that cannot be reached
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    broken_broker.reset_mock()  # the opening's notice met the outage too; the ballot's is watched
    client = Client()
    client.force_login(owners[1])
    url = f"/api/motions/{motion.pk}/ballots/"
    mail.outbox.clear()
    # When the owner casts a ballot: the commit succeeds, queuing the notice after it fails
    with mock.patch.object(queue.logger, "warning") as warning:
        response = client.post(url, {"marks": gf.yes(motion)}, content_type="application/json")
    # then the ballot is recorded once, the total counts it once, and the failure is only logged
    assert response.status_code == 201, response.content
    assert Participation.objects.filter(motion=motion, voter=owners[1]).count() == 1
    assert Ballot.objects.filter(motion=motion).count() == 1
    assert sum(BallotTotal.objects.filter(motion=motion).values_list("ballots", flat=True)) == 1
    broken_broker.assert_called_once()
    warning.assert_called_once()
    assert warning.call_args.args[1] == "governance.tasks.notify_ballot_recorded"
    assert mail.outbox == []  # the notice was not run in-process: publishing was tried and failed
    # When the owner, unsure, sends the ballot again
    again = client.post(url, {"marks": gf.no(motion)}, content_type="application/json")
    # then it is refused and still counted once
    assert again.status_code == 400
    assert "already been cast" in again.content.decode()
    assert Ballot.objects.filter(motion=motion).count() == 1
    assert sum(BallotTotal.objects.filter(motion=motion).values_list("ballots", flat=True)) == 1


def test_ballot_notice_goes_out_when_the_broker_works(board, owners):
    # Given an open vote and tasks running in-process (no broker configured)
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    mail.outbox.clear()
    client = Client()
    client.force_login(owners[2])
    # When the owner casts a ballot
    response = client.post(
        f"/api/motions/{motion.pk}/ballots/", {"marks": gf.no(motion)}, content_type="application/json"
    )
    # then, after the commit, the owner is told their ballot is recorded, never how they voted
    assert response.status_code == 201
    assert [m.to for m in mail.outbox] == [[owners[2].email]]
    assert "is recorded" in mail.outbox[0].body and "No" not in mail.outbox[0].body
