"""The governance API: votes, refusals with named fields, and a member's own rows only."""

import json

from django.urls import reverse

from governance.models import Ballot, Participation
from tests.clients import logged_in
from tests.factories import governance as gf


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_member_casts_through_the_api_and_gets_a_receipt(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    response = _post(logged_in(owners[1]), reverse("motion-ballots", args=[motion.pk]), {"marks": gf.yes(motion)})
    assert response.status_code == 201
    assert response.json()["receipt"] == Ballot.objects.get(motion=motion).receipt


def test_secret_ballot_carrying_a_voter_id_is_refused(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0], secret=True), board=board)
    response = _post(
        logged_in(owners[1]),
        reverse("motion-ballots", args=[motion.pk]),
        {"marks": gf.yes(motion), "voter": owners[1].pk},
    )
    assert response.status_code == 400 and "voter" in response.json()
    assert not Participation.objects.filter(motion=motion).exists()


def test_second_ballot_through_the_api_is_a_400_naming_the_voter(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    client = logged_in(owners[1])
    _post(client, reverse("motion-ballots", args=[motion.pk]), {"marks": gf.yes(motion)})
    response = _post(client, reverse("motion-ballots", args=[motion.pk]), {"marks": gf.no(motion)})
    assert response.status_code == 400 and "voter" in response.json()
    assert Ballot.objects.filter(motion=motion).count() == 1


def test_board_runs_the_vote_and_the_secretary_certifies_through_the_api(board, secretary, owners):
    motion = gf.motion(proposer=owners[0])
    from datetime import timedelta

    from django.utils import timezone

    from governance import services

    services.motion_schedule(
        motion=motion, opens_at=timezone.now(), closes_at=timezone.now() + timedelta(days=1), actor=board, reason="plan"
    )
    assert _post(logged_in(board), reverse("motion-open", args=[motion.pk]), {"reason": "open"}).status_code == 200
    for voter in owners:
        _post(logged_in(voter), reverse("motion-ballots", args=[motion.pk]), {"marks": gf.yes(motion)})
    assert _post(logged_in(board), reverse("motion-close", args=[motion.pk]), {"reason": "close"}).status_code == 200
    response = _post(logged_in(secretary), reverse("motion-certify", args=[motion.pk]), {"reason": "ok"})
    assert response.status_code == 200 and response.json()["status"] == "certified"
    result = logged_in(owners[0]).get(reverse("motion-result", args=[motion.pk])).json()
    assert result["adopted"] and result["quorum_met"]


def test_member_sees_only_their_own_participations(board, owners):
    from governance import services

    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    for voter in owners[:2]:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    rows = logged_in(owners[0]).get(reverse("participation-list")).json()["results"]
    assert [row["voter"] for row in rows] == [owners[0].pk]
