"""The Board's confirmation of a share request names the member, and only the Board is offered it."""

import pytest
from django.urls import reverse

from membership import services
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db


def _request(first_name="Ana", last_name="Lima"):
    member = member_create(first_name=first_name, last_name=last_name)
    return services.share_request_submit(member=member, kind="purchase", quantity=2, actor=member.user, reason="x")


def test_the_confirmation_names_each_member(board_client):
    # Given two members' requests
    first, second = _request("Ana", "Lima"), _request("Bo", "Chen")
    # When the Board chooses "Approve" for both
    page = board_client.post(
        reverse("admin:membership_sharerequest_changelist"),
        {"action": "approve", "_selected_action": [first.pk, second.pk]},
    ).content.decode()
    # Then the confirmation says whose requests will be approved
    assert "Ana Lima · Buy shares: 2 (Waiting for the Board)" in page
    assert "Bo Chen · Buy shares: 2 (Waiting for the Board)" in page


def test_the_auditor_is_not_offered_the_decision(auditor_client):
    _request()
    page = auditor_client.get(reverse("admin:membership_sharerequest_changelist")).content.decode()
    assert 'value="approve"' not in page and 'value="reject"' not in page
