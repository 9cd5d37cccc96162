"""The counting rules, on hand-made ballots with known answers."""

from decimal import Decimal
from fractions import Fraction

from governance import counting

A, B, C, D = 1, 2, 3, 4


def test_plurality_top_seats_win_and_a_tie_for_the_last_seat_is_reported():
    # given weighted single-mark ballots
    groups = [((A,), Decimal(5)), ((B,), Decimal(3)), ((C,), Decimal(3))]
    # when counting one and two seats
    one = counting.single_choice(groups, [A, B, C], seats=1)
    two = counting.single_choice(groups, [A, B, C], seats=2)
    # then A wins one seat; B and C tie for the second
    assert one.winners == [A] and one.tied == []
    assert two.winners == [A] and sorted(two.tied) == [B, C]


def test_approval_gives_each_approved_choice_the_full_weight():
    groups = [((A, B), Decimal(2)), ((B,), Decimal(1)), ((C,), Decimal(2))]
    count = counting.approval(groups, [A, B, C], seats=1)
    assert count.totals == {A: 2, B: 3, C: 2}
    assert count.winners == [B]


def test_instant_runoff_transfers_the_weakest_until_a_majority():
    # given first preferences A 4, B 3, C 2 and C's voters prefer B next
    groups = [((A,), Decimal(4)), ((B, A), Decimal(3)), ((C, B), Decimal(2))]
    count = counting.instant_runoff(groups, [A, B, C])
    # then C is excluded and B wins 5 to 4
    assert [r.action for r in count.rounds] == ["exclude", "elect"]
    assert count.rounds[0].choices == [C]
    assert count.rounds[1].tallies == {A: 4, B: 5}
    assert count.winners == [B]


def test_stv_elects_on_the_droop_quota_and_transfers_surplus_by_wigm():
    # given 3 seats and 100 votes: exact Droop quota 25
    groups = [
        ((A, B), Decimal(40)),
        ((B,), Decimal(10)),
        ((C,), Decimal(20)),
        ((D,), Decimal(18)),
        ((C, D), Decimal(12)),
    ]
    count = counting.single_transferable_vote(groups, [A, B, C, D], seats=3)
    # then A is elected first and its surplus 15 of 40 moves to B at value 15/40
    first = count.rounds[0]
    assert first.quota == Fraction(25)
    assert first.action == "elect" and first.choices == [A]
    second = count.rounds[1]
    assert second.tallies[B] == Fraction(10) + Fraction(40) * Fraction(15, 40)
    assert count.winners[:2] == [A, C]
    assert set(count.winners) == {A, C, B}


def test_stv_fractional_weights_stay_exact():
    groups = [((A, B), Decimal("1.5")), ((B,), Decimal("0.75")), ((C,), Decimal("1"))]
    count = counting.single_transferable_vote(groups, [A, B, C], seats=2)
    assert count.rounds[0].quota == Fraction(13, 12)
    assert count.winners == [A, B]
    assert all(isinstance(v, Fraction) for r in count.rounds for v in r.tallies.values())


def test_exclusion_tie_is_broken_by_the_earlier_round_then_by_lot():
    # given a tie for last with no earlier round: decided by lot, and the round says so
    groups = [((A,), Decimal(2)), ((B,), Decimal(1)), ((C,), Decimal(1))]
    count = counting.instant_runoff(groups, [A, B, C], seed="s")
    assert count.winners == [A]
    assert count.rounds[0].tie["broken_by"] == "lot" and count.rounds[0].tie["tied"] == [B, C]
    groups = [((A,), Decimal(2)), ((B,), Decimal(2)), ((C,), Decimal(2)), ((D, B), Decimal(1))]
    count = counting.instant_runoff(groups, [A, B, C, D], seed="s")
    assert count.rounds[0].choices == [D]
    # round 2: B 3, A 2, C 2 — A and C tie at 2 in this and the first round: drawn by lot
    tie = count.rounds[1].tie
    assert tie["tied"] == [A, C] and tie["broken_by"] == "lot" and tie["seed"] == "s"
    assert count.rounds[1].choices == [tie["draw"][0]] == [counting.draw("s", [A, C], "2:exclude")[0]]


def test_round_records_serialise_as_decimal_strings():
    count = counting.single_transferable_vote([((A,), Decimal(1))], [A, B], seats=1)
    record = count.rounds[0].as_dict()
    assert record["tallies"][str(A)] == "1.000000"
