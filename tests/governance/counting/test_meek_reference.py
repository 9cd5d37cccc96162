"""Meek's method against the Droop counter's reference Meek (rational, omega 10^-10), round
by round: its SC.blt (13 candidates, 5 seats) and SC-Vm-12.blt."""

import pytest

from governance.counting import meek_stv

from .reference import dump, election, rounded

CASES = ["SC", "SC-Vm-12"]


@pytest.mark.parametrize("name", CASES)
def test_each_round_matches_the_reference_count(name):
    # given the ballots and the reference count
    read = election(name)
    rows = dump(f"{name}-meek-o10-rational-d12")
    # the reference's votes when each round acts, and what each round did
    acting = {}
    for row in rows:
        if row.round and row.action in ("elect", "defeat"):
            acting.setdefault(row.round, row)
    # when counting by Meek's method
    count = meek_stv(read.groups, read.choices, read.seats, seed="reference")
    # then every round's votes agree to the twelve places the reference prints
    assert len(count.rounds) == len(acting)
    for (number, row), mine in zip(sorted(acting.items()), count.rounds, strict=True):
        for choice, votes in mine.tallies.items():
            assert rounded(votes, 12) == row.votes[read.names[choice]], (number, read.names[choice])
        assert rounded(mine.quota, 12) == row.quota
        # and those it elects or excludes are the ones the reference does in that round
        wanted = "D" if mine.action == "exclude" else "E"
        ends = [r for r in rows if r.round == number][-1]
        before = [r for r in rows if r.round == number - 1 or (number == 1 and r.round == 0)][-1]
        changed = {n for n, s in ends.states.items() if s == wanted and before.states[n] != wanted}
        assert {read.names[c] for c in mine.choices} == changed
    winners = {n for n, s in rows[-1].states.items() if s == "E"}
    assert {read.names[c] for c in count.winners} == winners


def test_several_sure_losers_are_excluded_together():
    read = election("SC")
    count = meek_stv(read.groups, read.choices, read.seats)
    batch = count.rounds[1]
    assert batch.action == "exclude" and len(batch.choices) == 5 and batch.reason == "sure_losers"
