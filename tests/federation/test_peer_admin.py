"""The Board's pages: a peer is registered and approved in the admin, moved on by actions, and its
page lists what was sent to it and received from it, in a constant number of queries."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federation import identity, services
from federation.models import InboundMessage, Peer
from tests.clients import logged_in
from tests.federation.conftest import approve, hello, post, register, signed


def test_the_board_registers_a_peer_in_the_admin(board_client, peer_key):
    response = board_client.post(
        reverse("admin:federation_peer_add"),
        {
            "name": "Sister Cooperative",
            "base_url": "https://sister.example.coop",
            "public_key": peer_key.verify_key.encode().hex(),
            "change_reason": "Agreed at the General Conference",
        },
    )
    assert response.status_code == 302, response.content
    peer = Peer.objects.get()
    assert (peer.status, peer.history.get().history_change_reason) == (
        Peer.Status.PROPOSED,
        "Agreed at the General Conference",
    )


def test_a_bad_public_key_is_shown_next_to_its_field(board_client):
    response = board_client.post(
        reverse("admin:federation_peer_add"),
        {"name": "X", "base_url": "https://x.example", "public_key": "nope", "change_reason": "Try"},
    )
    assert response.status_code == 200
    assert "public_key" in response.context["adminform"].form.errors
    assert not Peer.objects.exists()


def test_the_approval_page_refuses_a_wrong_fingerprint_and_accepts_the_right_one(board_client, board_user, peer_key):
    peer = register(board_user, peer_key)
    url = reverse("admin:federation_peer_approve", args=[peer.pk])
    page = board_client.get(url)
    assert identity.own_fingerprint() in page.content.decode()

    wrong = board_client.post(url, {"fingerprint": "0000 0000 0000 0000 0000 0000 0000 0000", "reason": "Heard"})
    assert wrong.status_code == 400
    assert "fingerprint" in wrong.context["form"].errors
    peer.refresh_from_db()
    assert peer.status == Peer.Status.PROPOSED

    right = board_client.post(url, {"fingerprint": peer.fingerprint, "reason": "Heard on the phone"})
    assert right.status_code == 302
    peer.refresh_from_db()
    assert peer.status == Peer.Status.ACTIVE


def test_operations_may_not_approve(operations_user, board_user, peer_key):
    peer = register(board_user, peer_key)
    url = reverse("admin:federation_peer_approve", args=[peer.pk])
    response = logged_in(operations_user).post(url, {"fingerprint": peer.fingerprint, "reason": "Me"})
    assert response.status_code == 403
    peer.refresh_from_db()
    assert peer.status == Peer.Status.PROPOSED


def _exchange(peer, peer_key, board_user, client, n):
    for _i in range(n):
        services.message_send(peer=peer, kind="federation.hello", payload={"n": _i}, actor=board_user, reason="Hi")
        post(client, *signed(peer_key, hello(), nonce=str(uuid.uuid4())))


def test_a_peers_page_lists_what_was_sent_and_received_in_constant_queries(board_client, board_user, peer_key, client):
    # given an active peer with a message each way
    peer = approve(board_user, register(board_user, peer_key))
    _exchange(peer, peer_key, board_user, client, 1)
    url = reverse("admin:federation_peer_change", args=[peer.pk])
    board_client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = board_client.get(url)
    sent = peer.outbound.get()
    assert str(sent.idempotency_key) in page.content.decode()
    assert str(InboundMessage.objects.get().idempotency_key) in page.content.decode()

    # when thirty more go each way
    _exchange(peer, peer_key, board_user, client, 30)
    with CaptureQueriesContext(connection) as many:
        page = board_client.get(url)

    # then the page runs as many queries, and shows a page of each list with a link to the next
    assert len(many.captured_queries) == len(few.captured_queries)
    assert page.status_code == 200
    assert "?sent=2" in page.content.decode() and "?received=2" in page.content.decode()


def test_the_messages_are_read_only_in_the_admin(board_client, board_user, peer_key):
    peer = approve(board_user, register(board_user, peer_key))
    message = services.message_send(peer=peer, kind="federation.hello", payload={}, actor=board_user, reason="Hi")
    change = reverse("admin:federation_outboundmessage_change", args=[message.pk])
    assert board_client.get(change).status_code == 200
    assert board_client.post(change, {}).status_code == 403
    assert board_client.get(reverse("admin:federation_outboundmessage_add")).status_code == 403


def test_operations_may_not_read_the_messages_whether_or_not_they_exist(operations_user):
    client = logged_in(operations_user)
    for model in ("outboundmessage", "inboundmessage"):
        assert client.get(reverse(f"admin:federation_{model}_history", args=[999])).status_code == 403
        assert client.get(reverse(f"admin:federation_{model}_changelist")).status_code == 403
