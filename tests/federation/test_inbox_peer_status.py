"""A peer that is not active (proposed, suspended, removed) is refused at the inbox with 403, and
nothing is written."""

import pytest

from federation import services
from federation.models import InboundMessage
from tests.federation.conftest import hello, post, register, signed


def _state(peer):
    peer.refresh_from_db()
    return InboundMessage.objects.count(), peer.history.count(), peer.last_hello_at


@pytest.mark.parametrize("service", [services.peer_suspend, services.peer_remove])
def test_a_suspended_or_removed_peer_is_refused(peer, peer_key, board_user, client, service):
    # given a peer the Board suspended (or removed)
    service(peer=peer, actor=board_user, reason="A dispute")
    before = _state(peer)

    # when its installation sends a well-signed message
    response = post(client, *signed(peer_key, hello()))

    # then it is refused, naming the peer's status, and nothing is written
    assert response.status_code == 403
    assert peer.get_status_display().lower() in response.json()["error"]
    assert _state(peer) == before


def test_a_peer_not_yet_approved_is_refused(board_user, peer_key, client):
    peer = register(board_user, peer_key)
    response = post(client, *signed(peer_key, hello()))
    assert response.status_code == 403
    assert not InboundMessage.objects.exists()
    assert peer.history.count() == 1


def test_a_resumed_peer_is_heard_again(peer, peer_key, board_user, client):
    services.peer_suspend(peer=peer, actor=board_user, reason="A dispute")
    services.peer_resume(peer=peer, actor=board_user, reason="Settled")
    assert post(client, *signed(peer_key, hello())).status_code == 200
