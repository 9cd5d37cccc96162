"""The Board registers, approves, suspends, resumes and removes peers, each kept in the history;
nobody else may, and bad input is refused naming its field."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from nacl.signing import SigningKey

from federation import identity, services
from federation.models import Peer
from tests.federation.conftest import approve, register


def test_a_member_may_not_register_a_peer(member_user, peer_key):
    with pytest.raises(PermissionDenied):
        register(member_user, peer_key)
    assert not Peer.objects.exists()


@pytest.mark.parametrize("service", ["peer_approve", "peer_suspend", "peer_resume", "peer_remove", "peer_hello_send"])
def test_only_the_board_moves_a_peer_on(board_user, operations_user, peer_key, service):
    peer = register(board_user, peer_key)
    extra = {"fingerprint": peer.fingerprint} if service == "peer_approve" else {}
    with pytest.raises(PermissionDenied):
        getattr(services, service)(peer=peer, actor=operations_user, reason="Not mine to do", **extra)
    peer.refresh_from_db()
    assert (peer.status, peer.history.count()) == (Peer.Status.PROPOSED, 1)


def test_a_registered_peer_is_proposed_with_its_fingerprint(board_user, peer_key):
    peer = register(board_user, peer_key)
    assert peer.status == Peer.Status.PROPOSED
    assert peer.fingerprint == identity.fingerprint(peer_key.verify_key.encode().hex())
    assert len(peer.fingerprint.split()) == 8
    assert peer.history.get().history_change_reason == "An ally"


def test_a_wrong_fingerprint_is_refused_naming_the_field(board_user, peer_key):
    # given a proposed peer, and a fingerprint read aloud that is not its key's
    peer = register(board_user, peer_key)
    other = identity.fingerprint(SigningKey.generate().verify_key.encode().hex())

    with pytest.raises(ValidationError) as refusal:
        services.peer_approve(peer=peer, fingerprint=other, actor=board_user, reason="Read aloud")

    assert "fingerprint" in refusal.value.message_dict
    peer.refresh_from_db()
    assert peer.status == Peer.Status.PROPOSED


def test_the_fingerprint_may_be_typed_without_spaces_or_in_lower_case(board_user, peer_key):
    peer = register(board_user, peer_key)
    typed = peer.fingerprint.replace(" ", "-").lower()
    approved = services.peer_approve(peer=peer, fingerprint=typed, actor=board_user, reason="Read aloud")
    assert (approved.status, approved.approved_by, approved.approved_at is not None) == (
        Peer.Status.ACTIVE,
        board_user,
        True,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("public_key", "abc"),
        ("public_key", "zz" * 32),
        ("public_key", "00" * 33),
        ("base_url", "ftp://x.example"),
        ("base_url", "http://ally.example"),  # in clear across the network
        ("base_url", "http://127.0.0.1.example"),
    ],
)
def test_bad_input_is_refused_naming_the_field(board_user, field, value):
    fields = {"name": "Ally", "base_url": "https://ally.example", "public_key": "11" * 32, field: value}
    with pytest.raises(ValidationError) as refusal:
        services.peer_register(**fields, actor=board_user, reason="An ally")
    assert field in refusal.value.message_dict
    assert not Peer.objects.exists()


@pytest.mark.parametrize("address", ["http://127.0.0.1:8001", "http://localhost:8002/", "http://[::1]:8003"])
def test_plain_http_is_for_an_installation_on_this_machine(board_user, address):
    peer = services.peer_register(
        name="Next door", base_url=address, public_key="11" * 32, actor=board_user, reason="Side by side"
    )
    assert peer.inbox_url.startswith(address.rstrip("/"))


def test_this_installations_own_key_is_refused(board_user):
    with pytest.raises(ValidationError) as refusal:
        services.peer_register(
            name="Us", base_url="https://us.example", public_key=identity.public_key_hex(), actor=board_user, reason="?"
        )
    assert "public_key" in refusal.value.message_dict


def test_a_key_already_registered_is_refused_until_its_peer_is_removed(board_user, peer_key):
    first = register(board_user, peer_key)
    with pytest.raises(ValidationError) as refusal:
        register(board_user, peer_key)
    assert "public_key" in refusal.value.message_dict
    services.peer_remove(peer=first, actor=board_user, reason="Left the alliance")
    assert register(board_user, peer_key).status == Peer.Status.PROPOSED


def test_suspend_resume_and_remove_are_kept_in_the_history(board_user, peer_key):
    peer = approve(board_user, register(board_user, peer_key))
    services.peer_suspend(peer=peer, actor=board_user, reason="A dispute")
    services.peer_resume(peer=peer, actor=board_user, reason="Settled")
    services.peer_remove(peer=peer, actor=board_user, reason="Left the alliance")
    history = list(peer.history.order_by("history_date").values_list("status", "history_change_reason"))
    assert history == [
        ("proposed", "An ally"),
        ("active", "Read aloud"),
        ("suspended", "A dispute"),
        ("active", "Settled"),
        ("removed", "Left the alliance"),
    ]
    assert {h.history_user for h in peer.history.all()} == {board_user}


def test_a_removed_peer_stays_removed(board_user, peer_key):
    peer = services.peer_remove(peer=register(board_user, peer_key), actor=board_user, reason="Mistake")
    with pytest.raises(ValidationError) as refusal:
        services.peer_resume(peer=peer, actor=board_user, reason="Changed our mind")
    assert "status" in refusal.value.message_dict


def test_a_reason_is_required(board_user, peer_key):
    with pytest.raises(ValidationError) as refusal:
        services.peer_register(
            name="Ally", base_url="https://ally.example", public_key="22" * 32, actor=board_user, reason=" "
        )
    assert "reason" in refusal.value.message_dict
