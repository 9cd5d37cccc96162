"""Hierarchy by consent: a pay band, a bonus formula and a surplus allocation change only through an
adopted, certified General Conference motion; every other door, in the admin, the portal and the API, is shut."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from coop.models import PolicyNumber
from finance import services
from finance.models import PayBand, SurplusAllocation
from governance.models import Motion
from membership import services as membership
from tests.factories import finance as ff
from tests.factories import governance as gf

pytestmark = pytest.mark.django_db
BONUS_KEYS = ["ceo_bonus_surplus_percent", "president_bonus_payroll_percent", "president_bonus_equity_percent"]


def _json(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_pay_bands_cannot_be_written_through_the_api(board_client, cooperative):
    # Given a band in force
    builder = ff.band()
    data = {"role": "Builder", "minimum": "1.00", "maximum": "99.00", "reason": "We decide"}
    # When the Board tries every write method
    responses = [_json(board_client, "post", reverse("pay-band-list"), data)] + [
        _json(board_client, method, reverse("pay-band-detail", args=[builder.pk]), data)
        for method in ("put", "patch", "delete")
    ]
    # Then each is refused and the band is as adopted
    assert {r.status_code for r in responses} == {405}
    builder.refresh_from_db()
    assert (builder.minimum, builder.maximum, PayBand.objects.count()) == (Decimal("20.00"), Decimal("40.00"), 1)


@pytest.mark.parametrize("key", BONUS_KEYS)
def test_bonus_formulas_cannot_be_changed_through_the_admin_or_the_api(board_client, cooperative, key):
    number = PolicyNumber.objects.get(key=key)
    before = number.value
    admin = board_client.post(
        reverse("admin:coop_policynumber_change", args=[number.pk]),
        {"value": "50", "basis": "Board decision", "change_reason": "x"},
    )
    api = _json(board_client, "patch", reverse("policy-number-detail", args=[key]), {"value": "50", "reason": "x"})
    assert admin.status_code == 403 and api.status_code == 405
    assert PolicyNumber.objects.get(pk=number.pk).value == before


def test_a_surplus_allocation_cannot_be_adopted_except_by_motion(
    board_client, incorporated, board_user, operations_user
):
    # Given the Board's proposal
    ff.books_with_surplus(operations_user, board_user)
    allocation = services.surplus_allocation_propose(
        period_start=ff.PERIOD[0], period_end=ff.PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    detail = reverse("surplus-allocation-detail", args=[allocation.pk])
    # When the Board tries to adopt it itself through the API and the admin
    attempts = [
        _json(board_client, "patch", detail, {"status": "adopted", "reason": "x"}),
        _json(board_client, "put", detail, {"status": "adopted", "reason": "x"}),
        _json(board_client, "post", detail + "adopt/", {"reason": "x"}),
        board_client.post(
            reverse("admin:finance_surplusallocation_change", args=[allocation.pk]),
            {"status": "adopted", "basis": "Board", "change_reason": "x"},
        ),
    ]
    # Then nothing adopts it
    assert all(r.status_code in {403, 404, 405} for r in attempts), [r.status_code for r in attempts]
    assert SurplusAllocation.objects.get().status == SurplusAllocation.Status.PROPOSED


def test_the_portal_offers_no_way_to_change_pay(member_client, member_user, board_user, cooperative):
    # Given a member paid inside the Builder band
    builder = ff.band()
    ff.rate(member_user, builder, "25.00", board_user)
    # When they post a new rate or band to their finance page
    member_client.post(reverse("finance_portal:overview"), {"rate": "40.00", "minimum": "30.00"})
    # Then nothing changed
    builder.refresh_from_db()
    member_user.hourly_rate.refresh_from_db()
    assert builder.minimum == Decimal("20.00") and member_user.hourly_rate.rate == Decimal("25.00")


def test_members_cannot_reach_the_finance_doors_of_the_api(member_client, cooperative):
    for name in ("member-rate-list", "rate-proposal-list", "bonus-award-list", "surplus-allocation-list"):
        assert member_client.get(reverse(name)).status_code == 403


def test_pay_band_motion_goes_to_the_general_conference_through_the_api(member_client, member_user, cooperative):
    # Given a General Conference and the member admitted as a provisional owner
    gf.bodies()
    membership.member_admit(
        member=membership.member_apply(user=member_user, legal_name="M", actor=None, reason="x"), actor=None, reason="x"
    )
    data = {
        "kind": "pay_band_change",
        "title": "Raise the Builder band",
        "pay_band_role": "Builder",
        "pay_band_minimum": "22.00",
        "pay_band_maximum": "44.00",
        "reason": "Cost of living",
    }
    # When they propose a pay band change to the Board, with a reversed range, then properly
    to_board = _json(member_client, "post", reverse("motion-list"), {**data, "body": "board"})
    assert to_board.status_code == 400 and "body" in to_board.json()
    reversed_range = _json(
        member_client,
        "post",
        reverse("motion-list"),
        {**data, "body": "general_conference", "pay_band_maximum": "10.00"},
    )
    assert reversed_range.status_code == 400 and "pay_band_maximum" in reversed_range.json()
    assert not Motion.objects.exists()
    # Then only the proper General Conference motion is accepted, and the band waits for the vote
    created = _json(member_client, "post", reverse("motion-list"), {**data, "body": "general_conference"})
    assert created.status_code == 201, created.content
    assert created.json()["pay_band_role"] == "Builder" and not PayBand.objects.exists()
