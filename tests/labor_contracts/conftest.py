import pytest
from django.test import Client
from nacl.signing import SigningKey

from governance.models import Office
from labor_contracts import services
from tests.factories import labor_contracts as f
from tests.factories.governance import officer
from tests.federation.conftest import approve, post, register, signed


@pytest.fixture
def signed_setup(cooperative, board_user):
    """An incorporated cooperative whose Master Staffing Agreement is in force."""
    f.documents_install()
    f.incorporate(cooperative, board_user)
    return cooperative


@pytest.fixture
def owner(cooperative):
    return f.owner_create(email="owner@example.coop")


@pytest.fixture
def active_contract(signed_setup, operations_user, board_user, owner):
    contract = f.contract_active(operations_user, board_user)
    f.assign(contract, owner, operations_user)
    return contract


@pytest.fixture
def ceo(signed_setup):
    """The owner the Board appointed to the CEO's office."""
    return officer(Office.Kind.CEO)


@pytest.fixture
def peer_key() -> SigningKey:
    """The peer cooperative's private key: only its installation signs with it."""
    return SigningKey.generate()


@pytest.fixture
def peer(board_user, peer_key):
    """A peer cooperative, registered and approved by the Board."""
    return approve(board_user, register(board_user, peer_key))


@pytest.fixture
def peer_client(peer, operations_user):
    """The peer cooperative as a client of this one."""
    return services.client_create(
        actor=operations_user, reason="An ally hires us", name="Sister Cooperative", peer=peer
    )


@pytest.fixture
def peer_contract(ceo, peer_client, peer_key, operations_user, board_user, owner):
    """A contract with the peer cooperative, offered by the CEO, accepted by the peer's CEO (a signed
    message), approved by the Board and active, with an owner assigned as a cook."""
    contract = f.contract_draft(operations_user, client=peer_client, rates=(("Cook", "32.50"),))
    services.contract_offer(contract=contract, actor=ceo, reason="Our offer")
    accepted = post(Client(), *signed(peer_key, {"kind": "contracts.accepted", "payload": {"contract": contract.pk}}))
    assert accepted.status_code == 200, accepted.content
    services.contract_approve(contract=contract, actor=board_user, reason="Approved")
    contract = services.contract_activate(contract=contract, actor=operations_user, reason="Work starts")
    f.assign(contract, owner, operations_user, role="Cook")
    return contract
