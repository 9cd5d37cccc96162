"""A message to a peer that is down is kept, tried again later and later, and delivered once the
peer is up, over a real socket to a running server; a suspended peer's messages wait."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from nacl.signing import SigningKey

from federation import services
from federation.models import InboundMessage, OutboundMessage, Peer
from federation.services import messages as outbox
from tests.federation.conftest import approve, free_port, installation_up, register

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def looped_peer(board_user, settings):
    """A peer at a local port whose key is the one this installation signs with from now on: the
    "peer" is this installation itself, so its inbox verifies what its outbox sends."""
    key = SigningKey.generate()
    port = free_port()
    peer = approve(board_user, register(board_user, key, base_url=f"http://127.0.0.1:{port}"))
    settings.FEDERATION_SIGNING_KEY = key.encode().hex()
    return peer, port


def test_a_peer_that_is_down_loses_nothing_and_gets_the_message_once_up(looped_peer, board_user):
    peer, port = looped_peer

    # given a hello sent while nothing listens at the peer's address (the delivery after commit fails)
    message = services.peer_hello_send(peer=peer, actor=board_user, reason="Are you there?")
    message.refresh_from_db()
    assert (message.attempts, message.delivered_at) == (1, None)
    assert "Connection refused" in message.last_error or "Errno" in message.last_error
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=20)

    # when the sweep runs before the next attempt is due, nothing is tried
    assert services.messages_deliver_due() == 0
    message.refresh_from_db()
    assert message.attempts == 1

    # and a second failure waits twice as long
    later = message.next_attempt_at
    assert services.messages_deliver_due(now=later) == 0
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at - later == timedelta(seconds=60)

    # when the peer is up and the attempt is due
    with installation_up(port):
        delivered = services.messages_deliver_due(now=message.next_attempt_at)

    # then the message is delivered and applied there, once
    assert delivered == 1
    message.refresh_from_db()
    assert message.delivered_at is not None and message.last_error == ""
    received = InboundMessage.objects.get()
    assert (received.idempotency_key, received.kind) == (message.idempotency_key, "federation.hello")
    peer.refresh_from_db()
    assert peer.announced_software.startswith("coop-platform")


def test_a_delivery_repeated_after_success_is_answered_already_received(looped_peer, board_user):
    peer, port = looped_peer
    message = services.peer_hello_send(peer=peer, actor=board_user, reason="Are you there?")
    with installation_up(port):
        assert services.messages_deliver_due(now=timezone.now() + timedelta(minutes=1)) == 1
        # as if the answer had been lost: the same message is posted again
        OutboundMessage.objects.filter(pk=message.pk).update(delivered_at=None)
        assert outbox.message_deliver(message.pk, now=timezone.now() + timedelta(minutes=5)) is True
    assert InboundMessage.objects.count() == 1


def test_a_suspended_peers_messages_wait(looped_peer, board_user):
    peer, port = looped_peer
    services.peer_suspend(peer=peer, actor=board_user, reason="A dispute")
    message = services.message_send(
        peer=Peer.objects.get(pk=peer.pk), kind="federation.hello", payload={}, actor=board_user, reason="Later"
    )
    with installation_up(port):
        assert services.messages_deliver_due(now=timezone.now() + timedelta(hours=1)) == 0
    message.refresh_from_db()
    assert (message.attempts, message.delivered_at) == (0, None)


def test_a_proposed_peer_receives_nothing(board_user):
    peer = register(board_user, SigningKey.generate())
    with pytest.raises(ValidationError) as refusal:
        services.message_send(peer=peer, kind="federation.hello", payload={}, actor=board_user, reason="Too soon")
    assert "peer" in refusal.value.message_dict
    assert not OutboundMessage.objects.exists()
