"""The receipt page of a secret ranked vote shows, once, the ballot's tracking code next to its
receipt; the board lists that code and marks nobody's."""

from django.urls import reverse

from governance.models import RankedBoardEntry
from secret_ballot.board import readable
from tests.clients import logged_in

from .world import ranked_vote


def test_the_receipt_page_shows_the_code_the_board_lists(board, owners):
    motion = ranked_vote(board=board, owners=owners)
    first, second = motion.choices.values_list("pk", flat=True)[:2]
    client = logged_in(owners[1])
    response = client.post(
        reverse("governance:ballot", args=[motion.pk]), {f"rank_{first}": "1", f"rank_{second}": "2"}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    entry = RankedBoardEntry.objects.get(board__motion=motion)
    code = readable(entry.tracking_code)
    page = response.content.decode()
    assert response.context["receipt"].receipt in page and code in page
    assert reverse("governance:board", args=[motion.pk]) in page
    board_page = logged_in(owners[3]).get(reverse("governance:board", args=[motion.pk]))
    assert board_page.status_code == 200
    assert [row["readable"] for row in board_page.context["rows"]] == [code]
    assert entry.chain_hash in board_page.content.decode()
    assert 'class="mine"' not in board_page.content.decode()


def test_the_motion_page_links_the_board(board, owners):
    motion = ranked_vote(board=board, owners=owners)
    page = logged_in(owners[3]).get(reverse("governance:motion", args=[motion.pk])).content.decode()
    assert reverse("governance:board", args=[motion.pk]) in page


def test_a_ballot_cast_through_the_api_answers_with_its_tracking_code(board, owners):
    motion = ranked_vote(board=board, owners=owners)
    first, second = motion.choices.values_list("pk", flat=True)[:2]
    response = logged_in(owners[1]).post(
        reverse("motion-ballots", args=[motion.pk]), {"marks": [first, second]}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["tracking_code"] == RankedBoardEntry.objects.get(board__motion=motion).tracking_code
