"""The admin's doors to contracts between cooperatives call the same services: Operations records a
client that is a peer; the CEO offers from the contracts' list, a manager is refused (403, nothing
written); Operations sends the approved hours from the same list."""

from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from federation.models import OutboundMessage
from labor_contracts.models import Client, LaborContract, PeerTimesheet
from tests.factories import labor_contracts as f

CONTRACTS = "admin:labor_contracts_laborcontract_changelist"


def _action(client, name, contract):
    body = {"action": name, "_selected_action": [contract.pk], "confirm": "yes", "reason": "From the admin"}
    return client.post(reverse(CONTRACTS), body)


def test_operations_records_a_client_that_is_a_peer(peer, operations_client):
    response = operations_client.post(
        reverse("admin:labor_contracts_client_add"),
        {"name": "Sister Cooperative", "peer": peer.pk, "is_active": "on", "change_reason": "An ally hires us"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Client.objects.get(name="Sister Cooperative").peer == peer


def test_the_ceo_offers_from_the_contracts_list(ceo, peer_client, operations_user):
    contract = f.contract_draft(operations_user, client=peer_client)
    browser = HttpClient()
    browser.force_login(ceo)

    assert _action(browser, "offer", contract).status_code == 302

    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.OFFERED
    assert OutboundMessage.objects.get().kind == "contracts.offer"


def test_a_manager_offering_from_the_list_is_refused_and_nothing_written(
    ceo, peer_client, operations_client, operations_user
):
    contract = f.contract_draft(operations_user, client=peer_client)

    assert _action(operations_client, "offer", contract).status_code == 403

    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.DRAFT
    assert not OutboundMessage.objects.exists()


def test_operations_sends_the_approved_hours_from_the_list(peer_contract, owner, operations_user, operations_client):
    f.hours_approved(peer_contract, owner, timezone.localdate(), "6", operations_user)

    assert _action(operations_client, "send_hours", peer_contract).status_code == 302

    assert PeerTimesheet.objects.get(contract=peer_contract).hours == 6
