"""Only an alliance this cooperative belongs to sets its solidarity contribution: the same signed
message from a peer that is not its alliance, from an alliance it only asked to join or has left,
or arriving at an alliance, is refused (400, saying why) and writes nothing."""

import pytest

from alliance import services
from alliance.models import AllianceMembership
from coop.audit import acting
from federation.models import InboundMessage
from finance.models import SolidarityCommitment
from tests.federation.conftest import post, signed

from .conftest import as_alliance, as_cooperative

pytestmark = pytest.mark.django_db

COMMITMENT = {
    "kind": "alliance.solidarity_contribution",
    "payload": {
        "percent": "4.00",
        "starts_on": "2027-01-01",
        "motion_number": "A-3",
        "motion_title": "A solidarity fund for the member cooperatives",
        "certified_on": "2026-12-01",
    },
}


def _member(two, board_user) -> AllianceMembership:
    membership = services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="We join")
    with acting(None, "Message from the alliance"):
        services.admitted_apply(two.alliance_peer, {})
    membership.refresh_from_db()
    return membership


NOT_OURS = "Only an alliance this cooperative belongs to sets its solidarity contribution."
ON_AN_ALLIANCE = "This installation is an alliance"


def _refused(response, why: str) -> None:
    assert response.status_code == 400, response.content
    assert why in response.json()["error"]
    assert not SolidarityCommitment.objects.exists()
    assert not InboundMessage.objects.exists()


def test_the_alliance_it_belongs_to_sets_the_contribution(two, board_user, client, settings):
    as_cooperative(settings)
    _member(two, board_user)
    response = post(client, *signed(two.alliance_key, COMMITMENT))
    assert response.status_code == 200, response.content
    assert SolidarityCommitment.objects.get().peer == two.alliance_peer


def test_another_peer_is_refused(two, board_user, client, settings):
    as_cooperative(settings)
    _member(two, board_user)
    # the sister cooperative is an active peer, but not this cooperative's alliance
    _refused(post(client, *signed(two.cooperative_key, COMMITMENT)), NOT_OURS)


def test_an_alliance_only_asked_or_left_is_refused(two, board_user, client, settings):
    as_cooperative(settings)
    services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="We ask to join")
    _refused(post(client, *signed(two.alliance_key, COMMITMENT)), NOT_OURS)
    membership = AllianceMembership.objects.get()
    with acting(None, "Message from the alliance"):
        services.admitted_apply(two.alliance_peer, {})
    services.alliance_leave(membership=membership, actor=board_user, reason="We leave")
    _refused(post(client, *signed(two.alliance_key, COMMITMENT)), NOT_OURS)


def test_an_alliance_receiving_it_refuses_it(two, client, settings):
    as_alliance(settings)
    _refused(post(client, *signed(two.alliance_key, COMMITMENT)), ON_AN_ALLIANCE)
