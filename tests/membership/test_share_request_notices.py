"""The member who asked for shares hears of the Board's decision in their inbox, with the Board's note."""

import pytest
from django.core.exceptions import ValidationError

from coop.models import Notice, NoticeKind
from membership import services
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db


def test_a_decision_reaches_the_members_inbox(cooperative, board_user):
    # given a member who asked to redeem a share
    member = member_create(shares=1)
    request = services.share_request_submit(member=member, kind="redemption", quantity=1, actor=member.user, reason="x")
    # when the Board declines it
    services.share_request_reject(share_request=request, actor=board_user, reason="Capital is short")
    # then the member has one notice naming the decision and the Board's note, linking to their shares
    notice = Notice.objects.get(recipient=member.user, kind=NoticeKind.SHARE_REQUEST_DECIDED)
    assert notice.subject == "Your share request is declined"
    assert "Capital is short" in notice.body
    assert notice.link == "/portal/membership/shares/"


def test_an_approval_that_is_refused_leaves_no_notice(cooperative, board_user):
    # given a request for more shares than the member may now hold
    policy_set("share_cap_count", 3)
    member = member_create()
    request = services.share_request_submit(member=member, kind="purchase", quantity=3, actor=member.user, reason="x")
    services.share_purchase(member=member, quantity=1, actor=role_officer(), reason="meanwhile")
    # when the approval is refused, then no notice was written
    with pytest.raises(ValidationError):
        services.share_request_approve(share_request=request, actor=board_user, reason="ok")
    assert not Notice.objects.filter(kind=NoticeKind.SHARE_REQUEST_DECIDED).exists()
