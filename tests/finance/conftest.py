import pytest
from nacl.signing import SigningKey

from alliance import services as alliance_services
from coop.audit import acting
from finance import services
from tests.factories.finance import books_with_surplus
from tests.factories.labor_contracts import incorporate
from tests.federation.conftest import approve, register


@pytest.fixture
def chart(cooperative):
    return services.accounts_ensure(actor=None, reason="test setup")


@pytest.fixture
def incorporated(cooperative, board_user, chart):
    return incorporate(cooperative, board_user)


@pytest.fixture
def march_books(incorporated, operations_user, board_user):
    """Revenue of 1000 and a posted March payroll of 2 members: 4 h and 6 h at 25."""
    return books_with_surplus(operations_user, board_user)


@pytest.fixture
def alliance_key() -> SigningKey:
    """The alliance installation's private key: only it signs as the alliance."""
    return SigningKey.generate()


@pytest.fixture
def alliance(board_user, alliance_key):
    """The alliance's installation, an active peer registered and approved by the Board, which
    admitted this cooperative: only an alliance it belongs to sets its solidarity contribution."""
    peer = approve(
        board_user, register(board_user, alliance_key, name="Alliance", base_url="https://alliance.example.coop")
    )
    alliance_services.alliance_join(peer=peer, actor=board_user, reason="Join the alliance")
    with acting(None, "Message from the alliance"):
        alliance_services.admitted_apply(peer, {})
    return peer


def solidarity_payload(percent="5.00", starts_on="2026-01-01", **changes) -> dict:
    """The payload of `alliance.solidarity_contribution` as docs/alliance.md defines it."""
    payload = {
        "percent": percent,
        "starts_on": starts_on,
        "motion_number": "A-7",
        "motion_title": "Solidarity contribution of the member cooperatives",
        "certified_on": "2025-12-15",
    }
    return {**payload, **changes}


def commit(alliance, percent="5.00", starts_on="2026-01-01"):
    """Record the alliance's commitment as its message does, inside the inbox's audit context."""
    with acting(None, "Message from the alliance"):
        return services.solidarity_commitment_receive(alliance, solidarity_payload(percent, starts_on))
