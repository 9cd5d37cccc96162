"""Two installations in one database: a cooperative and its alliance, each a peer of the other.

A message one side writes to its outbox is relayed to the inbox as the other side receives it:
signed with the sending installation's key and applied with the receiving installation's setting,
through the same signed inbox the network reaches (tests/federation/conftest.py)."""

from __future__ import annotations

import pytest
from nacl.signing import SigningKey

from federation.models import OutboundMessage
from tests.federation.conftest import approve, post, register, signed

# Nothing listens there: a delivery after a commit is refused at once, and the outbox keeps the message.
NOWHERE = "http://127.0.0.1:9"


class Installations:
    """The cooperative's and the alliance's keys, and each one's record of the other as a peer."""

    def __init__(self, board_user):
        self.cooperative_key = SigningKey.generate()
        self.alliance_key = SigningKey.generate()
        # On the cooperative: the alliance. On the alliance: the cooperative.
        self.alliance_peer = approve(
            board_user, register(board_user, self.alliance_key, name="Regional Alliance", base_url=NOWHERE)
        )
        self.cooperative_peer = approve(
            board_user, register(board_user, self.cooperative_key, name="Sister Cooperative", base_url=NOWHERE + "/c")
        )


@pytest.fixture
def two(board_user) -> Installations:
    return Installations(board_user)


def as_cooperative(settings) -> None:
    settings.INSTALLATION_KIND = "cooperative"


def as_alliance(settings) -> None:
    settings.INSTALLATION_KIND = "alliance"


def relay(client, message: OutboundMessage, key: SigningKey):
    """Deliver `message` to the inbox as the installation holding `key` sends it; return the answer."""
    body = {"kind": message.kind, "payload": message.payload}
    return post(client, *signed(key, body, nonce=str(message.idempotency_key)))


def last_sent(peer, kind: str) -> OutboundMessage:
    return OutboundMessage.objects.filter(peer=peer, kind=kind).order_by("-pk").first()
