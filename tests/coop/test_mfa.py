"""TOTP is available to all, and required of the Board and Auditors in production mode."""

from django.urls import reverse


def test_mfa_setup_is_available_to_members(member_user):
    from django.test import Client

    from tests.factories.coop import PASSWORD

    client = Client()
    client.post(reverse("account_login"), {"login": member_user.email, "password": PASSWORD})
    # allauth asks for the password again before a second factor is set up
    assert client.get(reverse("mfa_activate_totp")).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "secret" in response.content.decode().lower()


def test_board_without_totp_is_sent_to_setup_when_required(board_client, settings):
    settings.MFA_REQUIRED_FOR_ROLES = ["Board", "Auditor"]
    response = board_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_auditor_without_totp_is_sent_to_setup_when_required(auditor_client, settings):
    settings.MFA_REQUIRED_FOR_ROLES = ["Board", "Auditor"]
    assert auditor_client.get(reverse("portal:home")).url == reverse("mfa_activate_totp")


def test_member_is_not_forced_into_mfa(member_client, settings):
    settings.MFA_REQUIRED_FOR_ROLES = ["Board", "Auditor"]
    assert member_client.get(reverse("portal:home")).status_code == 200


def test_board_with_totp_passes(board_client, board_user, settings):
    from allauth.mfa.models import Authenticator

    settings.MFA_REQUIRED_FOR_ROLES = ["Board", "Auditor"]
    Authenticator.objects.create(user=board_user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert board_client.get(reverse("admin:index")).status_code == 200


def test_production_requires_mfa_for_board_and_auditor():
    import importlib
    import os

    os.environ.setdefault("DJANGO_SECRET_KEY", "x" * 60)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "coop.example")
    production = importlib.import_module("config.settings.production")
    assert set(production.MFA_REQUIRED_FOR_ROLES) == {"Board", "Auditor"}
