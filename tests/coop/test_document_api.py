"""The documents API: everyone logged in reads, the Board proposes, nobody edits or adopts."""

import json

import pytest
from django.urls import reverse

from coop.models import DocumentVersion
from tests.factories.coop import document_create, version_propose


@pytest.fixture
def document(cooperative):
    document = document_create(text="Members meet **yearly**.")
    version_propose(document, "Members meet **twice** a year.")
    return document


def _propose(client, **overrides):
    data = {"document": "house-rules", "text": "Members meet monthly.", "summary": "Monthly", "reason": "Asked"}
    data.update(overrides)
    return client.post(reverse("document-version-list"), json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("role", ["Board", "Operations", "Member", "Auditor"])
def test_every_role_reads_documents_with_the_version_in_force(role_clients, role, document):
    client = role_clients[role]
    rows = client.get(reverse("document-list")).json()["results"]
    assert [(r["slug"], r["current_version"]["number"]) for r in rows] == [("house-rules", 1)]
    detail = client.get(reverse("document-detail", args=["house-rules"])).json()
    assert detail["current_version"]["basis"] == "Motion #1"


def test_anonymous_reads_nothing(role_clients, document):
    assert role_clients["anonymous"].get(reverse("document-list")).status_code == 403
    assert role_clients["anonymous"].get(reverse("document-version-list")).status_code == 403


def test_versions_come_with_their_rendered_html(member_client, document):
    rows = member_client.get(reverse("document-version-list"), {"document__slug": "house-rules"}).json()["results"]
    assert [r["number"] for r in rows] == [2, 1]
    assert rows[1]["html"] == "<p>Members meet <strong>yearly</strong>.</p>"
    detail = member_client.get(reverse("document-version-detail", args=[rows[0]["id"]])).json()
    assert detail["status"] == "proposed"


def test_diff_between_two_versions(member_client, document):
    response = member_client.get(reverse("document-diff", args=["house-rules"]), {"from": 1, "to": 2})
    body = response.json()
    assert response.status_code == 200
    assert "<del>yearly</del>" in body["html"] and "<ins>twice</ins>" in body["html"]
    assert (body["from_number"], body["to_number"], body["words_added"], body["words_removed"]) == (1, 2, 3, 1)


@pytest.mark.parametrize(("params", "field"), [({"from": 1}, "to"), ({"from": 7, "to": 1}, "from")])
def test_diff_with_a_missing_version_names_the_parameter(member_client, document, params, field):
    response = member_client.get(reverse("document-diff", args=["house-rules"]), params)
    assert response.status_code == 400
    assert field in response.json()


def test_board_proposes_a_version_with_a_reason(board_client, board_user, document):
    response = _propose(board_client)
    assert response.status_code == 201
    assert response.json()["number"] == 3
    version = DocumentVersion.objects.get(number=3)
    assert (version.status, version.proposed_by) == (DocumentVersion.Status.PROPOSED, board_user)
    assert document.current_version.number == 1


@pytest.mark.parametrize("role", ["anonymous", "Operations", "Member", "Auditor"])
def test_other_roles_cannot_propose_and_nothing_is_written(role_clients, role, document):
    response = _propose(role_clients[role])
    assert response.status_code == 403
    assert DocumentVersion.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"text": " "}, "text"),
        ({"document": "nope"}, "document"),
        ({"summary": ""}, "summary"),
    ],
)
def test_a_bad_proposal_names_the_field_and_writes_nothing(board_client, document, overrides, field):
    response = _propose(board_client, **overrides)
    assert response.status_code == 400
    assert field in response.json()
    assert DocumentVersion.objects.count() == 2


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_nobody_edits_a_version_through_the_api(board_client, document, method):
    version = document.current_version
    url = reverse("document-version-detail", args=[version.pk])
    response = getattr(board_client, method)(
        url, json.dumps({"text": "Rewritten", "reason": "x"}), content_type="application/json"
    )
    # Refused by the permissions (no role may change a version) before the missing method answers 405.
    assert response.status_code in (403, 405)
    version.refresh_from_db()
    assert version.text == "Members meet **yearly**."


def test_there_is_no_adopt_endpoint(board_client, document):
    proposed = document.versions.get(number=2)
    assert board_client.post(f"{reverse('document-version-detail', args=[proposed.pk])}adopt/").status_code == 404
    doc_url = reverse("document-detail", args=["house-rules"])
    assert board_client.patch(doc_url, "{}", content_type="application/json").status_code == 405
    proposed.refresh_from_db()
    assert proposed.status == DocumentVersion.Status.PROPOSED


@pytest.mark.parametrize("url", ["/api/documents/house%00rules/", "/api/policy-numbers/share%00cap/"])
def test_a_key_no_column_can_hold_is_refused_before_the_database(role_clients, document, url):
    # PostgreSQL refuses a NUL in any text it is sent: such a key is bad input, not a database error
    assert role_clients["Board"].get(url).status_code == 400


def test_diff_also_gives_the_rendered_redline_and_its_changes(member_client, document):
    # When the differences are asked for through the API
    body = member_client.get(reverse("document-diff", args=["house-rules"]), {"from": 1, "to": 2}).json()
    # Then beside the Markdown comparison comes the formatted one, each change under its anchor
    assert body["changes"] == [{"number": 1, "anchor": "change-1", "section": "Opening text", "kind": "changed"}]
    assert body["rendered_html"].startswith('<div class="redline-change" id="change-1"')
    assert "<strong><del><span" in body["rendered_html"] and "</span>twice</ins></strong>" in body["rendered_html"]
    assert body["html"].startswith("Members meet **<del>yearly</del>")
