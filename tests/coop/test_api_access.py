"""What each role may read and change through the API."""

import json

import pytest
from django.urls import reverse

from coop.models import Cooperative


def _patch(client, data):
    return client.patch(reverse("cooperative"), json.dumps(data), content_type="application/json")


def test_anonymous_gets_no_data(role_clients):
    assert role_clients["anonymous"].get(reverse("cooperative")).status_code == 403
    assert role_clients["anonymous"].get(reverse("policy-number-list")).status_code == 403


@pytest.mark.parametrize("role", ["Board", "Operations", "Member", "Auditor"])
def test_every_role_reads_the_cooperative_and_its_rules(role_clients, role):
    client = role_clients[role]
    assert client.get(reverse("cooperative")).json()["name"] == "Test Cooperative"
    keys = {row["key"] for row in client.get(reverse("policy-number-list")).json()["results"]}
    assert "voting_mode" in keys
    assert client.get(reverse("me")).json()["roles"]


@pytest.mark.parametrize("role", ["anonymous", "Operations", "Member", "Auditor"])
def test_only_the_board_changes_the_cooperative(role_clients, role):
    response = _patch(role_clients[role], {"name": "Taken over", "reason": "because"})
    assert response.status_code == 403
    assert Cooperative.objects.get().name == "Test Cooperative"


def test_board_changes_the_cooperative_with_a_reason(board_client):
    response = _patch(board_client, {"name": "Renamed", "reason": "Chosen at the General Conference"})
    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"


def test_a_write_without_a_reason_names_the_field(board_client):
    response = _patch(board_client, {"name": "Renamed"})
    assert response.status_code == 400
    assert "reason" in response.json()
    assert Cooperative.objects.get().name == "Test Cooperative"


def test_a_bad_value_names_the_field_and_writes_nothing(board_client):
    response = _patch(board_client, {"unit": "gold", "name": "Renamed", "reason": "x"})
    assert response.status_code == 400
    assert "unit" in response.json()
    assert Cooperative.objects.get().name == "Test Cooperative"


def test_legal_standing_is_not_writable_through_the_api(board_client):
    response = _patch(board_client, {"incorporated_on": "2026-01-01", "reason": "x"})
    # refused naming the field, rather than answered 200 as if it had been written
    assert response.status_code == 400
    assert response.json() == {"incorporated_on": ["Unknown field."]}
    assert Cooperative.objects.get().incorporated_on is None


def test_policy_numbers_cannot_be_written_through_the_api(board_client):
    url = reverse("policy-number-detail", args=["share_par_value"])
    response = board_client.patch(url, json.dumps({"value": "1"}), content_type="application/json")
    assert response.status_code == 405


def test_schema_and_docs_are_served(client, db):
    assert client.get(reverse("api-schema")).status_code == 200
    assert client.get(reverse("api-docs")).status_code == 200
