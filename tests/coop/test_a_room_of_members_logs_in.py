"""A General Conference: hundreds of members log in from the venue's one public address within
minutes. Only brute force is throttled: failed logins per account, and per address at a rate no
room of typing people reaches."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.coop import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
VENUE = "203.0.113.7"  # the venue's one public address, shared by every phone in the room
ROOM = 500
STOPPED = "Too many failed login attempts"


def _login(email, password, client=None):
    client = client or Client(REMOTE_ADDR=VENUE)
    response = client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=VENUE)
    return client, response


@pytest.fixture
def room(cooperative):
    return [UserFactory(email=f"member{n}@example.coop").email for n in range(ROOM)]


def test_five_hundred_members_behind_one_address_all_log_in(room):
    # All within the same minute, the worst case of a room arriving at once.
    statuses = [_login(email, PASSWORD)[1].status_code for email in room]
    assert statuses.count(302) == ROOM


def test_a_room_that_mistypes_still_gets_in(room):
    typists = room[:50]
    for email in typists:
        assert _login(email, "not my password")[1].status_code == 200
    for email in typists:
        client, response = _login(email, PASSWORD)
        assert response.status_code == 302
        assert "_auth_user_id" in client.session


def test_one_address_trying_many_accounts_is_stopped(room):
    refused = [STOPPED in _login(email, "password123")[1].text for email in room[:61]]
    assert refused == [False] * 60 + [True]
    # The stop is for that address; a member elsewhere logs in as usual.
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    response = elsewhere.post(
        reverse("account_login"), {"login": room[100], "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )
    assert response.status_code == 302


def test_guessing_one_members_password_is_stopped_after_five_tries(room):
    target = room[0]
    for _ in range(5):
        assert _login(target, "guess")[1].status_code == 200
    client, response = _login(target, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
