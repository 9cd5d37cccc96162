"""Scottish STV (2007 Order) against the Droop counter's reference counts, stage by stage: the
21 Glasgow City Council wards of May 2007 and Droop's small 42.blt."""

from fractions import Fraction

import pytest

from governance.counting import scottish_stv

from .reference import DATA, dump, election, shown

WARDS = ["42", *sorted(path.stem for path in DATA.glob("*-2007.blt"))]


def _events(rows, kind):
    """Return who the reference elects (e/E) or defeats (D), in the order it does."""
    seen, order = set(), []
    for row in rows:
        for name, state in row.states.items():
            if (state in "eE" if kind == "elect" else state == "D") and name not in seen:
                seen.add(name)
                order.append(name)
    return order


@pytest.mark.parametrize("ward", WARDS)
def test_each_stage_matches_the_reference_count(ward):
    assert len(WARDS) == 22
    # given the ward's ballots and the reference count
    read = election(ward)
    rows = dump(f"{ward}-scotland-fixed-p5-d5")
    # when counting by the 2007 rules
    count = scottish_stv(read.groups, read.choices, read.seats, seed="reference")
    # then the quota is the integer Droop quota
    assert count.rounds[0].quota == Fraction(sum(w for _m, w in read.groups) // (read.seats + 1) + 1)
    assert shown(count.rounds[0].quota, 5) == rows[0].quota
    # and each stage's votes, to five decimals, are the reference's after each transfer
    stages = [row for row in rows if row.action in ("begin", "transfer")]
    # (seats filled at the quota and by rule 52 at one stage: two records of the same stage)
    rounds = count.rounds
    transferring = [r for i, r in enumerate(rounds) if not (i and r.tallies == rounds[i - 1].tallies)]
    assert len(transferring) == len(stages)
    for stage, mine in zip(stages, transferring, strict=True):
        assert {read.names[c]: shown(v, 5) for c, v in mine.tallies.items()} == {
            read.names[c]: stage.votes[read.names[c]] for c in mine.tallies
        }
    # and the same candidates are elected, and excluded in the same order
    elected = [read.names[c] for r in count.rounds if r.action in ("elect", "elect remaining") for c in r.choices]
    assert set(elected) == set(_events(rows, "elect")) and count.winners == [
        c for r in count.rounds if r.action in ("elect", "elect remaining") for c in r.choices
    ]
    excluded = [read.names[c] for r in count.rounds if r.action == "exclude" for c in r.choices]
    assert excluded == _events(rows[:-1], "defeat")[: len(excluded)]


def test_candidates_reaching_the_quota_together_are_elected_at_once_largest_surplus_first():
    # given 2 seats, 9 ballots: quota 9 // 3 + 1 = 4; A 5 and B 4 both reach it at stage 1
    a, b, c = 1, 2, 3
    groups = [((a, c), 5), ((b, c), 4)]
    count = scottish_stv(groups, [a, b, c], 2)
    first = count.rounds[0]
    assert first.quota == 4 and first.action == "elect" and first.choices == [a, b] and first.reason == "quota"
    assert count.winners == [a, b]


def test_transfer_values_are_truncated_to_five_decimals():
    # given 1 seat... 2 seats, quota 7 // 3 + 1 = 3; A has 7 first preferences, surplus 4
    # transfer value 4 * 1 / 7 = 0.571428... -> 0.57142; 3 ballots to B carry 1.71426, 4 to C 2.28568
    a, b, c, d = 1, 2, 3, 4
    groups = [((a, b), 3), ((a, c), 4)]
    count = scottish_stv(groups, [a, b, c, d], 2)
    second = count.rounds[1]
    assert second.tallies[b] == Fraction("1.71426") and second.tallies[c] == Fraction("2.28568")
