"""An admin address whose id is not a key answers 404 (or the admin's own redirect), never a
database error: every registered model, its change, delete and history pages, and the pages
apps add of their own."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from coop.models import User
from membership.models import Member
from tests.factories.membership import members_create

pytestmark = pytest.mark.django_db

NOT_KEYS = ["abc/change/", "5/change/history/", "abc/history/", "1/history/abc/", "1/history/1.5/", "abc/delete/"]
OWN_PAGES = ["abc/propose/", "abc/diff/", "abc/print/", "abc/refer/"]


def test_no_admin_address_with_an_id_that_is_no_key_fails():
    # given someone who may open every admin page
    client_user = User.objects.create_superuser(email="root@example.org", password="not-used-here")
    client = Client(raise_request_exception=False)
    client.force_login(client_user)
    # when every model's pages are asked for with ids that cannot be keys
    failures = []
    for model in admin.site._registry:
        base = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for suffix in NOT_KEYS + OWN_PAGES:
            status = client.get(base + suffix).status_code
            if status >= 500:
                failures.append((base + suffix, status))
    # then none of them is a server error
    assert failures == []


def test_the_history_pages_of_a_real_record_still_open(role_clients):
    members_create(1)
    member = Member.objects.first()
    version = member.history.first()
    client = role_clients["Auditor"]
    assert client.get(reverse("admin:membership_member_history", args=[member.pk])).status_code == 200
    url = reverse("admin:membership_member_simple_history", args=[member.pk, version.history_id])
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:membership_member_changelist") + f"{member.pk}/history/abc/").status_code == 404
