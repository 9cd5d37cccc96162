"""List pages run a fixed number of queries whatever the row count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coop.roles import Role
from tests.factories.coop import UserFactory


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_account_changelist_query_count_is_constant(board_client):
    url = reverse("admin:coop_user_changelist")
    UserFactory.create_batch(3, roles=[Role.MEMBER])
    small = _count(board_client, url)
    UserFactory.create_batch(30, roles=[Role.MEMBER, Role.OPERATIONS])
    assert _count(board_client, url) == small


def test_policy_number_api_list_query_count_is_constant(member_client):
    url = reverse("policy-number-list")
    first = _count(member_client, url)
    assert _count(member_client, url) == first
