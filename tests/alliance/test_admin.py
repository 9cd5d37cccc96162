"""The admin shows the alliance's records read-only: no add, change or delete; the Board admits,
refuses and leaves through actions that call the services, with a reason."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from alliance import services
from alliance.models import AllianceMembership, MemberCooperative
from tests.alliance.conftest import as_alliance, as_cooperative, last_sent, relay


@pytest.fixture
def application(two, board_user, client, settings):
    as_cooperative(settings)
    services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Join")
    as_alliance(settings)
    relay(client, last_sent(two.alliance_peer, "alliance.join"), two.cooperative_key)
    return MemberCooperative.objects.get()


@pytest.mark.parametrize("model", ["alliancemembership", "membercooperative"])
def test_no_generic_add_change_or_delete(model, application, board_client):
    pk = application.pk if model == "membercooperative" else AllianceMembership.objects.get().pk
    assert board_client.get(reverse(f"admin:alliance_{model}_add")).status_code == 403
    assert board_client.post(reverse(f"admin:alliance_{model}_delete", args=[pk]), {"post": "yes"}).status_code == 403
    page = board_client.post(reverse(f"admin:alliance_{model}_change", args=[pk]), {"status": "admitted"})
    assert page.status_code == 403
    assert MemberCooperative.objects.get().status == MemberCooperative.Status.APPLIED


def test_the_board_admits_through_the_action_with_a_reason(application, board_client, two):
    url = reverse("admin:alliance_membercooperative_changelist")
    response = board_client.post(
        url,
        {"action": "cooperatives_admit", ACTION_CHECKBOX_NAME: [application.pk], "confirm": "yes", "reason": "Welcome"},
    )
    assert response.status_code == 302, response.content
    application.refresh_from_db()
    assert application.status == MemberCooperative.Status.ADMITTED
    assert last_sent(two.cooperative_peer, "alliance.admitted").reason == "Welcome"


def test_the_auditor_reads_but_is_not_offered_the_actions(application, auditor_client):
    page = auditor_client.get(reverse("admin:alliance_membercooperative_changelist"))
    assert page.status_code == 200
    assert "cooperatives_admit" not in page.content.decode()


def test_a_post_to_a_change_page_that_does_not_exist_is_refused(board_client):
    response = board_client.post(reverse("admin:alliance_membercooperative_change", args=[999]), {"name": "x"})
    assert response.status_code == 403
    assert not MemberCooperative.objects.exists()
