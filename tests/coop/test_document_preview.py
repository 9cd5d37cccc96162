"""The document editor previews the typed text exactly as members will read it, for those who may
propose a version and nobody else; previewing writes nothing and loses nothing typed."""

import pytest
from django.urls import reverse

from coop.documents import render_markdown
from tests.factories.coop import document_create

TYPED = "## Meetings\n\nMembers meet **twice** a year.\n\n<script>alert('x')</script><img src=x onerror=steal()>"


@pytest.fixture
def document(cooperative):
    return document_create(text="Members meet yearly.")


def _preview_url(document):
    return reverse("admin:coop_governingdocument_preview", args=[document.pk])


def test_the_board_previews_typed_text_rendered_as_members_see_it(board_client, document):
    # When an officer of the Board asks for a preview of what they typed
    response = board_client.post(_preview_url(document), {"text": TYPED})
    body = response.content.decode()
    # Then the answer is the text rendered by the portal's own renderer, sanitised
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert body == str(render_markdown(TYPED))
    assert "<h2>Meetings</h2>" in body and "<strong>twice</strong>" in body
    assert "<script" not in body and "onerror" not in body
    # And nothing is written
    assert document.versions.count() == 1


@pytest.mark.parametrize("client_name", ["operations_client", "auditor_client"])
def test_other_admin_roles_are_refused_the_preview(request, client_name, document):
    client = request.getfixturevalue(client_name)
    assert client.post(_preview_url(document), {"text": TYPED}).status_code == 403


def test_a_member_never_reaches_the_preview(member_client, document):
    response = member_client.post(_preview_url(document), {"text": TYPED})
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_the_preview_only_answers_a_post(board_client, document):
    assert board_client.get(_preview_url(document)).status_code == 405


def test_the_preview_of_an_unknown_document_is_not_found(board_client, document):
    url = reverse("admin:coop_governingdocument_preview", args=[document.pk + 100])
    assert board_client.post(url, {"text": TYPED}).status_code == 404


def test_the_editor_opens_with_the_text_in_force_and_its_preview(board_client, document):
    response = board_client.get(reverse("admin:coop_governingdocument_propose", args=[document.pk]))
    body = response.content.decode()
    assert 'class="doc-editor-text"' in body
    assert f'data-preview-url="{_preview_url(document)}"' in body
    assert '<div class="document-text doc-preview-text" id="doc-preview"' in body
    assert "<p>Members meet yearly.</p>" in body


def test_previewing_without_script_keeps_everything_typed_and_proposes_nothing(board_client, document):
    # When the Preview button posts the whole form (the browser runs no script)
    data = {"text": TYPED, "summary": "Two meetings", "change_reason": "Members asked", "_preview": "1"}
    response = board_client.post(reverse("admin:coop_governingdocument_propose", args=[document.pk]), data)
    body = response.content.decode()
    # Then the editor comes back with the preview, the typed text and fields, and no error
    assert response.status_code == 200
    assert "<strong>twice</strong>" in body
    assert "Members meet **twice** a year." in body
    assert 'value="Two meetings"' in body and "Members asked" in body
    assert "errorlist" not in body
    # And no version is proposed
    assert document.versions.count() == 1
