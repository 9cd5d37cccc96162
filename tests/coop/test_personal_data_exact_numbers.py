"""The personal data export writes money, points and hours as exact decimal strings, never as
JSON floats, through the API and the portal's download alike."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from governance.models import Office
from membership import services as membership_services
from membership.models import Member
from tests.factories import finance as ff
from tests.factories import governance as gf


def _no_float(text: str) -> dict:
    def refuse(literal):
        raise AssertionError(f"a float in the export: {literal}")

    return json.loads(text, parse_float=refuse)


@pytest.fixture
def owner_with_numbers(cooperative):
    """An owner with shares, a dues payment, logged hours and an hourly rate."""
    gf.bodies()
    board = gf.officer(Office.Kind.PRESIDENT)
    user = gf.owner(shares=2)
    member = Member.objects.get(user=user)
    membership_services.dues_payment_record(member=member, amount=Decimal("25.10"), actor=board, reason="Cash")
    ff.internal_hours(user, date(2026, 3, 2), "7.25")
    ff.rate(user, ff.band(), "30.10", board)
    return user


@pytest.mark.parametrize("url", ["/api/me/data/", "/portal/my-data/?download=1"])
def test_money_points_and_hours_are_exact_decimal_strings(owner_with_numbers, url):
    client = Client()
    client.force_login(owner_with_numbers)
    response = client.get(url)
    assert response.status_code == 200
    data = _no_float(response.content.decode())
    assert data["dues_payments"][0]["amount"] == "25.10"
    assert data["time_entries"][0]["hours"] == "7.25"
    assert data["pay_rates"][0]["rate"] == "30.10"
    purchase = data["share_transactions"][0]
    assert Decimal(purchase["amount"]) == Decimal(purchase["par_value"]) * 2
    assert isinstance(purchase["amount"], str) and isinstance(purchase["par_value"], str)
