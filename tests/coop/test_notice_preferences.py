"""Each person chooses, per kind, how notices reach them: at once, daily or weekly digest, or inbox only."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from coop import notices
from coop.models import Notice, NoticeDelivery, NoticeKind, NoticePreference
from tests.clients import logged_in
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db


def _send(people, django_capture_on_commit_callbacks, kind=NoticeKind.PAYSLIP_POSTED):
    with django_capture_on_commit_callbacks(execute=True):
        notices.notices_send(people, kind, lambda: ("Payslip posted", "Your payslip is ready."), "/portal/finance/")


def test_without_a_choice_every_kind_is_emailed_at_once(cooperative):
    person = UserFactory()
    assert set(notices.notice_deliveries(user=person).values()) == {NoticeDelivery.AT_ONCE}


def test_inbox_only_is_never_emailed(cooperative, django_capture_on_commit_callbacks):
    # given a person who keeps payslip notices for the inbox only
    person = UserFactory()
    notices.notice_preferences_set(
        user=person, deliveries={NoticeKind.PAYSLIP_POSTED: NoticeDelivery.OFF}, actor=person, reason="test"
    )
    # when a payslip notice and a vote notice are sent
    _send([person], django_capture_on_commit_callbacks)
    _send([person], django_capture_on_commit_callbacks, kind=NoticeKind.VOTE_OPENED)
    # then both are in the inbox, only the vote was emailed, and no digest sends the payslip
    assert Notice.objects.filter(recipient=person).count() == 2
    assert [m.subject for m in mail.outbox] == ["Payslip posted"]
    assert mail.outbox[0].to == [person.email]
    assert Notice.objects.get(kind=NoticeKind.PAYSLIP_POSTED).emailed_at is None
    assert notices.notices_digest_send(delivery=NoticeDelivery.DAILY) == 0
    assert notices.notices_digest_send(delivery=NoticeDelivery.WEEKLY) == 0


def test_a_choice_is_kept_in_the_history_with_its_reason(cooperative):
    person = UserFactory()
    notices.notice_preferences_set(
        user=person, deliveries={NoticeKind.DUES_DUE: NoticeDelivery.WEEKLY}, actor=person, reason="Too many emails"
    )
    preference = NoticePreference.objects.get(user=person, kind=NoticeKind.DUES_DUE)
    record = preference.history.latest()
    assert record.history_user == person and record.history_change_reason == "Too many emails"


def test_nobody_chooses_for_someone_else(cooperative):
    person, other = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied):
        notices.notice_preferences_set(
            user=person, deliveries={NoticeKind.DUES_DUE: NoticeDelivery.OFF}, actor=other, reason="test"
        )
    assert not NoticePreference.objects.exists()


def test_notices_waiting_for_a_digest_follow_a_new_choice(cooperative, django_capture_on_commit_callbacks):
    # given a person on the daily digest with a notice waiting
    person = UserFactory()
    notices.notice_preferences_set(
        user=person, deliveries={NoticeKind.PAYSLIP_POSTED: NoticeDelivery.DAILY}, actor=person, reason="test"
    )
    _send([person], django_capture_on_commit_callbacks)
    # when they switch to inbox only
    notices.notice_preferences_set(
        user=person, deliveries={NoticeKind.PAYSLIP_POSTED: NoticeDelivery.OFF}, actor=person, reason="test"
    )
    # then the daily digest sends nothing
    assert notices.notices_digest_send(delivery=NoticeDelivery.DAILY) == 0
    assert mail.outbox == []


def test_the_preferences_page_saves_every_kind(cooperative):
    # given a member on the preferences page
    person = UserFactory()
    client = logged_in(person)
    assert client.get("/portal/notices/preferences/").status_code == 200
    # when they post a choice for every kind
    choice = dict.fromkeys(NoticeKind.values, NoticeDelivery.AT_ONCE) | {NoticeKind.VOTE_CLOSING: NoticeDelivery.OFF}
    response = client.post("/portal/notices/preferences/", choice)
    # then it is saved
    assert response.status_code == 302
    assert notices.notice_deliveries(user=person)[NoticeKind.VOTE_CLOSING] == NoticeDelivery.OFF
    # and a choice that does not exist is refused with nothing written
    before = NoticePreference.history.count()
    response = client.post("/portal/notices/preferences/", choice | {NoticeKind.DUES_DUE: "hourly"})
    assert response.status_code == 400
    assert NoticePreference.history.count() == before
