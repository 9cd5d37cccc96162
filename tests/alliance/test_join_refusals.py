"""Refusals around joining: each names its field (400) or refuses the actor (403), and writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from nacl.signing import SigningKey

from alliance import services
from alliance.checks import installation_kind_check
from alliance.models import AllianceMembership, MemberCooperative
from federation.models import InboundMessage, OutboundMessage
from tests.alliance.conftest import as_alliance, as_cooperative, last_sent, relay
from tests.federation.conftest import post, register, signed


def _nothing_written():
    assert not AllianceMembership.objects.exists()
    assert not MemberCooperative.objects.exists()
    assert not OutboundMessage.objects.filter(kind__startswith="alliance.").exists()


def test_joining_a_peer_that_is_not_active_is_refused(board_user, settings):
    as_cooperative(settings)
    proposed = register(board_user, SigningKey.generate(), name="Unconfirmed")
    with pytest.raises(ValidationError) as refusal:
        services.alliance_join(peer=proposed, actor=board_user, reason="Too soon")
    assert "peer" in refusal.value.message_dict
    _nothing_written()


def test_an_alliance_does_not_join_an_alliance(two, board_user, settings):
    as_alliance(settings)
    with pytest.raises(ValidationError) as refusal:
        services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Alliance of alliances later")
    assert "peer" in refusal.value.message_dict
    _nothing_written()


def test_asking_the_same_alliance_twice_is_refused(two, board_user, settings):
    as_cooperative(settings)
    services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Once")
    with pytest.raises(ValidationError) as refusal:
        services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Twice")
    assert "peer" in refusal.value.message_dict
    assert AllianceMembership.objects.count() == 1


@pytest.mark.parametrize("who", ["member_user", "operations_user", "auditor_user"])
def test_only_the_board_joins(two, who, request, settings):
    as_cooperative(settings)
    with pytest.raises(PermissionDenied):
        services.alliance_join(peer=two.alliance_peer, actor=request.getfixturevalue(who), reason="Not mine")
    _nothing_written()


def test_a_join_received_by_a_cooperative_is_refused_and_nothing_written(two, client, settings, cooperative):
    # given an installation that is a cooperative, not an alliance
    as_cooperative(settings)
    join = {"kind": "alliance.join", "payload": {"name": "Sister Cooperative", "profile": {}}}

    # when a peer's join arrives
    response = post(client, *signed(two.cooperative_key, join))

    # then it is refused (400) naming the problem, and nothing is recorded
    assert response.status_code == 400
    assert "not an alliance" in response.json()["error"]
    assert not InboundMessage.objects.exists()
    assert not MemberCooperative.objects.exists()


def test_a_join_with_a_bad_profile_is_refused_naming_the_field(two, client, settings):
    as_alliance(settings)
    join = {"kind": "alliance.join", "payload": {"name": "Sister", "profile": {"size": "many"}}}
    response = post(client, *signed(two.cooperative_key, join))
    assert response.status_code == 400
    assert "size" in response.json()["error"] or "whole number" in response.json()["error"]
    assert not MemberCooperative.objects.exists()


def test_an_admission_nobody_asked_for_is_refused(two, client, settings):
    as_cooperative(settings)
    response = post(client, *signed(two.alliance_key, {"kind": "alliance.admitted", "payload": {}}))
    assert response.status_code == 400
    assert not InboundMessage.objects.exists()


def test_admitting_twice_is_refused(two, board_user, client, settings):
    as_cooperative(settings)
    services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Join")
    as_alliance(settings)
    relay(client, last_sent(two.alliance_peer, "alliance.join"), two.cooperative_key)
    application = MemberCooperative.objects.get()
    services.member_admit(member=application, actor=board_user, reason="Welcome")
    sent = OutboundMessage.objects.count()

    with pytest.raises(ValidationError) as refusal:
        services.member_admit(member=application, actor=board_user, reason="Again")

    assert "status" in refusal.value.message_dict
    assert OutboundMessage.objects.count() == sent


def test_only_the_board_admits(two, board_user, member_user, client, settings):
    as_cooperative(settings)
    services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Join")
    as_alliance(settings)
    relay(client, last_sent(two.alliance_peer, "alliance.join"), two.cooperative_key)
    with pytest.raises(PermissionDenied):
        services.member_admit(member=MemberCooperative.objects.get(), actor=member_user, reason="Me")
    assert MemberCooperative.objects.get().status == MemberCooperative.Status.APPLIED


def test_the_join_page_refuses_a_member_with_403(two, member_client, settings):
    as_cooperative(settings)
    response = member_client.post(reverse("alliance:overview"), {"peer": two.alliance_peer.pk, "reason": "I decide"})
    assert response.status_code == 403
    _nothing_written()


def test_the_join_page_names_the_missing_reason_with_400(two, board_client, settings):
    as_cooperative(settings)
    response = board_client.post(reverse("alliance:overview"), {"peer": two.alliance_peer.pk, "reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    _nothing_written()


def test_the_board_joins_through_the_page(two, board_client, settings):
    as_cooperative(settings)
    response = board_client.post(reverse("alliance:overview"), {"peer": two.alliance_peer.pk, "reason": "Allies"})
    assert response.status_code == 302
    assert AllianceMembership.objects.get().alliance == two.alliance_peer
    assert last_sent(two.alliance_peer, "alliance.join").reason == "Allies"


def test_a_misspelt_installation_kind_stops_the_start(settings):
    settings.INSTALLATION_KIND = "aliance"
    assert [error.id for error in installation_kind_check(None)] == ["alliance.E001"]
    settings.INSTALLATION_KIND = "alliance"
    assert installation_kind_check(None) == []
