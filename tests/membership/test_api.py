"""The membership API: the Board writes with a reason; a member sees only their own rows."""

import json

import pytest
from django.urls import reverse

from membership.models import Member, ShareRequest, ShareTransaction
from tests.factories.membership import member_create, policy_set


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def own_member(member_user):
    return member_create(user=member_user, shares=2)


def test_a_member_sees_only_their_own_rows(member_client, own_member):
    other = member_create(shares=3)
    members = member_client.get(reverse("member-list")).json()["results"]
    assert [m["id"] for m in members] == [own_member.pk]
    assert members[0]["weight_rule"] == "gradual-owner-person"
    ledger = member_client.get(reverse("share-transaction-list")).json()["results"]
    assert {t["member"] for t in ledger} == {own_member.pk}
    assert member_client.get(reverse("member-detail", args=[other.pk])).status_code == 404


def test_a_member_reads_their_weight_and_why(member_client, own_member):
    body = member_client.get(reverse("member-voting-weight", args=[own_member.pk])).json()
    assert body["rule"] == "gradual-owner-person" and "Provisional Period" in body["explanation"]


def test_board_issues_shares_and_an_over_cap_purchase_is_a_400_naming_the_rule(board_client):
    policy_set("share_cap_count", 3)
    owner = member_create(shares=2)
    ok = _post(
        board_client,
        reverse("share-transaction-list"),
        {"member": owner.pk, "kind": "issue", "quantity": 1, "reason": "Paid"},
    )
    assert ok.status_code == 201
    refused = _post(
        board_client,
        reverse("share-transaction-list"),
        {"member": owner.pk, "kind": "issue", "quantity": 1, "reason": "Paid"},
    )
    assert refused.status_code == 400 and "Share cap (count)" in refused.json()["quantity"][0]
    assert ShareTransaction.objects.filter(member=owner).count() == 2


@pytest.mark.parametrize("role", ["Member", "Operations", "Auditor", "anonymous"])
def test_only_the_board_issues_shares(role_clients, role):
    owner = member_create()
    response = _post(
        role_clients[role],
        reverse("share-transaction-list"),
        {"member": owner.pk, "kind": "issue", "quantity": 1, "reason": "x"},
    )
    assert response.status_code == 403
    assert not ShareTransaction.objects.exists()


def test_board_admits_through_the_api_and_a_bad_transition_is_a_400(board_client):
    applicant = member_create(status=Member.Status.APPLICANT)
    assert _post(board_client, reverse("member-admit", args=[applicant.pk]), {"reason": "Vote 4"}).status_code == 200
    again = _post(board_client, reverse("member-admit", args=[applicant.pk]), {"reason": "Vote 4"})
    assert again.status_code == 400 and "status" in again.json()


def test_a_member_cannot_admit_themselves(member_client, member_user):
    me = member_create(user=member_user, status=Member.Status.APPLICANT)
    assert _post(member_client, reverse("member-admit", args=[me.pk]), {"reason": "x"}).status_code == 403
    me.refresh_from_db()
    assert me.status == Member.Status.APPLICANT


def test_a_member_asks_for_shares_and_the_board_approves(member_client, board_client, own_member):
    asked = _post(member_client, reverse("share-request-list"), {"kind": "purchase", "quantity": 1, "reason": "x"})
    assert asked.status_code == 201
    request_id = asked.json()["id"]
    assert (
        _post(member_client, reverse("share-request-approve", args=[request_id]), {"reason": "self"}).status_code == 403
    )
    assert (
        _post(board_client, reverse("share-request-approve", args=[request_id]), {"reason": "Paid"}).status_code == 200
    )
    assert ShareRequest.objects.get(pk=request_id).status == "approved"


def test_a_zero_quantity_request_is_a_400(member_client, own_member):
    response = _post(member_client, reverse("share-request-list"), {"kind": "purchase", "quantity": 0, "reason": "x"})
    assert response.status_code == 400 and "quantity" in response.json()
    assert not ShareRequest.objects.exists()


def test_operations_reads_the_register_without_personal_data(operations_client):
    member_create(email="hidden@example.coop")
    rows = operations_client.get(reverse("member-list")).json()["results"]
    assert rows and "email" not in rows[0] and "legal_name" not in rows[0]


def test_board_records_dues_and_a_member_sees_only_their_own(board_client, member_client, own_member):
    other = member_create()
    for member in (own_member, other):
        assert (
            _post(
                board_client, reverse("dues-payment-list"), {"member": member.pk, "amount": "25.00", "reason": "Cash"}
            ).status_code
            == 201
        )
    mine = member_client.get(reverse("dues-payment-list")).json()["results"]
    assert [p["member"] for p in mine] == [own_member.pk]
    assert _post(board_client, reverse("dues-schedule-list"), {"name": "Dues", "reason": "Vote"}).status_code == 201
    assert member_client.get(reverse("dues-charge-list")).status_code == 200
