"""A signature created more than five minutes ago is refused as stale, and writes nothing."""

from datetime import timedelta

from django.utils import timezone

from federation.models import InboundMessage
from tests.federation.conftest import hello, post, signed


def test_a_stale_signature_is_refused(peer, peer_key, client):
    # given a request the peer signed six minutes ago (captured, and sent again now)
    headers, content = signed(peer_key, hello(), created=timezone.now() - timedelta(minutes=6))

    response = post(client, headers, content)

    assert response.status_code == 401
    assert "stale" in response.json()["error"]
    assert not InboundMessage.objects.exists()


def test_a_signature_four_minutes_old_is_accepted(peer, peer_key, client):
    headers, content = signed(peer_key, hello(), created=timezone.now() - timedelta(minutes=4))
    assert post(client, headers, content).status_code == 200
