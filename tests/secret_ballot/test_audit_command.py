"""`python -m secret_ballot.audit`: a challenged ballot, downloaded from the motion page, checked on
the voter's own computer. An honest ballot prints its marks; a ballot whose randomness does not
open it, or whose tracking code is not the one shown, is called dishonest."""

import json

from secret_ballot.audit import main
from secret_ballot.ballot import encrypt_ballot
from secret_ballot.board import readable, tracking_code
from secret_ballot.group import scalar_hex
from tests.secret_ballot.election import MANIFEST, SELECTIONS, ceremony


def _challenged(tmp_path, tamper=None):
    _, _, public_key = ceremony(3, 2, MANIFEST["election_id"])
    ballot, randomness = encrypt_ballot(MANIFEST, public_key, "v-ana", SELECTIONS["v-ana"])
    challenged = {
        "election": MANIFEST,
        "public_key": public_key.hex(),
        "ballot": ballot,
        "randomness": {q: [scalar_hex(r) for r in rs] for q, rs in randomness.items()},
        "tracking_code": tracking_code(MANIFEST["election_id"], ballot),
    }
    if tamper:
        tamper(challenged)
    path = tmp_path / "challenged-ballot.json"
    path.write_text(json.dumps(challenged))
    return path, challenged


def test_an_honest_ballot_prints_its_marks(tmp_path, capsys):
    path, challenged = _challenged(tmp_path)
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert f"tracking code {readable(challenged['tracking_code'])}: the ballot is honest" in out
    assert "adopt: yes\nchair: Ben\nprojects: garden, solar" in out


def test_randomness_that_does_not_open_the_ballot_is_called_dishonest(tmp_path, capsys):
    def swap(challenged):
        rs = challenged["randomness"]["chair"]
        rs[0], rs[1] = rs[1], rs[0]

    path, _ = _challenged(tmp_path, swap)
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "the challenged ballot is not honest: question 'chair': mark 0 is not an encryption" in out


def test_a_tracking_code_other_than_the_ballots_is_called_dishonest(tmp_path, capsys):
    def other_code(challenged):
        challenged["tracking_code"] = "0" * 64

    path, _ = _challenged(tmp_path, other_code)
    assert main([str(path)]) == 1
    assert "the tracking code is not this ballot's" in capsys.readouterr().out


def test_an_unreadable_file_is_named(tmp_path, capsys):
    path = tmp_path / "challenged-ballot.json"
    path.write_text("{not json")
    assert main([str(path)]) == 2
    assert "cannot read the challenged ballot" in capsys.readouterr().err
