"""The member portal's document pages: list, text in force, history, differences and print."""

import pytest
from django.test import Client
from django.urls import reverse

from coop import services
from coop.models import GoverningDocument
from tests.factories.coop import version_propose


@pytest.fixture
def bylaws(cooperative):
    services.documents_install_templates(actor=None, reason="Setup")
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    text = bylaws.current_version.text.replace("\nonce a year", "\ntwice a year")
    version_propose(bylaws, text + "\n\n<script>alert('x')</script>", summary="Two meetings a year")
    return bylaws


def test_member_sees_every_document_with_its_version_in_force(member_client, bylaws):
    response = member_client.get(reverse("portal:document_list"))
    body = response.content.decode()
    assert response.status_code == 200
    for title in ["Articles of Incorporation", "Bylaws", "Master Staffing Agreement", "Business Plan"]:
        assert title in body
    assert "<caption>" in body
    assert reverse("portal:document_list") in member_client.get(reverse("portal:home")).content.decode()


def test_document_page_renders_the_text_in_force_with_the_lawyer_notice(member_client, bylaws):
    response = member_client.get(reverse("portal:document_detail", args=["bylaws"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="lawyer-notice"' in body
    assert "<h1>Bylaws of Test Cooperative</h1>" in body
    assert "once a year" in body
    assert "twice a year" not in body
    # And the pending proposal is announced with a link to its differences
    assert "Two meetings a year" in body
    assert f"{reverse('portal:document_diff', args=['bylaws'])}?from=1&amp;to=2" in body


def test_a_proposed_version_renders_sanitised(member_client, bylaws):
    response = member_client.get(reverse("portal:document_version", args=["bylaws", 2]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "twice a year" in body
    assert "alert(" not in body


def test_history_lists_every_version_with_compare_choices(member_client, bylaws):
    response = member_client.get(reverse("portal:document_history", args=["bylaws"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Two meetings a year" in body
    assert 'name="from" value="1"' in body and 'name="to" value="2"' in body


def test_diff_page_shows_the_redline_between_the_chosen_versions(member_client, bylaws):
    response = member_client.get(reverse("portal:document_diff", args=["bylaws"]), {"from": 1, "to": 2})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<del>once</del>" in body and "<ins>twice</ins>" in body
    assert "&lt;script&gt;" in body and "<script>alert" not in body


def test_diff_page_with_an_unknown_version_says_so(member_client, bylaws):
    response = member_client.get(reverse("portal:document_diff", args=["bylaws"]), {"from": 1, "to": 9})
    assert response.status_code == 400
    assert "has no version 9" in response.content.decode()


def test_print_view_is_a_clean_printable_page(member_client, bylaws):
    response = member_client.get(reverse("portal:document_print", args=["bylaws"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="lawyer-notice"' in body
    assert "documents.css" in body
    assert "site-header" not in body
    assert "Version 1 (Adopted (in force))" in body


def test_print_view_of_a_named_version(member_client, bylaws):
    response = member_client.get(reverse("portal:document_print", args=["bylaws"]), {"version": 2})
    assert "twice a year" in response.content.decode()
    assert member_client.get(reverse("portal:document_print", args=["bylaws"]), {"version": 5}).status_code == 404


def test_printable_stylesheet_has_print_rules(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("coop/documents.css"), encoding="utf-8") as css:
        assert "@media print" in css.read()


def test_unknown_document_is_not_found(member_client, bylaws):
    assert member_client.get(reverse("portal:document_detail", args=["nope"])).status_code == 404


def test_anonymous_is_sent_to_login(bylaws):
    response = Client().get(reverse("portal:document_detail", args=["bylaws"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
