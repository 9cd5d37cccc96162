"""Proxies: capped by policy, cast separately, revocable until used, overridden in person."""

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import Participation, Proxy
from tests.factories import governance as gf


def _grant(grantor, holder, motion=None):
    return services.proxy_grant(grantor=grantor, holder=holder, motion=motion, actor=grantor, reason="away")


def test_proxy_casts_a_separate_ballot_for_the_owner(board, owners):
    motion = gf.motion(proposer=owners[0])
    _grant(owners[1], owners[0], motion)
    gf.open_motion(motion, board=board)
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    receipt = services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.no(motion), on_behalf_of=owners[1])
    assert receipt.via_proxy
    by_proxy = Participation.objects.get(motion=motion, voter=owners[1])
    assert by_proxy.cast_by == owners[0] and by_proxy.proxy.status == Proxy.Status.USED


def test_proxy_limit_caps_how_many_one_owner_carries(board, owners):
    gf.set_policy("proxy_limit", 1)
    motion = gf.motion(proposer=owners[0])
    _grant(owners[1], owners[0], motion)
    with pytest.raises(ValidationError) as error:
        _grant(owners[2], owners[0], motion)
    assert "holder" in error.value.message_dict
    assert Proxy.objects.filter(holder=owners[0]).count() == 1


def test_no_proxies_when_the_limit_is_zero(board, owners):
    gf.set_policy("proxy_limit", 0)
    with pytest.raises(ValidationError):
        _grant(owners[1], owners[0], gf.motion(proposer=owners[0]))


def test_vote_in_person_first_overrides_the_proxy(board, owners):
    motion = gf.motion(proposer=owners[0])
    _grant(owners[1], owners[0], motion)
    gf.open_motion(motion, board=board)
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.yes(motion))
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.no(motion), on_behalf_of=owners[1])
    assert "voter" in error.value.message_dict
    assert Participation.objects.get(motion=motion, voter=owners[1]).cast_by == owners[1]


def test_proxy_is_revocable_until_used(board, owners):
    motion = gf.motion(proposer=owners[0])
    first = _grant(owners[1], owners[0], motion)
    services.proxy_revoke(proxy=first, actor=owners[1], reason="back in town")
    assert Proxy.objects.get(pk=first.pk).status == Proxy.Status.REVOKED
    second = _grant(owners[1], owners[0], motion)
    gf.open_motion(motion, board=board)
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion), on_behalf_of=owners[1])
    with pytest.raises(ValidationError):
        services.proxy_revoke(proxy=second, actor=owners[1], reason="too late")


def test_revoked_proxy_cannot_cast(board, owners):
    motion = gf.motion(proposer=owners[0])
    proxy = _grant(owners[1], owners[0], motion)
    services.proxy_revoke(proxy=proxy, actor=owners[1], reason="changed my mind")
    gf.open_motion(motion, board=board)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion), on_behalf_of=owners[1])
    assert "on_behalf_of" in error.value.message_dict


def test_board_sees_who_holds_which_proxy(board_client, board, owners):
    from django.urls import reverse

    _grant(owners[1], owners[0], gf.motion(proposer=owners[0]))
    page = board_client.get(reverse("admin:governance_proxy_changelist"))
    assert page.status_code == 200
    assert owners[0].email in page.content.decode() or str(owners[0]) in page.content.decode()
