"""Changelists and API lists run the same number of queries with few members as with many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.membership import member_create, members_create, policy_set


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _constant(client, urls):
    policy_set("share_cap_percent", 0)
    members_create(2, shares=1)
    small = [_count(client, url) for url in urls]
    members_create(25, shares=2)
    assert [_count(client, url) for url in urls] == small


def test_member_and_ledger_changelists_are_constant(board_client):
    _constant(
        board_client,
        [
            reverse("admin:membership_member_changelist"),
            reverse("admin:membership_sharetransaction_changelist"),
            reverse("admin:membership_sharerequest_changelist"),
            reverse("admin:membership_duespayment_changelist"),
        ],
    )


def test_api_lists_are_constant(board_client):
    _constant(
        board_client,
        [
            reverse(name)
            for name in (
                "member-list",
                "share-transaction-list",
                "share-request-list",
                "dues-charge-list",
                "dues-payment-list",
            )
        ],
    )


def test_a_members_own_api_lists_are_constant(member_client, member_user):
    member_create(user=member_user, shares=1)
    _constant(member_client, [reverse("member-list"), reverse("share-transaction-list")])
