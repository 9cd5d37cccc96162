"""A member exports their own data: portal page and API, never someone else's, never a choice."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import governance as gf


def _export(client) -> dict:
    response = client.get("/api/me/data/")
    assert response.status_code == 200
    return response.json()


def test_export_holds_membership_shares_and_participation_but_no_choice(board, owners):
    # Given an owner who voted in a recorded vote
    voter = owners[1]
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Buy the van"), board=board)
    from governance import services

    receipt = services.ballot_cast(motion=motion, cast_by=voter, marks=gf.no(motion))
    from django.test import Client

    client = Client()
    client.force_login(voter)
    # When they export their data
    data = _export(client)
    # then it holds their membership and that they took part, but neither the choice nor the receipt
    assert data["account"]["email"] == voter.email
    assert data["membership"]["status"] in {"Owner", "Provisional"}
    assert [row["motion"] for row in data["votes_taken_part_in"]] == ["Buy the van"]
    text = json.dumps(data)
    assert receipt.receipt not in text and "marks" not in text and '"No"' not in text
    # and nothing of another owner
    assert owners[2].email not in text


def test_reviews_about_me_come_without_reviewer(member_client, member_user):
    # Given the member's export, then the reviews section never carries a reviewer field
    data = _export(member_client)
    assert data["reviews_about_me"] == []
    assert "reviewer" not in json.dumps(data)


def test_portal_page_offers_the_download(member_client, member_user):
    page = member_client.get("/portal/my-data/")
    assert page.status_code == 200
    assert b"Download my data (JSON)" in page.content and b"<caption>" in page.content
    download = member_client.get("/portal/my-data/?download=1")
    assert download["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert json.loads(download.content)["account"]["email"] == member_user.email


def test_export_needs_a_login(client, db):
    assert client.get("/api/me/data/").status_code in (401, 403)
    assert client.get("/portal/my-data/").status_code == 302


def test_export_runs_a_constant_number_of_queries(board, owners):
    from django.test import Client

    client = Client()
    client.force_login(owners[1])
    with CaptureQueriesContext(connection) as few:
        _export(client)
    for _ in range(3):
        motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
        from governance import services

        services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.yes(motion))
    with CaptureQueriesContext(connection) as many:
        _export(client)
    assert len(many) == len(few)
