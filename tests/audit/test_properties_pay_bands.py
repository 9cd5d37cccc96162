"""Hypothesis property of the pay bands: whatever sequence of band adoptions, rate settings and
adjustment approvals is tried, what the finance services accept keeps every band well formed and
every hourly rate inside its band, exactly, and what breaks a rule is refused by field and
writes nothing.

The code defines no ratio between the lowest and the highest band: a band is a positive minimum
and a maximum at least as high, in exact cents, adopted by vote.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from finance import services
from finance.models import MemberRate, PayBand, RateAdjustmentProposal
from tests.audit.examples import rolled_back, table_state
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["Builder", "Planner", "  "]
CENT = Decimal("0.01")
PENDING = RateAdjustmentProposal.Status.PENDING
PAY_TABLES = (PayBand, MemberRate, RateAdjustmentProposal)

# Whole amounts from a few values, so bands overlap and rates fall on either side of a band
# change, and the ways an amount goes wrong: zero or negative, a third decimal place, a float,
# text that is not a number, a maximum below the minimum.
whole = st.sampled_from(range(10, 45, 5)).map(lambda n: Decimal(n).quantize(CENT))
broken_amounts = st.one_of(
    st.decimals(min_value=Decimal("-5"), max_value=Decimal("0"), places=2),
    st.decimals(min_value=Decimal("1"), max_value=Decimal("80"), places=3),
    st.sampled_from([12.5, "twenty", "Infinity"]),
)
amounts = st.one_of(whole, st.decimals(min_value=Decimal("1"), max_value=Decimal("80"), places=2), broken_amounts)
ordered_limits = st.tuples(whole, st.sampled_from(range(0, 25, 5))).map(lambda pair: (pair[0], pair[0] + pair[1]))
limits = st.one_of(ordered_limits, st.tuples(amounts, amounts))
placements = st.lists(
    st.tuples(st.sampled_from(range(4)), st.sampled_from(ROLES[:2]), st.one_of(whole, amounts)), min_size=1, max_size=4
)


def _amount_broken(value) -> bool:
    if isinstance(value, float):
        return True
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return True
    return not number.is_finite() or number <= 0 or number != number.quantize(CENT)


def _adopt_broken(role: str, minimum, maximum) -> set[str]:
    """Return the fields whose rule an adoption breaks, as the bylaws state the rules."""
    broken = set()
    if not role.strip():
        broken.add("role")
    if _amount_broken(minimum):
        broken.add("minimum")
    if _amount_broken(maximum):
        broken.add("maximum")
    if not broken and Decimal(str(maximum)) < Decimal(str(minimum)):
        broken.add("maximum")
    band = PayBand.objects.filter(role=role.strip()).first()
    if not broken and band is not None and band.pending_minimum is not None:
        broken.add("role")  # an earlier change still waits for its adjustments
    return broken


def _rate_broken(member, band: PayBand, rate) -> set[str]:
    """Return the fields whose rule placing `member` in `band` at `rate` breaks."""
    if _amount_broken(rate):
        return {"rate"}
    rate = Decimal(str(rate))
    if not band.minimum <= rate <= band.maximum:
        return {"rate"}
    if band.pending_minimum is not None and not band.pending_minimum <= rate <= band.pending_maximum:
        return {"rate"}  # it would fall outside the band once the adopted change takes effect
    if RateAdjustmentProposal.objects.filter(member_rate__member=member, status=PENDING).exists():
        return {"rate"}
    return set()


def _assert_band_rules_hold() -> None:
    bands = {band.pk: band for band in PayBand.objects.all()}
    for band in bands.values():
        assert 0 < band.minimum <= band.maximum
        assert band.minimum.as_tuple().exponent == band.maximum.as_tuple().exponent == -2
        if band.pending_minimum is not None:
            assert 0 < band.pending_minimum <= band.pending_maximum
    for row in MemberRate.objects.all():
        band = bands[row.band_id]
        # the rate lies inside the band in force, and the row's copy of the limits is the band's
        assert band.minimum <= row.rate <= band.maximum
        assert (row.band_minimum, row.band_maximum) == (band.minimum, band.maximum)
        assert row.rate == row.rate.quantize(CENT)
    for proposal in RateAdjustmentProposal.objects.filter(status=PENDING).select_related("member_rate__band"):
        band = proposal.member_rate.band
        assert (proposal.target_minimum, proposal.target_maximum) == (band.pending_minimum, band.pending_maximum)
        assert band.pending_minimum <= proposal.proposed_rate <= band.pending_maximum
    for band in bands.values():
        waiting = RateAdjustmentProposal.objects.filter(member_rate__band=band, status=PENDING).exists()
        # a band waits on a change exactly while adjustments into it are pending
        assert waiting == (band.pending_minimum is not None)


def _adopt(role, limits) -> None:
    minimum, maximum = limits
    broken = _adopt_broken(role, minimum, maximum)
    before = table_state(*PAY_TABLES)
    try:
        services.pay_band_adopt(
            role=role, minimum=minimum, maximum=maximum, basis="Motion #1: pay bands", actor=None, reason="Property"
        )
    except ValidationError as error:
        assert broken, f"a valid band was refused: {error.message_dict}"
        assert set(error.message_dict) <= broken
        assert table_state(*PAY_TABLES) == before
    else:
        assert not broken, f"a band breaking the rule on {broken} was accepted"
        band = PayBand.objects.get(role=role.strip())
        # the limits voted are the limits kept, to the cent: in force, or waiting on adjustments
        voted = (Decimal(str(minimum)), Decimal(str(maximum)))
        assert voted in {(band.minimum, band.maximum), (band.pending_minimum, band.pending_maximum)}


def _set_rate(board, member, role, rate) -> None:
    band = PayBand.objects.filter(role=role).first()
    if band is None:
        return
    broken = _rate_broken(member, band, rate)
    before = table_state(*PAY_TABLES)
    try:
        services.member_rate_set(member=member, band=band, rate=rate, actor=board, reason="Property")
    except ValidationError as error:
        assert broken, f"a rate inside its band was refused: {error.message_dict}"
        assert set(error.message_dict) == broken
        assert table_state(*PAY_TABLES) == before
    else:
        assert not broken, "a rate outside its band was accepted"
        assert MemberRate.objects.get(member=member).rate == Decimal(str(rate))


def _approve_all(board) -> None:
    for proposal in RateAdjustmentProposal.objects.filter(status=PENDING).order_by("pk"):
        services.rate_adjustment_approve(proposal=proposal, actor=board, reason="Property")
    assert not PayBand.objects.filter(pending_minimum__isnull=False).exists()


@pytest.fixture
def members(cooperative) -> list:
    """Four members, built once for all the examples."""
    return [UserFactory() for _i in range(4)]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    start=ordered_limits,
    offsets=st.lists(st.sampled_from(range(0, 25, 5)), min_size=3, max_size=3),
    other=st.tuples(st.sampled_from(ROLES), limits),
    before=placements,
    change=limits,
    during=placements,
)
# A member placed in a band while its change waits, inside the old limits but outside the new:
# the change could then never apply (found by hand; too narrow for the search to hit often).
@example(
    start=(Decimal("20.00"), Decimal("40.00")),
    offsets=[0, 0, 0],
    other=("Planner", (Decimal(10), Decimal(10))),
    before=[(0, "Builder", Decimal(20))],
    change=(Decimal(25), Decimal(45)),
    during=[(3, "Builder", Decimal(20))],
)
def test_accepted_pay_changes_keep_every_rate_inside_its_band(
    members, board_user, start, offsets, other, before, change, during
):
    with rolled_back():
        # given a Builder band with three of four members placed in it, and maybe another band
        _adopt("Builder", start)
        for member, offset in zip(members, offsets, strict=False):
            _set_rate(board_user, member, "Builder", min(start[0] + offset, start[1]))
        _adopt(*other)
        _assert_band_rules_hold()
        # when rates are set, the General Conference changes the Builder band, more rates are
        # set while its adjustments wait, and the Board approves them
        for index, role, rate in before:
            _set_rate(board_user, members[index], role, rate)
            _assert_band_rules_hold()
        _adopt("Builder", change)
        _assert_band_rules_hold()
        for index, role, rate in during:
            _set_rate(board_user, members[index], role, rate)
            _assert_band_rules_hold()
        _approve_all(board_user)
        # then after every step the band rules held, and the change is in force
        _assert_band_rules_hold()
