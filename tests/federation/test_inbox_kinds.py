"""A message of a kind this installation does not know, or one its handler refuses, is answered
400 and leaves nothing written: the handler runs in the transaction that records the message."""

from django.core.exceptions import ValidationError

from federation import handlers
from federation.models import InboundMessage, Peer
from tests.federation.conftest import hello, post, signed


def test_an_unknown_kind_is_refused_and_nothing_written(peer, peer_key, client):
    response = post(client, *signed(peer_key, {"kind": "solidarity.pledge", "payload": {}}))
    assert response.status_code == 400
    assert "solidarity.pledge" in response.json()["error"]
    assert not InboundMessage.objects.exists()


def test_a_payload_the_handler_refuses_is_refused_and_nothing_written(peer, peer_key, client):
    # given a hello whose name is not text
    response = post(client, *signed(peer_key, {"kind": "federation.hello", "payload": {"name": 7, "software": "x"}}))

    # then it is refused naming the problem; no message is recorded and the peer is unchanged
    assert response.status_code == 400
    assert "at most 200 characters" in response.json()["error"]
    assert not InboundMessage.objects.exists()
    peer.refresh_from_db()
    assert peer.last_hello_at is None


def test_a_handler_that_wrote_before_refusing_leaves_nothing(peer, peer_key, client, monkeypatch):
    # given a handler that changes the peer and then refuses the message
    def half_then_refuse(peer, payload):
        Peer.objects.filter(pk=peer.pk).update(announced_name="half-written")
        raise ValidationError({"payload": "refused after writing"})

    monkeypatch.setitem(handlers._handlers, "test.half", half_then_refuse)

    response = post(client, *signed(peer_key, {"kind": "test.half", "payload": {}}))

    assert response.status_code == 400
    peer.refresh_from_db()
    assert peer.announced_name == ""
    assert not InboundMessage.objects.exists()


def test_a_body_that_is_not_a_message_is_refused(peer, peer_key, client):
    response = post(client, *signed(peer_key, {"payload": {}}))
    assert response.status_code == 400
    assert not InboundMessage.objects.exists()


def test_the_hello_kind_is_registered_by_federation_itself():
    assert "federation.hello" in handlers.kinds()
    assert hello()["kind"] == "federation.hello"
