"""Ties are broken by the latest earlier round in which the tied choices differed, and only
then by lot, drawn from a seed fixed before the count; the round records the tie, the seed and
the draw, so anyone can repeat it."""

from decimal import Decimal

from governance import counting

A, B, C, D = 1, 2, 3, 4


def test_the_draw_is_fixed_by_the_seed_and_differs_between_seeds():
    # given the same tie drawn twice from one seed, and from many seeds
    once = counting.draw("seed-1", [A, B, C], "1:exclude")
    again = counting.draw("seed-1", [C, B, A], "1:exclude")
    # then one seed gives one order whatever the order of the tied choices
    assert once == again and sorted(once) == [A, B, C]
    # and the seeds do not all give the same order
    assert len({tuple(counting.draw(f"seed-{n}", [A, B, C], "1:exclude")) for n in range(30)}) > 1


def test_the_seed_depends_only_on_the_motion_and_its_ballot_groups():
    groups = [((A, B), Decimal(2)), ((C,), Decimal(1))]
    assert counting.seed_for(7, groups) == counting.seed_for(7, list(reversed(groups)))
    assert counting.seed_for(7, groups) != counting.seed_for(8, groups)
    assert counting.seed_for(7, groups) != counting.seed_for(7, [((A, B), Decimal(2)), ((C,), Decimal(2))])


def test_a_tie_in_every_round_is_drawn_by_lot_and_recorded():
    # given STV for 1 seat... 2 seats with B and C level all through: 9 ballots, quota 3
    groups = [((A,), Decimal(7)), ((B,), Decimal(1)), ((C,), Decimal(1))]
    for seed in ("one", "two", "three"):
        count = counting.single_transferable_vote(groups, [A, B, C], seats=2, seed=seed)
        # A is elected, then B and C tie at 1: one is excluded by lot
        excluded = next(r for r in count.rounds if r.action == "exclude")
        assert excluded.tie == {
            "tied": [B, C],
            "broken_by": "lot",
            "seed": seed,
            "draw": counting.draw(seed, [B, C], f"{excluded.number}:exclude"),
        }
        assert excluded.choices == [excluded.tie["draw"][0]]
        assert excluded.as_dict()["tie"]["seed"] == seed


def test_an_earlier_round_decides_before_any_lot():
    # given A 5, B 4, C 3, D 2 in round 1; D's ballots put C level with B at 4 in round 2
    groups = [((A,), Decimal(5)), ((B,), Decimal(4)), ((C,), Decimal(3)), ((D, C), Decimal(1)), ((D,), Decimal(1))]
    count = counting.instant_runoff(groups, [A, B, C, D], seed="x")
    assert count.rounds[0].choices == [D] and count.rounds[0].tie is None
    second = count.rounds[1]
    assert second.tallies[B] == second.tallies[C] == 4
    # then C, lower in round 1, is excluded, and the round says round 1 decided it
    assert second.choices == [C]
    assert second.tie == {"tied": [B, C], "broken_by": "earlier_round", "round": 1}


def test_scottish_equal_surpluses_with_no_earlier_stage_are_drawn_by_lot():
    # given 3 seats, 13 ballots: quota 13 // 4 + 1 = 4; A and B both 5 at the first stage
    e = 5
    groups = [((A, C), Decimal(5)), ((B, D), Decimal(5)), ((C,), Decimal(1)), ((D,), Decimal(1)), ((e,), Decimal(1))]
    count = counting.scottish_stv(groups, [A, B, C, D, e], 3, seed="s")
    first = count.rounds[0]
    # then both are elected at once, and whose equal surplus moves first is drawn by lot (rule 49(3))
    assert first.action == "elect" and sorted(first.choices) == [A, B]
    drawn = counting.draw("s", [A, B], "1:surplus")
    assert first.tie == {"tied": [A, B], "broken_by": "lot", "seed": "s", "draw": drawn}
    assert first.surplus_of == [first.tie["draw"][0]]


def test_meek_draws_candidates_level_within_the_surplus_by_lot():
    # given Droop's 42.blt: 2 seats, Castor 4 (then Pollux), Helen 2; quota 6 / 3 = 2.
    # Castor keeps half of each ballot once converged, so Pollux and Helen both end at 2
    castor, pollux, helen = 1, 2, 3
    groups = [((castor, pollux), Decimal(4)), ((helen,), Decimal(2))]
    count = counting.meek_stv(groups, [castor, pollux, helen], seats=2, seed="42")
    excluded = next(r for r in count.rounds if r.action == "exclude")
    assert excluded.tie["tied"] == [pollux, helen] and excluded.tie["broken_by"] == "lot"
    assert excluded.choices == [counting.draw("42", [pollux, helen], f"{excluded.number}:exclude")[0]]
    assert set(count.winners) == {castor} | ({pollux, helen} - set(excluded.choices))
