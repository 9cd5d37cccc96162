import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from secret_ballot.group import VerificationError, base_mult
from secret_ballot.record import canonical_json
from secret_ballot.verify import verify
from tests.secret_ballot.election import MANIFEST, ROLL, SELECTIONS, plain_count, run

ROOT = Path(__file__).resolve().parents[2]
HEX = b"0123456789abcdef"


def altered(record, change):
    """The record, changed in its parsed form and written again canonically."""
    copied = copy.deepcopy(record)
    change(copied)
    return canonical_json(copied).encode()


def test_the_record_verifies_and_its_result_is_the_plain_weighted_count(record, record_bytes):
    summary = verify(record_bytes)
    assert summary.startswith("record verified: election 'coop-7/motion-42', 4 ballots, 2 of 3 trustees")
    assert [row["counts"] for row in record["result"]] == plain_count(MANIFEST, ROLL, SELECTIONS)
    assert "adopt: yes 8, no 1" in summary


def test_three_of_three_and_lone_trustee_elections_verify():
    assert verify(canonical_json(run(trustees=3, threshold=3, deciders=(3, 1, 2))).encode())
    assert verify(canonical_json(run(trustees=1, threshold=1, deciders=(1,))).encode())


def test_totals_that_are_the_identity_decrypt_to_zero():
    """No ballot, or only a weight of 0: every total and partial decryption is the identity."""
    assert verify(canonical_json(run(selections={})).encode()).endswith("library 0")
    lone = run(roll={**ROLL, "v-ben": 0}, selections={"v-ben": SELECTIONS["v-ben"]})
    assert lone["totals"][0]["ciphertexts"][1] == {"alpha": "01" + "00" * 31, "beta": "01" + "00" * 31}
    assert "adopt: yes 0, no 0" in verify(canonical_json(lone).encode())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: r["result"][0]["counts"].__setitem__(0, 9),
            "result: decrypted total for choice 'yes' of question 'adopt' is 8, record says 9",
        ),
        pytest.param(
            lambda r: r["board"][2].__setitem__("hash", r["board"][1]["hash"]),
            "board entry 2: hash chain broken",
        ),
        pytest.param(
            lambda r: r["board"].reverse(),
            "board entry 0: the tracking code is not ballot 0's",
        ),
        (
            lambda r: r["ballots"][1].__setitem__("voter_id", "v-ana"),
            "ballot 1: voter 'v-ana' has already cast a ballot",
        ),
        pytest.param(
            lambda r: r["ballots"][1].__setitem__("voter_id", "v-eve"),
            "ballot 1: voter 'v-eve' is not on the roll",
        ),
        pytest.param(
            lambda r: r["roll"].__setitem__("v-ben", 2),
            "roll: the roll hash does not match the roll",
        ),
        pytest.param(
            lambda r: r["election"]["questions"][0]["choices"].reverse(),
            "election: the election hash does not match",
        ),
        (
            lambda r: r["totals"][1]["ciphertexts"].reverse(),
            "totals: the encrypted total for choice 'Ana' of question 'chair'",
        ),
        (
            lambda r: r["decryptions"][1]["shares"][2][0].__setitem__("value", base_mult(5).hex()),
            "trustee 3: partial decryption proof does not verify",
        ),
        pytest.param(
            lambda r: r["decryptions"].pop(),
            "decryptions: 1 trustees decrypted, the threshold is 2",
        ),
        (
            lambda r: r["decryptions"][1].__setitem__("trustee", 2),
            "trustee 2: partial decryption proof does not verify",
        ),
        pytest.param(
            lambda r: r["trustees"]["dealings"].reverse(),
            "trustee 1: numbered 3, trustees are numbered 1..n in order",
        ),
        (
            lambda r: r.__setitem__("public_key", base_mult(3).hex()),
            "public key: not the product of the trustees' first commitments",
        ),
        (
            lambda r: r["ballots"][0].__setitem__("tracking_code", r["ballots"][1]["tracking_code"]),
            "ballot 0: the tracking code is not the hash of the ballot",
        ),
    ],
)
def test_a_changed_record_fails_naming_the_check(record, change, message):
    with pytest.raises(VerificationError, match=f"^{message}"):
        verify(altered(record, change))


def test_a_ballot_moved_to_another_voter_fails_on_its_proofs(record):
    def swap(r):
        r["ballots"][0]["voter_id"], r["ballots"][1]["voter_id"] = "v-ben", "v-ana"

    with pytest.raises(
        VerificationError, match=r"^ballot 0: question 'adopt': proof that mark 0 is 0 or 1 does not verify"
    ):
        verify(altered(record, swap))


def test_the_same_data_spelt_otherwise_is_refused(record_bytes):
    with pytest.raises(VerificationError, match="record: not in the canonical JSON form"):
        verify(record_bytes.replace(b'\n "ballots"', b'\n  "ballots"', 1))
    with pytest.raises(VerificationError, match="record: not JSON at line 1"):
        verify(b"{" + record_bytes)
    with pytest.raises(VerificationError, match="record: not UTF-8 at byte 3"):
        verify(record_bytes[:3] + b"\xff" + record_bytes[4:])


def test_any_single_altered_byte_fails_naming_a_check(record_bytes):
    """A seeded sample of positions across the file, each changed to a random byte and to a byte
    of the same kind (a hex digit for a hex digit, a letter for a letter), which stays JSON."""
    rng = random.Random(17)
    for _ in range(150):
        position = rng.randrange(len(record_bytes))
        old = record_bytes[position]
        pool = HEX if old in HEX else b"abcdefghijklmnopqrstuvwxyz" if chr(old).isalpha() else bytes(range(256))
        new = rng.choice([byte for byte in pool if byte != old])
        data = record_bytes[:position] + bytes([new]) + record_bytes[position + 1 :]
        with pytest.raises(VerificationError, match=r"^[a-z][^:]*( [0-9]+)?:"):
            verify(data)


def run_verifier(path, module="secret_ballot.verify"):
    return subprocess.run(  # noqa: S603 (our own interpreter on our own module)
        [sys.executable, "-X", "importtime", "-m", module, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_line_verifier_imports_no_django(tmp_path, record, record_bytes):
    good = tmp_path / "record.json"
    good.write_bytes(record_bytes)
    result = run_verifier(good)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("record verified:")
    imported = [line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert "secret_ballot.group" in imported and "nacl.bindings" in imported
    assert not [name for name in imported if name.split(".")[0] in ("django", "coop", "governance", "config")]

    bad = tmp_path / "tampered.json"
    bad.write_bytes(altered(record, lambda r: r["result"][1]["counts"].__setitem__(1, 7)))
    result = run_verifier(bad)
    assert result.returncode == 1
    assert result.stdout == (
        "verification failed: result: decrypted total for choice 'Ben' of question 'chair' is 8, record says 7\n"
    )
    assert run_verifier(tmp_path / "missing.json").returncode == 2
    assert run_verifier(good, module="secret_ballot").returncode == 0


def test_the_record_is_plain_json_with_its_parts(record_bytes):
    record = json.loads(record_bytes)
    assert sorted(record) == sorted(
        [
            "format",
            "election",
            "election_hash",
            "roll",
            "roll_hash",
            "trustees",
            "public_key",
            "ballots",
            "board",
            "totals",
            "decryptions",
            "result",
        ]
    )
