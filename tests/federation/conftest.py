"""Peers built through the services, and requests signed as a peer would sign them."""

from __future__ import annotations

import socket
import uuid
from contextlib import contextmanager

import pytest
from django.db import connections
from django.test.testcases import LiveServerThread
from nacl.signing import SigningKey

from federation import identity, services, signing

INBOX = "/federation/inbox/"
INBOX_URL = "http://testserver" + INBOX


@pytest.fixture
def peer_key() -> SigningKey:
    """The other installation's private key: only it signs as the peer."""
    return SigningKey.generate()


def register(board_user, key: SigningKey, *, name="Sister Cooperative", base_url="https://sister.example.coop"):
    return services.peer_register(
        name=name, base_url=base_url, public_key=key.verify_key.encode().hex(), actor=board_user, reason="An ally"
    )


def approve(board_user, peer):
    return services.peer_approve(peer=peer, fingerprint=peer.fingerprint, actor=board_user, reason="Read aloud")


@pytest.fixture
def peer(board_user, peer_key):
    """An active peer, registered and approved by the Board."""
    return approve(board_user, register(board_user, peer_key))


def signed(key: SigningKey, body: dict, *, nonce: str | None = None, created=None, url: str = INBOX_URL):
    """Return (headers, content) of `body` signed with `key`, as the peer's installation sends it."""
    public_key = key.verify_key.encode().hex()
    return signing.signed_request(
        url=url,
        body=body,
        key=key,
        key_id=identity.key_id(public_key),
        nonce=nonce or str(uuid.uuid4()),
        created=created,
    )


def post(client, headers: dict, content: bytes):
    """POST a signed request to the inbox through the test client, headers as they were signed."""
    extra = {name: value for name, value in headers.items() if name.lower() != "content-type"}
    return client.post(INBOX, data=content, content_type="application/json", headers=extra)


def hello(name="Sister Cooperative", software="coop-platform 0.1.0") -> dict:
    return {"kind": "federation.hello", "payload": {"name": name, "software": software}}


def free_port() -> int:
    """Return a local port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def installation_up(port: int):
    """This installation served on `port` (the peer's address), on the tests' database."""
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():  # as LiveServerTestCase does: the server thread reads the same database
        connection.inc_thread_sharing()
    server = LiveServerThread("127.0.0.1", lambda app: app, connections_override=shared or None, port=port)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    try:
        yield
    finally:
        server.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()
