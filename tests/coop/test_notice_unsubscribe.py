"""The unsubscribe link in every notice email: signed, for one person and one kind, valid 90 days;
GET asks to confirm, POST (the button or a mail provider's RFC 8058 one-click) turns the emails off."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client

from coop import notices
from coop.models import NoticeDelivery, NoticeKind, NoticePreference
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db


def _url(token: str) -> str:
    return f"/notices/unsubscribe/{token}/"


def test_a_valid_link_asks_first_then_turns_off_that_kind_only(cooperative):
    # given a person's unsubscribe link for vote reminders
    person = UserFactory()
    token = notices.unsubscribe_token(user=person, kind=NoticeKind.VOTE_CLOSING)
    client = Client()
    # when they open it, then it asks and changes nothing
    response = client.get(_url(token))
    assert response.status_code == 200 and b"<form" in response.content
    assert not NoticePreference.objects.exists()
    # when they confirm, then vote reminders are off and every other kind is untouched
    assert client.post(_url(token)).status_code == 200
    deliveries = notices.notice_deliveries(user=person)
    assert deliveries[NoticeKind.VOTE_CLOSING] == NoticeDelivery.OFF
    assert deliveries[NoticeKind.VOTE_OPENED] == NoticeDelivery.AT_ONCE
    assert NoticePreference.objects.get(user=person).history.latest().history_user == person


def test_one_click_post_from_a_mail_provider_needs_no_csrf_token(cooperative):
    person = UserFactory()
    token = notices.unsubscribe_token(user=person, kind=NoticeKind.DUES_DUE)
    response = Client(enforce_csrf_checks=True).post(_url(token), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert notices.notice_deliveries(user=person)[NoticeKind.DUES_DUE] == NoticeDelivery.OFF


def test_a_digest_link_turns_off_every_kind(cooperative):
    person = UserFactory()
    token = notices.unsubscribe_token(user=person, kind=notices.EVERY_KIND)
    assert Client().post(_url(token)).status_code == 200
    assert set(notices.notice_deliveries(user=person).values()) == {NoticeDelivery.OFF}


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused_and_changes_nothing(cooperative, method):
    # given a link for one person altered to name another
    person, other = UserFactory(), UserFactory()
    token = notices.unsubscribe_token(user=person, kind=NoticeKind.DUES_DUE)
    forged = notices.unsubscribe_token(user=other, kind=NoticeKind.DUES_DUE).split(":")[0] + token[token.index(":") :]
    # when it is used, then it is refused and nothing changes
    response = getattr(Client(), method)(_url(forged))
    assert response.status_code == 400
    assert b"not valid" in response.content
    assert not NoticePreference.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_is_refused_and_changes_nothing(cooperative, method):
    # given a link signed 91 days ago
    person = UserFactory()
    long_ago = time.time() - timedelta(days=91).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        token = notices.unsubscribe_token(user=person, kind=NoticeKind.DUES_DUE)
    # when it is used, then it is refused as expired
    response = getattr(Client(), method)(_url(token))
    assert response.status_code == 400
    assert b"expired" in response.content
    assert not NoticePreference.objects.exists()


def test_a_link_89_days_old_still_works(cooperative):
    person = UserFactory()
    recently = time.time() - timedelta(days=89).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=recently):
        token = notices.unsubscribe_token(user=person, kind=NoticeKind.DUES_DUE)
    assert Client().post(_url(token)).status_code == 200
