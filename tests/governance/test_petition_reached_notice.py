"""A petition's signers are told, once, when the signature that reaches the threshold is given:
any of them may now call the special General Conference."""

import pytest

from coop.models import Notice, NoticeKind
from governance import services
from tests.factories import governance as gf

pytestmark = pytest.mark.django_db


def _start(owner):
    return services.petition_start(title="Fix the roof", purpose="The roof leaks.", actor=owner, reason="It rains in")


def _sign(petition, signer):
    services.petition_sign(petition=petition, actor=signer, reason="I agree")


def _told():
    return Notice.objects.filter(kind=NoticeKind.PETITION_REACHED)


def test_the_signers_are_told_once_when_the_threshold_is_reached(owners):
    # Given a petition that needs three of the five owners (60 %)
    gf.set_policy("meeting_petition_percent", 60)
    petition = _start(owners[0])
    _sign(petition, owners[1])
    # Then nobody is told before the threshold
    assert not _told().exists()
    # When the third owner signs
    _sign(petition, owners[2])
    # Then the three signers, and only they, are told, with the petition's page
    told = _told()
    assert sorted(notice.recipient_id for notice in told) == sorted(owner.pk for owner in owners[:3])
    assert {notice.link for notice in told} == {f"/portal/governance/meetings/petitions/{petition.pk}/"}
    assert "Fix the roof" in told.first().subject
    # And a fourth signature tells nobody again
    _sign(petition, owners[3])
    assert _told().count() == 3


def test_a_petition_that_needs_one_signature_tells_its_starter(owners):
    gf.set_policy("meeting_petition_percent", 1)
    petition = _start(owners[0])
    assert [notice.recipient_id for notice in _told()] == [owners[0].pk]
    assert petition.signatures.count() == 1
