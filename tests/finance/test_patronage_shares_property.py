"""Properties of sharing the dividends: whatever the hours, the pay and the mix, the shares sum to
the dividends to the cent, none is negative, and a member with no part gets nothing."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finance.services import patronage_shares

CENTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
HOURS = st.decimals(min_value=Decimal("0"), max_value=Decimal("3000"), places=2)
PAY = st.decimals(min_value=Decimal("0"), max_value=Decimal("200000"), places=2)
CREDITED = st.dictionaries(
    st.integers(min_value=1, max_value=10_000), st.tuples(HOURS, PAY), min_size=1, max_size=40
).filter(lambda credited: all(hours > 0 and pay > 0 for hours, pay in credited.values()))


@given(dividends=CENTS, credited=CREDITED, hours_percent=st.integers(min_value=0, max_value=100))
def test_the_shares_sum_to_the_dividends_to_the_cent(dividends, credited, hours_percent):
    shares = patronage_shares(dividends, credited, Decimal(hours_percent))
    assert sum(shares.values()) == dividends
    assert all(share >= 0 for share in shares.values())
    assert all(share == share.quantize(Decimal("0.01")) for share in shares.values())
    assert set(shares) <= set(credited)


@given(dividends=CENTS, credited=CREDITED)
def test_by_hours_alone_pay_changes_nothing(dividends, credited):
    doubled_pay = {member: (hours, pay * 2 + 1) for member, (hours, pay) in credited.items()}
    assert patronage_shares(dividends, credited, Decimal(100)) == patronage_shares(dividends, doubled_pay, Decimal(100))
