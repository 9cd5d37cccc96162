"""The page comparing two versions shows the formatted text, lists the changes at the top and lets
the reader jump from one change to the next; the Markdown comparison stays at hand."""

import pytest
from django.urls import reverse

from coop import services
from coop.models import GoverningDocument
from tests.factories.coop import version_propose


@pytest.fixture
def bylaws(cooperative):
    services.documents_install_templates(actor=None, reason="Setup")
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    text = bylaws.current_version.text
    text = text.replace("\nonce a year", "\ntwice a year").replace("may apply to become a member", "may apply")
    version_propose(bylaws, text + "\n\n<script>alert('x')</script>", summary="Two meetings a year")
    return bylaws


def _page(client, url):
    response = client.get(url, {"from": 1, "to": 2})
    assert response.status_code == 200
    return response.content.decode()


def test_the_changes_are_listed_first_and_each_links_to_its_place(member_client, bylaws):
    # When a member compares the bylaws in force with the proposal
    body = _page(member_client, reverse("portal:document_diff", args=["bylaws"]))
    # Then the list of changes names each one by its section and links to its anchor
    assert '<h3 id="redline-changes-heading">2 changes</h3>' in body
    assert '<a href="#change-1">Change 1 of 2 — Section 2.1</a>' in body
    assert '<a href="#change-2">Change 2 of 2 — Section 3.1</a>' in body
    assert 'id="change-1"' in body and 'id="change-2"' in body
    # And the list comes before the text
    assert body.index('id="redline-changes"') < body.index('id="change-1"')


def test_each_change_links_to_the_previous_and_the_next(member_client, bylaws):
    body = _page(member_client, reverse("portal:document_diff", args=["bylaws"]))
    first, second = body.split('id="change-1"', 1)[1].split('id="change-2"', 1)
    assert '<a href="#change-2" rel="next">Next change</a>' in first
    assert 'rel="prev"' not in first
    assert '<a href="#change-1" rel="prev">Previous change</a>' in second
    assert 'rel="next"' not in second.split("redline-source")[0]
    assert body.count('<a href="#redline-changes">All changes</a>') == 2


def test_the_text_is_formatted_with_the_changed_words_marked(member_client, bylaws):
    body = _page(member_client, reverse("portal:document_diff", args=["bylaws"]))
    # Then the sections read as paragraphs, and the changed words are marked and labelled
    removed = '<del><span class="redline-sr">removed: </span>once</del>'
    added = '<ins><span class="redline-sr">added: </span>twice</ins>'
    assert removed + added in body
    # And unchanged stretches fold away behind a summary the reader can open
    assert '<details class="redline-unchanged">' in body
    assert "unchanged paragraphs</summary>" in body
    # And the script added to the text never reaches the page
    assert "<script>alert" not in body


def test_the_markdown_comparison_stays_available(member_client, bylaws):
    body = _page(member_client, reverse("portal:document_diff", args=["bylaws"]))
    assert "Differences in the Markdown source</summary>" in body
    assert "<del>once</del><ins>twice</ins>" in body


def test_the_admin_shows_the_same_rendered_redline(auditor_client, bylaws):
    body = _page(auditor_client, reverse("admin:coop_governingdocument_diff", args=[bylaws.pk]))
    assert '<a href="#change-2">Change 2 of 2 — Section 3.1</a>' in body
    assert "coop/redline.css" in body
