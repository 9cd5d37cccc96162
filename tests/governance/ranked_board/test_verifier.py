"""`python -m governance.counting.verify` passes the record a closed secret ranked vote
downloads, recounting it by its named rule with its seed, and fails on one altered byte, naming
the first check that fails."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from governance.counting import seed_for
from governance.counting.verify import main, verify
from governance.models import Motion
from secret_ballot.group import VerificationError
from secret_ballot.record import canonical_json
from tests.clients import logged_in
from tests.factories import governance as gf

from .world import cast_rankings, close, ranked_vote

RANKINGS = [(0, 1), (1, 0, 2), (2, 1), (0, 2), (1, 2), (2, 0)]


def _record(board, owners, **vote) -> bytes:
    motion = ranked_vote(board=board, owners=owners, **vote)
    cast_rankings(motion, owners[:6], RANKINGS)
    close(motion, board)
    return logged_in(owners[1]).get(reverse("governance:record", args=[motion.pk])).content


@pytest.fixture
def owners(owners):
    """Six owners: one ballot per ranking."""
    return [*owners, gf.owner()]


@pytest.mark.parametrize(
    "vote",
    [
        {"method": Motion.Method.INSTANT_RUNOFF},
        {"method": Motion.Method.STV, "seats": 2, "rule": Motion.CountingRule.WIGM_EXACT},
        {"method": Motion.Method.STV, "seats": 2, "rule": Motion.CountingRule.SCOTTISH_STV_2007},
        {"method": Motion.Method.STV, "seats": 2, "rule": Motion.CountingRule.MEEK},
    ],
)
def test_the_downloaded_record_verifies(board, owners, vote, tmp_path, capsys):
    data = _record(board, owners, **vote)
    summary = verify(data)
    assert summary.startswith("verified: 6 ballots, ")
    path = tmp_path / "record.json"
    path.write_bytes(data)
    assert main([str(path)]) == 0
    assert capsys.readouterr().out.startswith("verified")


def _altered(data: bytes, change) -> bytes:
    record = json.loads(data)
    change(record)
    return canonical_json(record).encode()


def test_one_altered_byte_is_caught(board, owners, tmp_path, capsys):
    data = _record(board, owners, method=Motion.Method.INSTANT_RUNOFF)
    # A byte outside the canonical form: a space added at the end
    with pytest.raises(VerificationError, match="canonical"):
        verify(data[:-1] + b" \n")
    # One hex digit of a tracking code on the board
    record = json.loads(data)
    code = record["board"]["entries"][3]["tracking_code"]
    flipped = ("0" if code[0] != "0" else "1") + code[1:]
    with pytest.raises(VerificationError, match="board entry 3: hash chain broken"):
        verify(data.replace(code.encode(), flipped.encode()))
    path = tmp_path / "record.json"
    path.write_bytes(data.replace(code.encode(), flipped.encode()))
    assert main([str(path)]) == 1
    assert "board entry 3: hash chain broken" in capsys.readouterr().out
    assert main([str(tmp_path / "missing.json")]) == 2


def test_a_changed_ballot_or_round_is_named(board, owners):
    data = _record(board, owners, method=Motion.Method.STV, seats=2)
    with pytest.raises(VerificationError, match="groups: the ballot groups do not hold exactly the published ballots"):
        verify(_altered(data, lambda r: r["ballots"][0]["ranking"].reverse()))
    with pytest.raises(VerificationError, match="board: the head is not the last entry's hash"):
        verify(_altered(data, lambda r: r["board"]["entries"].pop()))

    def drop_last(record):
        record["board"]["entries"].pop()
        record["board"]["head"] = record["board"]["entries"][-1]["hash"]

    with pytest.raises(VerificationError, match="board: 5 entries, but 6 participations and 6 ballots"):
        verify(_altered(data, drop_last))
    with pytest.raises(VerificationError, match="seed: the ballot groups give"):
        verify(_altered(data, lambda r: r.update(seed="0" * 64)))

    def regroup(record):
        record["groups"][0]["weight"] = "2.00"
        groups = [(tuple(g["ranking"]), Decimal(g["weight"])) for g in record["groups"]]
        record["seed"] = seed_for(record["motion"]["id"], groups)

    with pytest.raises(VerificationError, match=r"totals: the recount gives|round 1: the recount gives"):
        verify(_altered(data, regroup))
    with pytest.raises(VerificationError, match=r"round 1: the recount gives tallies .* the record says"):
        verify(_altered(data, lambda r: r["result"]["rounds"][0]["tallies"].update({"0": "1.000000"})))
