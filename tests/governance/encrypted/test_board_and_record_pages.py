"""A member reads an encrypted vote's bulletin board while it runs, with their own tracking code
marked, and downloads the election record once the trustees have decrypted it: the file the
independent verifier passes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services
from secret_ballot.board import readable
from secret_ballot.verify import verify
from tests.clients import logged_in
from tests.factories import governance as gf

from . import world


@pytest.fixture
def open_vote(board, owners, trustees):
    motion, election, keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    codes = [
        world.cast(motion, election, owner, marks) for owner, marks in zip(owners[1:3], ([1, 0], [0, 1]), strict=True)
    ]
    return motion, election, keys, codes


def test_the_board_lists_every_tracking_code_in_order_and_marks_mine(open_vote, owners):
    motion, _election, _keys, codes = open_vote
    response = logged_in(owners[1]).get(reverse("governance:board", args=[motion.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["position"] for row in rows] == [0, 1]
    assert [row["readable"] for row in rows] == [readable(code) for code in codes]
    assert [row["mine"] for row in rows] == [True, False]
    # each line shows its chain hash, as the record holds it
    page = response.content.decode()
    assert all(row["chain_hash"] in page for row in rows)
    # The voter sees their own code; the page says nothing of anyone's choice
    assert response.context["my_code"] == readable(codes[0])
    # No record is offered while the vote runs, and asking for it is refused
    assert reverse("governance:record", args=[motion.pk]) not in response.content.decode()
    refused = logged_in(owners[1]).get(reverse("governance:record", args=[motion.pk]))
    assert refused.status_code == 403


def test_the_motion_page_offers_the_board_and_no_ballot_in_clear(open_vote, owners):
    motion = open_vote[0]
    page = logged_in(owners[3]).get(reverse("governance:motion", args=[motion.pk])).content.decode()
    assert reverse("governance:board", args=[motion.pk]) in page
    assert reverse("governance:ballot", args=[motion.pk]) not in page


def test_the_record_downloads_once_decrypted_and_passes_the_verifier(open_vote, board, owners):
    motion, election, keys, _codes = open_vote
    services.motion_close(motion=motion, actor=board, reason="close")
    world.decrypt(election, keys, (1, 2), board)
    client = logged_in(owners[4])
    results = client.get(reverse("governance:results", args=[motion.pk])).content.decode()
    assert reverse("governance:record", args=[motion.pk]) in results
    response = client.get(reverse("governance:record", args=[motion.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="motion-{motion.pk}-election-record.json"'
    assert "2 ballots, 2 of 3 trustees (threshold 2)" in verify(response.content)


def test_a_vote_in_clear_has_no_board(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    assert logged_in(owners[1]).get(reverse("governance:board", args=[motion.pk])).status_code == 404


def test_the_board_reads_a_fixed_number_of_queries(open_vote, owners):
    motion, election, _keys, _codes = open_vote
    client = logged_in(owners[1])
    url = reverse("governance:board", args=[motion.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for owner in owners[3:6]:
        world.cast(motion, election, owner, [1, 0])
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more.captured_queries) == len(few.captured_queries)
