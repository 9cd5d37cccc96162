"""The browser's ballot module (secret_ballot/browser/ballot.mjs, on @noble/curves) run with Node:
its ballots pass the server's checks and the verifier, and its tracking codes are the server's."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from secret_ballot.ballot import audit_ballot, check_ballot
from secret_ballot.board import readable, tracking_code
from secret_ballot.group import parse_scalar
from secret_ballot.record import canonical_json
from secret_ballot.verify import verify
from tests.secret_ballot.election import MANIFEST, ROLL, SELECTIONS, ceremony, plain_count, run

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules/@noble/curves").is_dir(),
    reason="needs Node and `npm ci` (make install)",
)

SCRIPT = """
import { auditBallot, encryptBallot, readable, trackingCode } from './secret_ballot/browser/ballot.mjs';
const input = JSON.parse(process.argv[1]);
const { ballot, randomness } = encryptBallot(input.manifest, input.public_key, input.voter_id, input.selections);
const code = trackingCode(input.manifest.election_id, ballot);
const audited = auditBallot(input.manifest, input.public_key, ballot, randomness);
console.log(JSON.stringify({ ballot, randomness, tracking_code: code, readable: readable(code), audited }));
"""


def node_encrypt(manifest, public_key, voter, marks):
    payload = {"manifest": manifest, "public_key": public_key.hex(), "voter_id": voter, "selections": marks}
    result = subprocess.run(  # noqa: S603 (Node on our own module)
        [shutil.which("node"), "--input-type=module", "-e", SCRIPT, json.dumps(payload)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_ballot_from_the_browser_module_passes_the_checks_and_opens_to_its_marks():
    _, _, public_key = ceremony(3, 2, MANIFEST["election_id"])
    out = node_encrypt(MANIFEST, public_key, "v-chloe", SELECTIONS["v-chloe"])
    check_ballot(MANIFEST, public_key, out["ballot"])
    assert out["tracking_code"] == tracking_code(MANIFEST["election_id"], out["ballot"])
    randomness = {q: [parse_scalar(r, "r") for r in rs] for q, rs in out["randomness"].items()}
    assert audit_ballot(MANIFEST, public_key, out["ballot"], randomness) == SELECTIONS["v-chloe"]


def test_the_browser_opens_a_challenged_ballot_and_shows_its_code_as_the_board_does():
    _, _, public_key = ceremony(3, 2, MANIFEST["election_id"])
    out = node_encrypt(MANIFEST, public_key, "v-chloe", SELECTIONS["v-chloe"])
    assert out["audited"] == SELECTIONS["v-chloe"]
    assert out["readable"] == readable(out["tracking_code"])


def test_the_verifier_accepts_a_record_of_browser_ballots():
    record = run(encrypter=lambda *args: node_encrypt(*args)["ballot"])
    assert verify(canonical_json(record).encode()).startswith("record verified:")
    assert [row["counts"] for row in record["result"]] == plain_count(MANIFEST, ROLL, SELECTIONS)
