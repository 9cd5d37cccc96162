"""An account that is no member and holds no office sees its own home, account and data pages, and
nothing of the cooperative: no votes, members, documents or officers, in the portal or the API.
Sign-up is open only to someone holding an invitation."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from coop.models import User
from tests.audit import world as w
from tests.clients import logged_in


@pytest.fixture
def world(db):
    return w.seed()


@pytest.fixture
def stranger(world):
    user = User.objects.create_user(email="stranger@example.org", password="a-long-pass-phrase-123")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def test_the_login_page_offers_no_open_sign_up(db):
    page = Client().get(reverse("account_login")).content.decode()
    assert reverse("account_signup") not in page
    assert reverse("founding:join") in page


def test_sign_up_without_an_invitation_is_closed_and_creates_nothing(world):
    users = User.objects.count()
    client = Client()
    assert "created by invitation" in client.get(reverse("account_signup")).content.decode()
    client.post(
        reverse("account_signup"),
        {"email": "walk-in@example.org", "password1": "a-long-pass-phrase-123", "password2": "a-long-pass-phrase-123"},
    )
    assert User.objects.count() == users


def test_a_stranger_reads_nothing_of_the_cooperative_in_the_portal(stranger):
    client = logged_in(stranger)
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    assert "not yet a member" in home.content.decode()
    assert client.get(reverse("portal:my_data")).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200
    for name in ("governance:index", "portal:document_list", "projects:list", "membership_portal:overview"):
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert "not yet a member" in response.content.decode()


def test_a_stranger_reads_nothing_through_the_api(stranger):
    session = logged_in(stranger)
    token = Token.objects.create(user=stranger)
    by_token = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    for url in ("/api/motions/", "/api/members/", "/api/officers/", "/api/documents/", "/api/participations/"):
        for client in (session, by_token):
            assert client.get(url).status_code == 403, url
    response = session.post("/api/motions/", json.dumps({"title": "x", "reason": "x"}), content_type="application/json")
    assert response.status_code == 403


def test_the_cooperatives_people_still_read_it(world):
    for user in (world.member, world.auditor, world.operations):
        assert logged_in(user).get("/api/motions/").status_code == 200
        assert logged_in(user).get(reverse("governance:index")).status_code == 200
