"""Email login through allauth, with verification and login rate limits."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories.coop import PASSWORD, UserFactory


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_verified_member_logs_in_by_email_and_lands_in_the_portal(member_user):
    client = Client()
    response = _login(client, "member@example.coop", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("portal:home")


def test_unverified_address_must_be_confirmed_first(cooperative):
    UserFactory(email="new@example.coop", verified=False)
    response = _login(Client(), "new@example.coop", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "new@example.coop" in mail.outbox[-1].to


def test_repeated_failed_logins_are_throttled(member_user):
    client = Client()
    for _ in range(5):
        assert _login(client, "member@example.coop", "wrong password").status_code == 200
    # even the right password is refused while the limit holds
    response = _login(client, "member@example.coop", PASSWORD)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(member_user):
    Client().post(reverse("account_reset_password"), {"email": "member@example.coop"})
    assert "password" in mail.outbox[-1].subject.lower()


def test_admin_login_goes_through_allauth(board_user):
    client = Client()
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    response = _login(client, "board@example.coop", PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200
