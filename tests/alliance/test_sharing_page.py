"""One page per peer lists what this installation shares with it: each kind of message sent with
its count and last time, the directory fields published, and what never travels."""

from django.urls import reverse

from alliance import services
from federation import services as federation_services
from tests.alliance.conftest import as_cooperative


def test_the_page_lists_the_kinds_sent_and_the_fields_published(two, board_user, board_client, settings):
    # given a cooperative that publishes its sector, asked to join, and said hello twice
    as_cooperative(settings)
    services.profile_update(
        values={"sector": "Food", "skills": "Cooking"}, published={"sector"}, actor=board_user, reason="Profile"
    )
    services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Join")
    for _ in range(2):
        federation_services.peer_hello_send(peer=two.alliance_peer, actor=board_user, reason="Hello")

    # when the Board opens the alliance's sharing page
    page = board_client.get(reverse("alliance:sharing", args=[two.alliance_peer.pk]))

    # then each kind shows with its count, the published field is named, the others are not
    assert page.status_code == 200
    kinds = {row.kind: row.count for row in page.context["sharing"].kinds}
    assert kinds == {"alliance.join": 1, "federation.hello": 2}
    assert [str(label) for label in page.context["sharing"].published_fields] == ["sector"]
    assert "never travel" in page.content.decode()


def test_a_peer_that_is_no_alliance_of_ours_shows_no_published_fields(two, board_user, auditor_client, settings):
    as_cooperative(settings)
    services.profile_update(values={"sector": "Food"}, published={"sector"}, actor=board_user, reason="Profile")
    page = auditor_client.get(reverse("alliance:sharing", args=[two.cooperative_peer.pk]))
    assert page.status_code == 200
    assert page.context["sharing"].published_fields == []
    assert page.context["sharing"].kinds == []


def test_members_and_operations_may_not_read_it(two, member_client, operations_client):
    url = reverse("alliance:sharing", args=[two.alliance_peer.pk])
    assert member_client.get(url).status_code == 403
    assert operations_client.get(url).status_code == 403


def test_the_page_runs_a_fixed_number_of_queries(two, board_user, board_client, django_assert_max_num_queries):
    url = reverse("alliance:sharing", args=[two.alliance_peer.pk])
    board_client.get(url)
    federation_services.peer_hello_send(peer=two.alliance_peer, actor=board_user, reason="Hello")
    with django_assert_max_num_queries(20) as few:
        board_client.get(url)
    for _ in range(5):
        federation_services.peer_hello_send(peer=two.alliance_peer, actor=board_user, reason="Hello")
    with django_assert_max_num_queries(len(few.captured_queries)):
        board_client.get(url)


def test_anonymous_visitors_are_sent_to_the_login_page(two, client):
    for url in (
        reverse("alliance:sharing", args=[two.alliance_peer.pk]),
        reverse("alliance:directory"),
        reverse("alliance:overview"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
