"""Joining over real HTTP: the outbox POSTs each signed message to a running server, as in
tests/federation/test_outbox_delivery.py. The "alliance" is this installation itself, reached on a
local port with its own key: it sends as a cooperative and receives as an alliance, then the other
way round, switching INSTALLATION_KIND between the deliveries."""

from datetime import timedelta

import pytest
from django.utils import timezone
from nacl.signing import SigningKey

from alliance import services
from alliance.models import AllianceMembership, MemberCooperative
from federation import services as federation_services
from federation.models import InboundMessage, OutboundMessage
from tests.alliance.conftest import as_alliance, as_cooperative
from tests.federation.conftest import approve, free_port, installation_up, register

pytestmark = pytest.mark.django_db(transaction=True)


def _deliver_all() -> int:
    return federation_services.messages_deliver_due(now=timezone.now() + timedelta(days=1))


def test_join_and_admission_travel_over_http_and_apply_once(board_user, settings, cooperative):
    key, port = SigningKey.generate(), free_port()
    itself = approve(board_user, register(board_user, key, name="Loopback", base_url=f"http://127.0.0.1:{port}"))
    settings.FEDERATION_SIGNING_KEY = key.encode().hex()

    with installation_up(port):
        # given the cooperative's Board asks to join (the first delivery, at the commit, is refused:
        # a cooperative applies no join), then the installation turns alliance and the retry lands
        as_cooperative(settings)
        membership = services.alliance_join(peer=itself, actor=board_user, reason="Join over HTTP")
        as_alliance(settings)
        assert _deliver_all() == 1
        application = MemberCooperative.objects.get()
        assert (application.peer, application.name) == (itself, cooperative.name)

        # when the alliance's Board admits it and the answer reaches the cooperative
        services.member_admit(member=application, actor=board_user, reason="Welcome over HTTP")
        as_cooperative(settings)
        delivered = _deliver_all()

    # then the cooperative is a member, and each message was applied exactly once
    assert delivered == 2  # the admission and the directory
    membership.refresh_from_db()
    assert membership.status == AllianceMembership.Status.MEMBER
    assert not OutboundMessage.objects.filter(delivered_at__isnull=True).exists()
    assert sorted(InboundMessage.objects.values_list("kind", flat=True)) == [
        "alliance.admitted",
        "alliance.directory",
        "alliance.join",
    ]
