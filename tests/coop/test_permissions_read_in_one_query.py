"""An account's model permissions, its own and its groups', are read in one query per request, and
the admin still grants exactly what they add up to."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.clients import logged_in

pytestmark = pytest.mark.django_db


def _permission_reads(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "auth_permission"' in q["sql"]]
    return response, reads


def test_an_officers_admin_page_reads_the_permissions_once(board_user):
    response, reads = _permission_reads(logged_in(board_user), "/admin/membership/member/")
    assert response.status_code == 200
    assert len(reads) == 1, "\n".join(reads)


def test_own_and_group_permissions_add_up(board_user):
    # Given an account whose group grants one permission and which holds another of its own
    own = Permission.objects.get(content_type__app_label="coop", codename="view_cooperative")
    board_user.user_permissions.add(own)
    account = get_user_model().objects.get(pk=board_user.pk)
    group_held = {
        f"{app}.{code}"
        for app, code in Permission.objects.filter(group__user=board_user).values_list(
            "content_type__app_label", "codename"
        )
    }
    # Then it holds both, exactly
    assert account.get_all_permissions() == group_held | {"coop.view_cooperative"}
    assert account.has_perm("coop.view_cooperative")
    assert not account.has_perm("auth.delete_permission")


def test_a_member_without_permissions_holds_none(member_user):
    account = get_user_model().objects.get(pk=member_user.pk)
    assert account.get_all_permissions() == set()
    assert not account.has_perm("membership.view_member")


def test_an_inactive_account_holds_none(board_user):
    board_user.is_active = False
    assert board_user.get_all_permissions() == set()
