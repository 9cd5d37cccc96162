"""The admin shows documents read-only; the Board alone proposes a new version, which changes nothing in force."""

import pytest
from django.urls import reverse

from coop.models import DocumentVersion, GoverningDocument
from tests.factories.coop import document_create, version_propose


@pytest.fixture
def document(cooperative):
    return document_create(text="Members meet yearly.")


def _propose(client, document, **overrides):
    data = {"text": "Members meet twice a year.", "summary": "More meetings", "change_reason": "Members asked"}
    data.update(overrides)
    return client.post(reverse("admin:coop_governingdocument_propose", args=[document.pk]), data)


def test_board_proposes_a_new_version_from_the_admin(board_client, board_user, document):
    # Given the propose form, prefilled with the text in force
    form = board_client.get(reverse("admin:coop_governingdocument_propose", args=[document.pk]))
    assert form.status_code == 200
    assert "Members meet yearly." in form.content.decode()
    # When the Board submits a new text with a reason
    response = _propose(board_client, document)
    # Then version 2 is proposed by the officer, and version 1 stays in force
    version = document.versions.get(number=2)
    assert response.status_code == 302
    assert response.url == reverse("admin:coop_documentversion_change", args=[version.pk])
    assert (version.status, version.proposed_by) == (DocumentVersion.Status.PROPOSED, board_user)
    assert version.history.get().history_change_reason == "Members asked"
    assert document.current_version.number == 1


def test_a_proposal_without_a_reason_names_the_field_and_writes_nothing(board_client, document):
    response = _propose(board_client, document, change_reason="")
    assert response.status_code == 200
    assert "change_reason" in response.context["form"].errors
    assert document.versions.count() == 1


def test_an_unchanged_text_is_refused_with_the_field_named(board_client, document):
    response = _propose(board_client, document, text="Members meet yearly.")
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert document.versions.count() == 1


@pytest.mark.parametrize("client_name", ["operations_client", "auditor_client"])
def test_other_admin_roles_cannot_propose(request, client_name, document):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("admin:coop_governingdocument_propose", args=[document.pk])).status_code == 403
    assert _propose(client, document).status_code == 403
    assert document.versions.count() == 1


def test_a_member_never_reaches_the_propose_view(member_client, document):
    response = _propose(member_client, document)
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
    assert document.versions.count() == 1


@pytest.mark.parametrize("client_name", ["board_client", "operations_client", "auditor_client"])
def test_nobody_edits_an_adopted_version_in_the_admin(request, client_name, document):
    client = request.getfixturevalue(client_name)
    version = document.current_version
    response = client.post(
        reverse("admin:coop_documentversion_change", args=[version.pk]),
        {"text": "Rewritten in place.", "status": "adopted", "basis": "x", "change_reason": "x"},
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.text == "Members meet yearly."


@pytest.mark.parametrize("client_name", ["board_client", "operations_client", "auditor_client"])
def test_documents_and_versions_are_read_only_for_every_role(request, client_name, document):
    client = request.getfixturevalue(client_name)
    change = client.get(reverse("admin:coop_documentversion_change", args=[document.current_version.pk]))
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert client.get(reverse("admin:coop_documentversion_add")).status_code == 403
    assert client.get(reverse("admin:coop_governingdocument_add")).status_code == 403
    doc_change = client.post(
        reverse("admin:coop_governingdocument_change", args=[document.pk]), {"title": "Taken over"}
    )
    assert doc_change.status_code == 403
    assert GoverningDocument.objects.get(pk=document.pk).title == "House rules"


def test_only_the_board_sees_the_propose_link(board_client, operations_client, document):
    url = reverse("admin:coop_governingdocument_change", args=[document.pk])
    propose_url = reverse("admin:coop_governingdocument_propose", args=[document.pk])
    assert propose_url in board_client.get(url).content.decode()
    assert propose_url not in operations_client.get(url).content.decode()


def test_the_admin_shows_the_redline_between_two_versions(auditor_client, document):
    version_propose(document, "Members meet twice a year.")
    url = reverse("admin:coop_governingdocument_diff", args=[document.pk])
    response = auditor_client.get(url, {"from": 1, "to": 2})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<del>yearly</del>" in body and "<ins>twice a year</ins>" in body
    history = auditor_client.get(reverse("admin:coop_documentversion_changelist"))
    assert f"{url}?from=1&amp;to=2" in history.content.decode()


def test_the_version_history_of_a_record_is_open_to_the_auditor(auditor_client, document):
    version = document.current_version
    response = auditor_client.get(reverse("admin:coop_documentversion_history", args=[version.pk]))
    assert response.status_code == 200
    assert "test setup" in response.content.decode()
