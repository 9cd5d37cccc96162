"""The member's own pages: membership and history, shares and ledger, requests, dues, weight."""

from django.urls import reverse

from membership.models import ShareRequest
from tests.factories.membership import member_create


def test_a_member_sees_their_membership_weight_and_history(member_client, member_user):
    member_create(user=member_user, shares=2)
    html = member_client.get(reverse("membership_portal:overview")).content.decode()
    assert "My voting weight" in html
    # The rule is said in words; its code is the roll's, never the member's
    assert "an owner past the Provisional Period has one personal vote" in html
    assert "gradual-owner-person" not in html
    assert "test setup" in html  # the reason kept in the history


def test_the_portal_shows_only_the_members_own_ledger(member_client, member_user):
    member_create(user=member_user, shares=2)
    member_create(shares=7)
    html = member_client.get(reverse("membership_portal:shares")).content.decode()
    assert "You hold 2 shares" in html and "<td>7</td>" not in html


def test_a_member_asks_to_buy_shares_and_an_over_holding_redemption_is_refused(member_client, member_user):
    member = member_create(user=member_user, shares=1)
    url = reverse("membership_portal:shares")
    response = member_client.post(url, {"kind": "purchase", "quantity": 2, "reason": "Saving"})
    assert response.status_code == 302
    refused = member_client.post(url, {"kind": "redemption", "quantity": 5, "reason": "Cash"})
    assert "you hold only 1" in refused.content.decode()
    assert list(ShareRequest.objects.filter(member=member).values_list("kind", flat=True)) == ["purchase"]


def test_a_member_sees_their_dues(member_client, member_user):
    member_create(user=member_user)
    assert "Outstanding" in member_client.get(reverse("membership_portal:dues")).content.decode()


def test_a_person_without_membership_is_told_so(auditor_client):
    html = auditor_client.get(reverse("membership_portal:overview")).content.decode()
    assert "You hold no membership yet" in html


def test_the_portal_navigation_links_to_my_membership(member_client):
    assert reverse("membership_portal:overview") in member_client.get(reverse("portal:home")).content.decode()
