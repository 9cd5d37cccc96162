"""Properties every STV rule keeps on any ballots: it fills exactly the seats, each winner once,
and no round creates votes (Meek loses none either; Scottish loses only what it truncates)."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from governance import counting

CHOICES = [11, 12, 13, 14, 15]
whole = st.integers(min_value=1, max_value=60).map(Decimal)
ranked = st.permutations(CHOICES).flatmap(lambda order: st.integers(1, len(order)).map(lambda n: tuple(order[:n])))
ranked_groups = st.lists(st.tuples(ranked, whole), min_size=1, max_size=10)


def _total(groups) -> Fraction:
    return sum((Fraction(w) for _m, w in groups), Fraction(0))


@given(ranked_groups, st.integers(1, 3), st.text(max_size=8))
def test_scottish_fills_the_seats_and_only_truncation_loses_votes(groups, seats, seed):
    count = counting.scottish_stv(groups, CHOICES, seats, seed=seed)
    assert len(count.winners) == len(set(count.winners)) == seats
    transferred = 0
    for round_ in count.rounds:
        held = sum(round_.tallies.values(), Fraction(0)) + round_.exhausted + transferred * round_.quota
        assert held <= _total(groups)
        # each transfer truncates each ballot's value by less than 0.00001
        assert _total(groups) - held <= _total(groups) * len(count.rounds) / 10**5
        transferred += len(round_.surplus_of)


@settings(max_examples=40, deadline=None)
@given(ranked_groups, st.integers(1, 3))
def test_meek_fills_the_seats_and_keeps_every_vote(groups, seats):
    count = counting.meek_stv(groups, CHOICES, seats)
    assert len(count.winners) == len(set(count.winners)) == seats
    for round_ in count.rounds:
        assert sum(round_.tallies.values(), Fraction(0)) + round_.exhausted == _total(groups)
