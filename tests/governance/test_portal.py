"""The member portal: open votes, ballot form, receipt shown once, results with a chart."""

import pytest
from django.urls import reverse

from governance.models import Ballot, Motion
from tests.clients import logged_in
from tests.factories import governance as gf


@pytest.fixture
def open_vote(board, owners):
    return gf.open_motion(gf.motion(proposer=owners[0], title="Buy a van", secret=True), board=board)


def test_member_sees_open_votes_and_casts_a_ballot_with_a_receipt(open_vote, owners):
    client = logged_in(owners[1])
    index = client.get(reverse("governance:index"))
    assert index.status_code == 200 and "Buy a van" in index.content.decode()
    page = client.get(reverse("governance:motion", args=[open_vote.pk]))
    assert 'name="marks"' in page.content.decode()
    response = client.post(reverse("governance:ballot", args=[open_vote.pk]), {"marks": gf.yes(open_vote)})
    assert response.status_code == 200
    receipt = Ballot.objects.get(motion=open_vote).receipt
    assert receipt in response.content.decode()
    # the receipt is shown once: the motion page never shows it again
    again = client.get(reverse("governance:motion", args=[open_vote.pk])).content.decode()
    assert receipt not in again


def test_portal_ballot_with_a_bad_choice_gets_a_clear_error_and_writes_nothing(open_vote, owners):
    response = logged_in(owners[1]).post(reverse("governance:ballot", args=[open_vote.pk]), {"marks": ["999999"]})
    assert response.status_code == 400
    assert "not a choice on this ballot" in response.content.decode()
    assert not Ballot.objects.filter(motion=open_vote).exists()


def test_no_result_or_running_total_before_the_close(open_vote, owners):
    client = logged_in(owners[1])
    client.post(reverse("governance:ballot", args=[open_vote.pk]), {"marks": gf.yes(open_vote)})
    assert client.get(reverse("governance:results", args=[open_vote.pk])).status_code == 403
    assert client.get(reverse("motion-result", args=[open_vote.pk])).status_code == 404
    assert client.get(reverse("motion-ballots", args=[open_vote.pk])).status_code == 403


def test_results_page_shows_numbers_chart_and_receipts(open_vote, owners, board):
    from governance import services

    receipts = [services.ballot_cast(motion=open_vote, cast_by=o, marks=gf.yes(open_vote)).receipt for o in owners]
    services.motion_close(motion=open_vote, actor=board, reason="close")
    page = logged_in(owners[0]).get(reverse("governance:results", args=[open_vote.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "bar-chart" in text and "Quorum" in text and "50 % of the weight" in text
    assert all(r in text for r in receipts)
    check = logged_in(owners[0]).get(reverse("governance:receipts"), {"motion": open_vote.pk, "code": receipts[0]})
    assert "was counted" in check.content.decode()


def test_ranked_ballot_from_the_portal(board, owners):
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.INSTANT_RUNOFF,
        office_kind="treasurer",
    )
    a, _b, c = motion.choices.values_list("pk", flat=True)
    response = logged_in(owners[3]).post(
        reverse("governance:ballot", args=[motion.pk]), {f"rank_{c}": "1", f"rank_{a}": "2"}
    )
    assert response.status_code == 200
    assert Ballot.objects.get(motion=motion).marks == f"{c}>{a}"


def test_nomination_and_discussion_from_the_portal(board, owners):
    motion = gf.election(proposer=owners[0], board=board, candidates=[], open_it=False)
    client = logged_in(owners[1])
    client.post(reverse("governance:nominate", args=[motion.pk]), {"candidate_email": owners[1].email})
    client.post(reverse("governance:comment", args=[motion.pk]), {"text": "I will serve."})
    assert motion.choices.filter(candidate=owners[1]).exists()
    assert motion.comments.get().text == "I will serve."


def test_proxy_named_and_revoked_from_the_portal(board, owners):
    motion = gf.motion(proposer=owners[0])
    client = logged_in(owners[1])
    client.post(
        reverse("governance:proxies"), {"holder_email": owners[2].email, "motion": motion.pk, "reason": "travelling"}
    )
    proxy = owners[1].proxies_given.get()
    client.post(reverse("governance:proxy_revoke", args=[proxy.pk]), {"reason": "back"})
    proxy.refresh_from_db()
    assert proxy.status == "revoked"


def test_recorded_vote_shows_who_voted_how_after_the_close(board, owners):
    from governance import services

    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Recorded"), board=board)
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.no(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    text = logged_in(owners[0]).get(reverse("governance:results", args=[motion.pk])).content.decode()
    assert "How each member voted" in text and owners[1].email in text and "<td>No</td>" in text
