from django.test import Client
from django.urls import reverse


def test_anonymous_is_sent_to_login(db):
    response = Client().get(reverse("portal:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_every_role_reaches_the_portal(role_clients):
    for name, client in role_clients.items():
        if name == "anonymous":
            continue
        response = client.get(reverse("portal:home"))
        assert response.status_code == 200, name
        assert "Where the cooperative stands" in response.content.decode()


def test_member_sees_no_admin_link_and_officers_do(member_client, board_client):
    admin_url = reverse("admin:index")
    assert admin_url not in member_client.get(reverse("portal:home")).content.decode()
    assert admin_url in board_client.get(reverse("portal:home")).content.decode()


def test_member_can_create_and_replace_an_api_token(member_client, member_user):
    from rest_framework.authtoken.models import Token

    member_client.post(reverse("portal:api_token_reset"))
    first = Token.objects.get(user=member_user).key
    member_client.post(reverse("portal:api_token_reset"))
    second = Token.objects.get(user=member_user).key
    assert first != second
    api = Client(HTTP_AUTHORIZATION=f"Token {second}")
    assert api.get(reverse("me")).json()["email"] == "member@example.coop"
