"""A replayed message (the same idempotency key from the same peer) is answered 200, already
received, and applied only once."""

from django.db.models.signals import post_save

from federation import handlers
from federation.models import InboundMessage, Peer
from tests.federation.conftest import hello, post, signed


def test_a_replayed_message_is_already_received_and_applied_once(peer, peer_key, client):
    # given a hello the peer sent and this installation applied
    headers, content = signed(peer_key, hello(), nonce="0f6c3d4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f")
    assert post(client, headers, content).status_code == 200
    saves = []
    post_save.connect(lambda sender, **kw: saves.append(sender), sender=Peer, weak=False, dispatch_uid="replay-test")
    try:
        # when the very same request arrives again (a retry whose answer was lost, or an attacker's copy)
        response = post(client, headers, content)
    finally:
        post_save.disconnect(sender=Peer, dispatch_uid="replay-test")

    # then it is answered as already received, and nothing is applied or recorded again
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "message": "Already received."}
    assert InboundMessage.objects.count() == 1
    assert saves == []


def test_a_replay_with_a_fresh_signature_is_still_applied_once(peer, peer_key, client, monkeypatch):
    # given a message applied once
    key = "8d7c6b5a-4938-4271-8a6b-5c4d3e2f1a0b"
    calls = []
    monkeypatch.setitem(handlers._handlers, "test.count", lambda peer, payload: calls.append(payload))
    body = {"kind": "test.count", "payload": {"n": 1}}
    assert post(client, *signed(peer_key, body, nonce=key)).status_code == 200

    # when the peer signs the same message again, later, with the same idempotency key
    response = post(client, *signed(peer_key, body, nonce=key))

    # then the handler ran once
    assert response.json()["message"] == "Already received."
    assert calls == [{"n": 1}]
