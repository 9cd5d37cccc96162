"""A history address whose id is not a key answers 404, never a database error."""

import pytest
from django.urls import reverse

from membership.models import Member
from tests.factories.membership import members_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["5/change/history/", "abc/history/", "{pk}/history/abc/", "{pk}/history/1.5/"])
def test_a_history_address_with_an_id_that_is_no_key_is_not_found(role_clients, suffix):
    # given a member, and the Auditor who reads every history
    members_create(1)
    member = Member.objects.first()
    base = reverse("admin:membership_member_changelist")
    # when the address carries an id that cannot be a key
    response = role_clients["Auditor"].get(base + suffix.format(pk=member.pk))
    # then it is not found
    assert response.status_code == 404


def test_the_history_pages_of_a_real_record_still_open(role_clients):
    members_create(1)
    member = Member.objects.first()
    version = member.history.first()
    client = role_clients["Auditor"]
    assert client.get(reverse("admin:membership_member_history", args=[member.pk])).status_code == 200
    url = reverse("admin:membership_member_simple_history", args=[member.pk, version.history_id])
    assert client.get(url).status_code == 200
