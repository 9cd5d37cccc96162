"""A message signed with a peer's key is verified at this installation's inbox and applied."""

from django.test import Client

from federation.models import InboundMessage
from tests.federation.conftest import hello, post, signed


def test_a_message_signed_by_the_peer_is_verified_and_applied(peer, peer_key):
    # given an active peer whose installation signs a hello with its own key
    headers, content = signed(peer_key, hello(name="Sister Cooperative", software="coop-platform 9.9"))

    # when it reaches the inbox
    response = Client().post(
        "/federation/inbox/",
        data=content,
        content_type="application/json",
        headers={k: v for k, v in headers.items() if k != "Content-Type"},
    )

    # then it is accepted, recorded once and applied: the peer's announced name and software are kept
    assert response.status_code == 200, response.content
    received = InboundMessage.objects.get()
    assert (received.peer, received.kind, received.applied_at is not None) == (peer, "federation.hello", True)
    peer.refresh_from_db()
    assert (peer.announced_name, peer.announced_software) == ("Sister Cooperative", "coop-platform 9.9")
    assert peer.last_hello_at is not None


def test_the_signature_covers_method_target_digest_created_and_nonce(peer, peer_key):
    # given a signed request
    headers, _content = signed(peer_key, hello(), nonce="5b0e1c3e-8a9f-4c4b-9d52-0c1f5a3e7d11")

    # then its signature input names every covered component and parameter
    signature_input = headers["Signature-Input"]
    assert '("@method" "@target-uri" "content-digest")' in signature_input
    assert "created=" in signature_input
    assert 'nonce="5b0e1c3e-8a9f-4c4b-9d52-0c1f5a3e7d11"' in signature_input
    assert 'alg="ed25519"' in signature_input
    assert headers["Content-Digest"].startswith("sha-256=:")


def test_the_response_is_json_naming_the_outcome(peer, peer_key, client):
    headers, content = signed(peer_key, hello())
    assert post(client, headers, content).json() == {"status": "ok", "message": "Applied."}
