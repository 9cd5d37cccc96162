"""The Board makes a draft secret motion an encrypted vote on its page, naming trustees from the
cooperative and outside parties and how many decrypt together; before the vote opens it may start
the key ceremony again, which drops every key, dealing and share and gives the vote a new id. No
one else opens the page; bad input comes back under its field with nothing written."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coop.roles import Role
from governance import services
from governance.models import EncryptedElection, Motion, SealedShare, Trustee
from tests.clients import logged_in
from tests.factories import governance as gf
from tests.factories.coop import UserFactory

from . import world


def _url(motion) -> str:
    return reverse("governance:encryption", args=[motion.pk])


def _create(client, motion, **fields):
    data = {"action": "create", "create-threshold": "2", "create-reason": "bylaws 7.2", **fields}
    return client.post(_url(motion), data)


def test_the_board_names_trustees_and_a_threshold(board, owners, secretary):
    auditor = UserFactory(roles=[Role.AUDITOR])
    motion = gf.motion(proposer=owners[0], secret=True)
    page = logged_in(board).get(reverse("governance:motion", args=[motion.pk]))
    assert _url(motion).encode() in page.content
    # Officers and auditors are offered; a plain member stands only as an outside party.
    offered = set(logged_in(board).get(_url(motion)).context["create"].fields["trustees"].queryset)
    assert {secretary, auditor, board} <= offered and owners[1] not in offered
    response = _create(
        logged_in(board),
        motion,
        **{"create-trustees": [secretary.pk, auditor.pk], "create-outside_parties": "Outside Audit\n\n"},
    )
    assert response.status_code == 302
    election = EncryptedElection.objects.get(motion=motion)
    assert election.threshold == 2
    trustees = list(election.trustees.order_by("index").values_list("index", "user", "name"))
    # The people as listed (by name), then the outside parties: numbered 1..n.
    people = sorted([secretary, auditor], key=lambda u: (u.last_name, u.first_name, u.email))
    assert trustees == [(1, people[0].pk, ""), (2, people[1].pk, ""), (3, None, "Outside Audit")]
    assert election.history.first().history_change_reason == "bylaws 7.2"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"create-threshold": "4", "create-outside_parties": "A\nB"}, "Between 1 and 2 trustees"),
        ({"create-outside_parties": ""}, "Name one or more trustees, each once."),
        ({"create-outside_parties": "A\nA"}, "Name one or more trustees, each once."),
        ({"create-reason": "", "create-outside_parties": "A\nB"}, "This field is required."),
    ],
)
def test_bad_input_is_refused_under_its_field_and_kept(board, owners, fields, message):
    motion = gf.motion(proposer=owners[0], secret=True)
    response = _create(logged_in(board), motion, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert not EncryptedElection.objects.filter(motion=motion).exists()
    if fields.get("create-outside_parties"):
        assert fields["create-outside_parties"].split("\n")[0] in page


def test_a_motion_in_clear_or_open_cannot_become_encrypted(board, owners):
    motion = gf.motion(proposer=owners[0])
    response = _create(logged_in(board), motion, **{"create-outside_parties": "A\nB"})
    assert response.status_code == 400
    assert "make the motion secret first" in response.content.decode()


def test_no_one_but_the_board_opens_the_page(owners, secretary, board):
    motion = gf.motion(proposer=owners[0], secret=True)
    assert logged_in(owners[1]).get(_url(motion)).status_code == 403
    assert _create(logged_in(owners[1]), motion, **{"create-outside_parties": "A\nB"}).status_code == 403
    assert not EncryptedElection.objects.exists()
    assert _url(motion).encode() not in logged_in(owners[1]).get(reverse("governance:motion", args=[motion.pk])).content


def test_the_board_restarts_the_key_ceremony_before_the_vote_opens(board, owners, trustees):
    motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    world.ceremony(election, board)
    first_id = EncryptedElection.objects.get(pk=election.pk).election_id
    response = logged_in(board).post(_url(motion), {"action": "restart", "restart-reason": "trustee 2's tool refused"})
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == EncryptedElection.Status.CEREMONY
    assert election.election_id != first_id and election.public_key == ""
    assert not SealedShare.objects.filter(dealer__election=election).exists()
    assert list(Trustee.objects.filter(election=election).values_list("box_key", "dealing")) == [("", None)] * 3
    # The same trustees begin again, and the vote opens once they have.
    world.ceremony(election, board)
    gf.open_motion(motion, board=board)
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.OPEN


def test_the_ceremony_does_not_restart_once_the_vote_is_open(board, owners, trustees):
    motion, election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    response = logged_in(board).post(_url(motion), {"action": "restart", "restart-reason": "too late"})
    assert response.status_code == 400
    assert "only before the vote opens" in response.content.decode()
    election.refresh_from_db()
    assert election.status == EncryptedElection.Status.READY and election.public_key


def test_only_the_board_restarts_the_ceremony(board, owners, trustees):
    motion, _election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    with pytest.raises(PermissionDenied):
        services.encrypted_ceremony_restart(motion=motion, actor=owners[1], reason="no")
