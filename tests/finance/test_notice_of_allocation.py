"""Written notices of allocation: issued to each member on adoption, in their inbox, consented by
the bylaws or signed by the member in the portal, printable, and seen by nobody else."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coop.models import Notice, NoticeKind
from coop.policy import PatronageConsent
from finance import services
from finance.models import PatronageDividend
from tests.factories.finance import PERIOD
from tests.factories.governance import set_policy
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db


def _adopted(board_user):
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def test_adoption_issues_each_notice_consented_by_the_bylaws_and_tells_the_member(
    march_books, board_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        allocation = _adopted(board_user)
    dividends = list(allocation.patronage.all())
    assert all(d.notice_issued_at and d.consented_at for d in dividends)
    assert {d.consent_basis for d in dividends} == {PatronageConsent.BYLAWS}
    inbox = Notice.objects.filter(kind=NoticeKind.ALLOCATION_NOTICE)
    assert {n.recipient_id for n in inbox} == {w.pk for w in march_books}
    # The issue is in each dividend's history, with the reason of the adoption
    assert dividends[0].history.first().history_change_reason == "Adopted"


def test_where_members_sign_the_member_consents_once_on_their_own_notice(march_books, board_user):
    set_policy("patronage_consent", PatronageConsent.SIGNED)
    allocation = _adopted(board_user)
    mine = allocation.patronage.get(member=march_books[0])
    assert mine.notice_issued_at and mine.consented_at is None
    # Another member, or an officer, cannot consent for them
    with pytest.raises(PermissionDenied):
        services.allocation_notice_consent(dividend=mine, actor=march_books[1], reason="For a friend")
    with pytest.raises(PermissionDenied):
        services.allocation_notice_consent(dividend=mine, actor=board_user, reason="For the member")
    # The member does, once
    signed = services.allocation_notice_consent(dividend=mine, actor=march_books[0], reason="Consent")
    assert signed.consent_basis == PatronageConsent.SIGNED and signed.consented_at
    with pytest.raises(ValidationError) as again:
        services.allocation_notice_consent(dividend=mine, actor=march_books[0], reason="Again")
    assert "dividend" in again.value.message_dict


def test_no_consent_before_the_notice_is_issued(march_books, board_user):
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    proposed = allocation.patronage.get(member=march_books[0])
    with pytest.raises(ValidationError):
        services.allocation_notice_consent(dividend=proposed, actor=march_books[0], reason="Early")
    assert PatronageDividend.objects.get(pk=proposed.pk).consented_at is None


def test_member_reads_and_signs_their_notice_in_the_portal(march_books, board_user, client):
    set_policy("patronage_consent", PatronageConsent.SIGNED)
    worker, other = march_books
    member_create(user=worker)
    member_create(user=other)
    allocation = _adopted(board_user)
    mine = allocation.patronage.get(member=worker)
    url = reverse("finance_portal:allocation_notice", args=[mine.pk])
    client.force_login(worker)
    page = client.get(url).content.decode()
    assert "Written notice of allocation" in page and str(mine.retained) in page
    assert "I consent to this notice of allocation" in page
    assert "consent needed" in client.get(reverse("finance_portal:overview")).content.decode()
    client.post(url)
    mine.refresh_from_db()
    assert mine.consent_basis == PatronageConsent.SIGNED
    assert "Consented on" in client.get(url).content.decode()
    # Nobody else reads it: the other member gets a 404, and their POST writes nothing
    client.force_login(other)
    theirs = allocation.patronage.get(member=other)
    assert client.get(url).status_code == 404
    assert client.post(reverse("finance_portal:allocation_notice", args=[theirs.pk])).status_code == 302
    assert client.post(url).status_code == 404
