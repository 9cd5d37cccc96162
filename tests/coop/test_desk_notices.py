"""Officers hear of the decisions that arrive on their desk, once per arrival, as they chose to."""

import pytest
from django.core import mail
from django.urls import reverse

from coop import desk_notices, notices
from coop.models import DeskWatermark, Notice, NoticeDelivery, NoticeKind
from coop.tasks import desk_notices_send
from membership import services
from membership.models import ShareRequest
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db

SHARE_REQUESTS = f"{reverse('admin:membership_sharerequest_changelist')}?status__exact={ShareRequest.Status.PENDING}"


def _request_a_share():
    member = member_create()
    return services.share_request_submit(member=member, kind="purchase", quantity=1, actor=member.user, reason="x")


def _desk_notices(user):
    return list(Notice.objects.filter(recipient=user, kind=NoticeKind.DESK_ITEM).order_by("pk"))


def test_a_share_request_reaches_the_boards_inbox_and_email_with_its_link(
    board_user, django_capture_on_commit_callbacks
):
    # given two share requests waiting for the Board
    _request_a_share()
    _request_a_share()
    # when the scheduled run comes
    with django_capture_on_commit_callbacks(execute=True):
        desk_notices_send()
    # then the Board officer has one notice naming the item and the count, linking to exactly those rows
    [notice] = _desk_notices(board_user)
    assert notice.subject == "On your desk: Share requests waiting for the Board"
    assert notice.body.startswith("2 wait for your decision, 2 of them new")
    assert notice.link == SHARE_REQUESTS
    # and, wanting this kind at once, an email (as every Board officer does)
    assert [board_user.email] in [message.to for message in mail.outbox]


def test_what_still_waits_is_not_told_again(board_user):
    _request_a_share()
    desk_notices.desk_notices_send()
    # when the next run finds the same request still waiting, then nothing new is sent
    assert desk_notices.desk_notices_send() == 0
    assert len(_desk_notices(board_user)) == 1


def test_a_new_arrival_is_told_with_the_count_of_new_ones(board_user):
    _request_a_share()
    desk_notices.desk_notices_send()
    _request_a_share()
    desk_notices.desk_notices_send()
    latest = _desk_notices(board_user)[-1]
    assert latest.body.startswith("2 wait for your decision, 1 of them new")


def test_after_the_desk_is_cleared_a_new_arrival_is_news_again(board_user):
    request = _request_a_share()
    desk_notices.desk_notices_send()
    services.share_request_approve(share_request=request, actor=board_user, reason="Welcome")
    desk_notices.desk_notices_send()
    assert DeskWatermark.objects.get(user=board_user, key="membership.share_requests").count == 0
    _request_a_share()
    desk_notices.desk_notices_send()
    assert _desk_notices(board_user)[-1].body.startswith("1 waits for your decision, 1 of them new")


def test_only_the_holders_of_the_items_role_are_told(board_user, operations_user):
    # given a share request, which waits for the Board, not for Operations
    member = member_create()
    services.share_request_submit(member=member, kind="purchase", quantity=1, actor=member.user, reason="x")
    desk_notices.desk_notices_send()
    assert len(_desk_notices(board_user)) == 1
    assert _desk_notices(operations_user) == []
    # and a member without an office is never told of a desk
    assert _desk_notices(member.user) == []
    assert member.user not in desk_notices.desk_holders()


def test_a_holder_who_chose_the_digest_gets_no_email_now(board_user):
    notices.notice_preferences_set(
        user=board_user,
        deliveries={NoticeKind.DESK_ITEM: NoticeDelivery.DAILY},
        actor=board_user,
        reason="Fewer emails",
    )
    _request_a_share()
    desk_notices.desk_notices_send()
    [notice] = _desk_notices(board_user)
    assert notice.delivery == NoticeDelivery.DAILY
    assert mail.outbox == []


def test_the_notice_is_written_in_the_officers_language(board_user):
    board_user.language = "es"
    board_user.save(update_fields=["language"])
    _request_a_share()
    desk_notices.desk_notices_send()
    [notice] = _desk_notices(board_user)
    assert notice.subject.startswith("En tu escritorio:")
