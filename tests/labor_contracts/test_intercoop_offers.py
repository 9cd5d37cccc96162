"""A's CEO offers a labor contract to a peer cooperative; the offer is mirrored on the peer's
installation, whose CEO accepts or declines it, and the answer moves A's contract on. Anyone but the
CEO is refused, and a message about a contract the receiver does not know is refused, nothing written."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient

from federation import services as federation_services
from federation.models import InboundMessage, OutboundMessage
from labor_contracts import selectors, services
from labor_contracts.models import Client, IncomingContract, LaborContract
from labor_contracts.services.intercoop import OFFER_FIELDS
from tests.factories import labor_contracts as f
from tests.federation.conftest import post, signed

REASON = "test"


def _offer(peer_key, reference=41, **changes) -> dict:
    payload = {
        "contract": reference,
        "title": "Kitchen crew",
        "scope": "Staff the kitchen of the new restaurant.",
        "starts_on": "2026-11-01",
        "ends_on": "2027-01-31",
        "rates": [{"role": "Cook", "hourly_rate": "32.50"}],
        **changes,
    }
    return {"kind": "contracts.offer", "payload": payload}


def _receive(peer_key, message):
    return post(HttpClient(), *signed(peer_key, message))


# A's side: the offer --------------------------------------------------------------------------


def test_the_ceo_offers_a_contract_to_a_peer_and_only_its_terms_travel(ceo, peer_client, operations_user):
    contract = f.contract_draft(operations_user, client=peer_client, rates=(("Cook", "32.50"),))

    offered = services.contract_offer(contract=contract, actor=ceo, reason="Our offer")

    assert offered.status == LaborContract.Status.OFFERED
    assert offered.msa_version is not None and offered.offered_by == ceo
    message = OutboundMessage.objects.get()
    assert (message.peer, message.kind) == (peer_client.peer, "contracts.offer")
    assert set(message.payload) == OFFER_FIELDS
    assert message.payload["contract"] == contract.pk
    assert message.payload["rates"] == [{"role": "Cook", "hourly_rate": "32.50"}]
    # the terms are fixed while the peer decides
    with pytest.raises(ValidationError) as refusal:
        services.contract_update(contract=offered, title="Other", actor=operations_user, reason=REASON)
    assert "status" in refusal.value.message_dict


def test_a_manager_who_is_not_the_ceo_may_not_offer_and_nothing_is_written(ceo, peer_client, operations_user):
    contract = f.contract_draft(operations_user, client=peer_client)

    with pytest.raises(PermissionDenied) as refusal:
        services.contract_offer(contract=contract, actor=operations_user, reason="Not mine to offer")

    assert "CEO" in str(refusal.value)
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.DRAFT
    assert not OutboundMessage.objects.exists()


def test_an_offer_to_a_client_that_is_no_peer_is_refused_naming_the_client(ceo, signed_setup, operations_user):
    contract = f.contract_draft(operations_user)
    with pytest.raises(ValidationError) as refusal:
        services.contract_offer(contract=contract, actor=ceo, reason=REASON)
    assert "client" in refusal.value.message_dict
    assert not OutboundMessage.objects.exists()


def test_an_offer_to_a_suspended_peer_is_refused(ceo, peer_client, operations_user, board_user):
    contract = f.contract_draft(operations_user, client=peer_client)
    federation_services.peer_suspend(peer=peer_client.peer, actor=board_user, reason="A dispute")
    with pytest.raises(ValidationError) as refusal:
        services.contract_offer(contract=contract, actor=ceo, reason=REASON)
    assert "client" in refusal.value.message_dict
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.DRAFT


def test_a_contract_with_a_peer_is_billed_per_role(ceo, peer_client, operations_user):
    contract = f.contract_draft(
        operations_user, client=peer_client, basis=LaborContract.BillingBasis.HOURLY_OWNER, rates=()
    )
    with pytest.raises(ValidationError) as refusal:
        services.contract_offer(contract=contract, actor=ceo, reason=REASON)
    assert "billing_basis" in refusal.value.message_dict


def test_a_contract_with_a_peer_is_not_negotiated_here(ceo, peer_client, operations_user):
    contract = f.contract_draft(operations_user, client=peer_client)
    with pytest.raises(ValidationError) as refusal:
        services.contract_negotiate(contract=contract, actor=ceo, reason=REASON)
    assert "client" in refusal.value.message_dict


def test_a_client_with_contracts_keeps_being_or_not_being_a_peer(peer, signed_setup, operations_user):
    contract = f.contract_draft(operations_user)
    with pytest.raises(ValidationError) as refusal:
        services.client_update(client=contract.client, peer=peer, actor=operations_user, reason="Now a peer")
    assert "peer" in refusal.value.message_dict
    assert Client.objects.get(pk=contract.client_id).peer is None


# B's side: the mirror, and the CEO's answer ------------------------------------------------------


def test_an_offer_from_a_peer_is_mirrored_waiting_for_the_ceo(peer, peer_key, cooperative):
    response = _receive(peer_key, _offer(peer_key))

    assert response.status_code == 200, response.content
    mirror = IncomingContract.objects.get()
    assert (mirror.peer, mirror.remote_ref, mirror.status) == (peer, 41, IncomingContract.Status.OFFERED)
    assert [(r.role, r.hourly_rate) for r in mirror.rates.all()] == [("Cook", Decimal("32.50"))]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"members": ["ana@example.coop"]}, "members"),
        ({"rates": [{"role": "Cook", "hourly_rate": 32.5}]}, "rates"),
        ({"ends_on": "soon"}, "ends_on"),
        ({"contract": "41"}, "contract"),
    ],
)
def test_an_offer_the_handler_refuses_writes_nothing(peer, peer_key, cooperative, changes, field):
    response = _receive(peer_key, _offer(peer_key, **changes))
    assert response.status_code == 400
    assert not IncomingContract.objects.exists() and not InboundMessage.objects.exists()


def test_an_offer_from_a_suspended_peer_is_refused(peer, peer_key, board_user):
    federation_services.peer_suspend(peer=peer, actor=board_user, reason="A dispute")
    response = _receive(peer_key, _offer(peer_key))
    assert response.status_code == 403
    assert not IncomingContract.objects.exists()


def test_the_ceo_accepts_an_offer_and_the_peer_is_told(peer, peer_key, ceo):
    _receive(peer_key, _offer(peer_key))
    mirror = IncomingContract.objects.get()

    accepted = services.incoming_contract_accept(contract=mirror, actor=ceo, reason="Good terms")

    assert (accepted.status, accepted.decided_by) == (IncomingContract.Status.ACCEPTED, ceo)
    message = OutboundMessage.objects.get()
    assert (message.peer, message.kind, message.payload) == (peer, "contracts.accepted", {"contract": 41})


@pytest.mark.parametrize("who", ["operations_user", "board_user"])
def test_anyone_but_the_ceo_accepting_is_refused_and_nothing_written(peer, peer_key, ceo, request, who):
    _receive(peer_key, _offer(peer_key))
    mirror = IncomingContract.objects.get()

    with pytest.raises(PermissionDenied) as refusal:
        services.incoming_contract_accept(contract=mirror, actor=request.getfixturevalue(who), reason="Not mine")

    assert "Only the CEO may accept" in str(refusal.value)
    mirror.refresh_from_db()
    assert (mirror.status, mirror.decided_by) == (IncomingContract.Status.OFFERED, None)
    assert not OutboundMessage.objects.exists()


def test_an_offer_already_accepted_is_not_offered_again(peer, peer_key, ceo):
    _receive(peer_key, _offer(peer_key))
    services.incoming_contract_accept(contract=IncomingContract.objects.get(), actor=ceo, reason="Yes")
    response = _receive(peer_key, _offer(peer_key, title="Changed after the fact"))
    assert response.status_code == 400
    assert IncomingContract.objects.get().title == "Kitchen crew"


def test_a_declined_offer_may_come_back_with_new_terms(peer, peer_key, ceo):
    _receive(peer_key, _offer(peer_key))
    services.incoming_contract_decline(contract=IncomingContract.objects.get(), actor=ceo, reason="Too low")
    assert OutboundMessage.objects.get().kind == "contracts.declined"

    response = _receive(peer_key, _offer(peer_key, rates=[{"role": "Cook", "hourly_rate": "36.00"}]))

    assert response.status_code == 200
    mirror = IncomingContract.objects.get()
    assert (mirror.status, mirror.decided_by) == (IncomingContract.Status.OFFERED, None)
    assert [r.hourly_rate for r in mirror.rates.all()] == [Decimal("36.00")]


# A's side again: the answer moves the contract on -------------------------------------------------


def _offered(ceo, peer_client, operations_user):
    contract = f.contract_draft(operations_user, client=peer_client)
    return services.contract_offer(contract=contract, actor=ceo, reason="Our offer")


def test_an_acceptance_makes_the_contract_negotiated_and_it_runs_as_any_other(
    ceo, peer_client, peer_key, operations_user, board_user
):
    contract = _offered(ceo, peer_client, operations_user)

    response = _receive(peer_key, {"kind": "contracts.accepted", "payload": {"contract": contract.pk}})

    assert response.status_code == 200, response.content
    contract.refresh_from_db()
    assert (contract.status, contract.negotiated_by) == (LaborContract.Status.NEGOTIATED, ceo)
    services.contract_approve(contract=contract, actor=board_user, reason=REASON)
    services.contract_activate(contract=contract, actor=operations_user, reason=REASON)
    assert selectors.bonus_suspension().contracts == [contract]


def test_a_refusal_makes_the_contract_a_draft_again(ceo, peer_client, peer_key, operations_user):
    contract = _offered(ceo, peer_client, operations_user)
    response = _receive(peer_key, {"kind": "contracts.declined", "payload": {"contract": contract.pk}})
    assert response.status_code == 200
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.DRAFT


def test_an_answer_about_a_contract_never_offered_is_refused_and_nothing_written(
    ceo, peer_client, peer_key, operations_user
):
    draft = f.contract_draft(operations_user, client=peer_client)
    unknown = _receive(peer_key, {"kind": "contracts.accepted", "payload": {"contract": draft.pk + 1000}})
    not_offered = _receive(peer_key, {"kind": "contracts.accepted", "payload": {"contract": draft.pk}})

    assert (unknown.status_code, not_offered.status_code) == (400, 400)
    assert "No contract of this installation was offered" in unknown.json()["error"]
    assert "not waiting for an answer" in not_offered.json()["error"]
    draft.refresh_from_db()
    assert draft.status == LaborContract.Status.DRAFT
    assert not InboundMessage.objects.exists()
