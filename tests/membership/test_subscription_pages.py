"""Shares by instalments on the pages: the Board works in the admin, the member reads the portal."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from membership import services
from membership.models import ShareSubscription, SubscriptionPayment
from tests.factories.membership import member_create, policy_set

pytestmark = pytest.mark.django_db


def _add(client, member, **overrides):
    data = {
        "member": member.pk,
        "quantity": 1,
        "down_payment": "50.00",
        "instalment": "3.65",
        "frequency": "weekly",
        "started_on": "2026-01-05",
        "change_reason": "General Conference",
        **overrides,
    }
    return client.post(reverse("admin:membership_sharesubscription_add"), data)


def test_the_board_subscribes_in_the_admin_and_the_list_shows_arrears(board_client, board_user):
    policy_set("share_par_value", "1000.00")
    member = member_create()
    assert _add(board_client, member).status_code == 302
    subscription = ShareSubscription.objects.get()
    assert subscription.history.first().history_change_reason == "General Conference"
    listing = board_client.get(reverse("admin:membership_sharesubscription_changelist")).content.decode()
    assert member.legal_name in listing and "950.00" in listing


def test_bad_terms_in_the_admin_keep_what_was_typed_and_write_nothing(board_client):
    policy_set("share_par_value", "100.00")
    member = member_create()
    response = _add(board_client, member, down_payment="100.00")
    page = response.content.decode()
    assert response.status_code == 200 and "pays the whole price" in page and 'value="3.65"' in page
    assert not ShareSubscription.objects.exists() and not SubscriptionPayment.objects.exists()


def test_the_board_records_a_cash_instalment_and_an_overpayment_is_refused(board_client, board_user):
    policy_set("share_par_value", "100.00")
    member = member_create()
    subscription = services.share_subscribe(
        member=member,
        quantity=1,
        down_payment=Decimal("60.00"),
        instalment=Decimal("10.00"),
        frequency="monthly",
        actor=board_user,
        reason="x",
    )
    url = reverse("admin:membership_subscriptionpayment_add")
    base = {"subscription": subscription.pk, "paid_on": "2026-02-01", "change_reason": "cash"}
    refused = board_client.post(url, {**base, "amount": "40.01"})
    assert refused.status_code == 200 and "never exceeds what remains" in refused.content.decode()
    assert board_client.post(url, {**base, "amount": "40.00"}).status_code == 302
    subscription.refresh_from_db()
    assert subscription.status == ShareSubscription.Status.PAID_UP


def test_the_member_sees_what_is_paid_owed_and_in_arrears(member_client, member_user, board_user):
    policy_set("share_par_value", "1000.00")
    member = member_create(user=member_user)
    services.share_subscribe(
        member=member,
        quantity=1,
        down_payment=Decimal("50.00"),
        instalment=Decimal("3.65"),
        frequency="weekly",
        started_on=date(2020, 1, 6),
        actor=board_user,
        reason="x",
    )
    page = member_client.get(reverse("membership_portal:shares")).content.decode()
    assert "Shares I am paying by instalments" in page
    assert "950.00" in page  # still owed
    assert "Down payment" in page
    assert "<strong>950.00" in page  # years of weeks since 2020: all that is owed is in arrears
