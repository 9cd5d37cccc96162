"""A trustee's page: a trustee on the platform registers their box key, uploads the dealing the
trustee's tool wrote and, after the close, their partial decryption; the Board relays an outside
party; anyone else is refused, and a refused upload writes nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import services
from governance.models import EncryptedElection, SealedShare
from secret_ballot.trustee import deal_for, decryption_for, new_box_key
from tests.clients import logged_in
from tests.factories import governance as gf

from . import world


@pytest.fixture
def vote(board, owners):
    """An encrypted draft held by two owners and an outside party."""
    return world.encrypted_motion(proposer=owners[0], board=board, trustees=[owners[3], owners[4], "Outside Ltd"])


def _page(motion, index) -> str:
    return reverse("governance:trustee", args=[motion.pk, index])


def _file(client, motion, index) -> dict:
    response = client.get(reverse("governance:trustee_file", args=[motion.pk, index]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def _private(key_file) -> bytes:
    return bytes.fromhex(key_file["private_key"])


def _register(client, motion, index) -> bytes:
    key_file, public = new_box_key()
    response = client.post(_page(motion, index), {"action": "key", "key-box_key": public})
    assert response.status_code == 302 and response["Location"] == _page(motion, index)
    return _private(key_file)


def test_a_trustee_walks_the_ceremony_and_the_decryption_on_their_page(vote, board, owners):
    motion, election = vote
    me, other, outside = logged_in(owners[3]), logged_in(owners[4]), logged_in(board)
    page = me.get(_page(motion, 1))
    assert page.status_code == 200 and page.context["step"] == "keygen"
    assert "secret_ballot.trustee keygen" in page.content.decode()
    privates = {1: _register(me, motion, 1), 2: _register(other, motion, 2), 3: _register(outside, motion, 3)}
    assert "Your box key is registered." in me.get(_page(motion, 1)).content.decode()
    assert me.get(_page(motion, 1)).context["step"] == "deal"
    upload = json.dumps(deal_for(_file(me, motion, 1), privates[1])).encode()
    response = me.post(
        _page(motion, 1), {"action": "dealing", "dealing-upload": SimpleUploadedFile("dealing.json", upload)}
    )
    assert response.status_code == 302
    assert me.get(_page(motion, 1)).context["step"] == "wait_dealings"
    for index, client in ((2, other), (3, outside)):
        pasted = json.dumps(deal_for(_file(client, motion, index), privates[index]))
        assert client.post(_page(motion, index), {"action": "dealing", "dealing-pasted": pasted}).status_code == 302
    election.refresh_from_db()
    assert election.status == EncryptedElection.Status.READY
    assert me.get(_page(motion, 1)).context["step"] == "check"
    gf.open_motion(motion, board=board)
    # the motion page leads each trustee to their own page, and the Board to the outside party's
    assert _page(motion, 1) in me.get(reverse("governance:motion", args=[motion.pk])).content.decode()
    board_view = outside.get(reverse("governance:motion", args=[motion.pk])).content.decode()
    assert _page(motion, 3) in board_view and _page(motion, 1) not in board_view
    world.cast(motion, election, owners[1], [0, 1])
    world.cast(motion, election, owners[2], [0, 1])
    services.motion_close(motion=motion, actor=board, reason="close")
    assert me.get(_page(motion, 1)).context["step"] == "decrypt"
    for index, client in ((1, me), (3, outside)):
        pasted = json.dumps(decryption_for(_file(client, motion, index), privates[index]))
        response = client.post(_page(motion, index), {"action": "decryption", "decryption-pasted": pasted})
        assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == EncryptedElection.Status.DECRYPTED
    assert election.counts == [[0, 2 * election.weight_scale]]


def test_no_one_else_opens_a_trustees_page_or_file(vote, board, owners):
    motion, _election = vote
    stranger_to_it = logged_in(owners[1])
    assert stranger_to_it.get(_page(motion, 1)).status_code == 403
    assert stranger_to_it.get(reverse("governance:trustee_file", args=[motion.pk, 1])).status_code == 403
    assert stranger_to_it.post(_page(motion, 1), {"action": "key", "key-box_key": "00" * 32}).status_code == 403
    # the Board relays an outside party, not a trustee on the platform; an outside party's page is the Board's
    assert logged_in(board).get(_page(motion, 1)).status_code == 403
    assert logged_in(owners[3]).get(_page(motion, 3)).status_code == 403
    assert logged_in(owners[3]).get(_page(motion, 4)).status_code == 404
    plain = gf.motion(proposer=owners[0], secret=True)
    assert logged_in(owners[3]).get(_page(plain, 1)).status_code == 404


def test_the_board_relays_an_outside_party(vote, board):
    motion, election = vote
    client = logged_in(board)
    assert client.get(_page(motion, 3)).status_code == 200
    _register(client, motion, 3)
    assert election.trustees.get(index=3).box_key


def test_a_box_key_not_in_hexadecimal_is_refused_under_its_field_and_kept(vote, owners):
    motion, election = vote
    response = logged_in(owners[3]).post(_page(motion, 1), {"action": "key", "key-box_key": "not a key"})
    assert response.status_code == 400
    form = response.context["forms"]["key"]
    assert form.errors["box_key"] == ["A box key is 32 bytes written in hexadecimal."]
    page = response.content.decode()
    assert 'value="not a key"' in page and "32 bytes written in hexadecimal" in page
    assert election.trustees.get(index=1).box_key == ""


def test_a_dealing_that_fails_verification_is_refused_naming_the_trustee(vote, board, owners):
    motion, election = vote
    boxes = world.register_keys(election, board)
    dealing, sealed = world.dealt(election, election.trustees.get(index=1), boxes)
    dealing["proof"] = world.dealt(election, election.trustees.get(index=2), boxes)[0]["proof"]
    pasted = json.dumps({"dealing": dealing, "sealed_shares": sealed})
    response = logged_in(owners[3]).post(_page(motion, 1), {"action": "dealing", "dealing-pasted": pasted})
    assert response.status_code == 400
    (message,) = response.context["forms"]["dealing"].errors["pasted"]
    assert message.startswith("Refused: trustee 1")
    assert election.trustees.get(index=1).dealing is None and not SealedShare.objects.exists()


def test_an_upload_that_is_not_json_is_refused(vote, board, owners):
    motion, election = vote
    world.register_keys(election, board)
    response = logged_in(owners[3]).post(_page(motion, 1), {"action": "dealing", "dealing-pasted": "{oops"})
    assert response.status_code == 400
    assert response.context["forms"]["dealing"].errors["pasted"]
    assert "{oops" in response.content.decode()


def test_a_post_without_a_known_step_is_refused(vote, owners):
    motion, election = vote
    response = logged_in(owners[3]).post(_page(motion, 1), {})
    assert response.status_code == 400
    assert "Choose one of the steps on this page." in response.content.decode()
    assert election.trustees.get(index=1).box_key == ""
