"""The independent verifier: `python -m secret_ballot.verify record.json`.

It reads only the record and checks, in this order, stopping at the first failure: the file's
encoding and canonical form; the format; the election description and its hash; the roll and its
hash; each trustee's commitments and proof of knowledge; the public key; each ballot (voter on the
roll, once, every proof, the tracking code); the board's hash chain; the weighted totals; each
trustee's partial decryptions; the result. Positions of list entries count from 0, as in the
file; trustees are numbered from 1. Exit status 0 means verified, 1 a failed check, 2 an
unreadable file.
"""

import json
import sys

from .ballot import check_ballot, check_manifest, ciphertext_json, expect_int, expect_keys, expect_list, expect_text
from .board import chain, genesis, tracking_code
from .cli import verify_file
from .group import VerificationError, parse_point
from .record import (
    FORMAT,
    canonical_json,
    dealing_from_json,
    decrypt_totals,
    election_hash,
    roll_hash,
    weighted_totals,
)
from .trustees import joint_public_key, verify_dealing

KEYS = (
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
)


def parse(data):
    """The record from the file's bytes: UTF-8, JSON, and in the canonical form."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise VerificationError(f"record: not UTF-8 at byte {error.start}") from error
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise VerificationError(
            f"record: not JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    expected = canonical_json(record)
    if text != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(text, expected, strict=False)) if a != b), min(len(text), len(expected))
        )
        raise VerificationError(f"record: not in the canonical JSON form (first difference at character {at})")
    return record


def verify(data):
    """Check a record given as bytes; returns a short summary, or raises VerificationError naming the
    first check that fails."""
    record = parse(data)
    expect_keys(record, KEYS, "record")
    if record["format"] != FORMAT:
        raise VerificationError(f"record: the format is not {FORMAT}")
    manifest = record["election"]
    check_manifest(manifest)
    if record["election_hash"] != election_hash(manifest):
        raise VerificationError("election: the election hash does not match the election description")
    roll = _check_roll(record)
    dealings, threshold = _check_trustees(record, manifest["election_id"])
    public_key = parse_point(record["public_key"], "public key")
    if public_key != joint_public_key(dealings):
        raise VerificationError("public key: not the product of the trustees' first commitments")
    cast = _check_ballots(record, manifest, roll, public_key)
    _check_board(record, manifest["election_id"], public_key)
    totals = weighted_totals(manifest, roll, cast)
    _check_totals(record, manifest, totals)
    decryptions = _check_decryptions(record, manifest, len(dealings), threshold)
    counts = decrypt_totals(manifest, roll, dealings, threshold, totals, decryptions)
    _check_result(record, manifest, counts)
    results = "; ".join(
        f"{question['id']}: " + ", ".join(f"{choice} {n}" for choice, n in zip(question["choices"], row, strict=True))
        for question, row in zip(manifest["questions"], counts, strict=True)
    )
    return (
        f"record verified: election {manifest['election_id']!r}, {len(cast)} ballots, "
        f"{len(decryptions)} of {len(dealings)} trustees (threshold {threshold}); {results}"
    )


def _check_roll(record):
    roll = record["roll"]
    if not isinstance(roll, dict):
        raise VerificationError("roll: expected an object of voter id to weight")
    for voter, weight in roll.items():
        expect_int(weight, f"roll: weight of {voter!r}")
    if record["roll_hash"] != roll_hash(roll):
        raise VerificationError("roll: the roll hash does not match the roll")
    return roll


def _check_trustees(record, election_id):
    trustees = record["trustees"]
    expect_keys(trustees, ("threshold", "dealings"), "trustees")
    threshold = expect_int(trustees["threshold"], "trustees: threshold", 1)
    dealings = []
    for position, data in enumerate(expect_list(trustees["dealings"], "trustees: dealings")):
        what = f"trustee {position + 1}"
        expect_keys(data, ("dealer", "commitments", "proof"), what)
        if data["dealer"] != position + 1 or isinstance(data["dealer"], bool):
            raise VerificationError(f"{what}: numbered {data['dealer']!r}, trustees are numbered 1..n in order")
        dealing = dealing_from_json(data, what)
        verify_dealing(dealing, threshold, election_id)
        dealings.append(dealing)
    if not threshold <= len(dealings):
        raise VerificationError(f"trustees: a threshold of {threshold} with {len(dealings)} trustees")
    return dealings, threshold


def _check_ballots(record, manifest, roll, public_key):
    cast, voters = [], set()
    for position, ballot in enumerate(expect_list(record["ballots"], "ballots")):
        what = f"ballot {position}"
        expect_keys(ballot, ("voter_id", "answers", "tracking_code"), what)
        voter = expect_text(ballot["voter_id"], f"{what}: voter id")
        if voter not in roll:
            raise VerificationError(f"{what}: voter {voter!r} is not on the roll")
        if voter in voters:
            raise VerificationError(f"{what}: voter {voter!r} has already cast a ballot")
        voters.add(voter)
        try:
            marks = check_ballot(manifest, public_key, {"voter_id": voter, "answers": ballot["answers"]})
        except VerificationError as error:
            raise VerificationError(f"{what}: {error}") from error
        if ballot["tracking_code"] != tracking_code(manifest["election_id"], ballot):
            raise VerificationError(f"{what}: the tracking code is not the hash of the ballot")
        cast.append((voter, marks))
    return cast


def _check_board(record, election_id, public_key):
    ballots = record["ballots"]
    board = expect_list(record["board"], "board", len(ballots))
    head = genesis(election_id, record["election_hash"], record["roll_hash"], public_key)
    for position, (entry, ballot) in enumerate(zip(board, ballots, strict=True)):
        what = f"board entry {position}"
        expect_keys(entry, ("tracking_code", "hash"), what)
        if entry["tracking_code"] != ballot["tracking_code"]:
            raise VerificationError(f"{what}: the tracking code is not ballot {position}'s")
        head = chain(head, ballot["tracking_code"])
        if entry["hash"] != head:
            raise VerificationError(f"{what}: hash chain broken")


def _check_totals(record, manifest, totals):
    rows = expect_list(record["totals"], "totals", len(manifest["questions"]))
    for question, row, computed in zip(manifest["questions"], rows, totals, strict=True):
        what = f"totals of question {question['id']!r}"
        expect_keys(row, ("question_id", "ciphertexts"), what)
        if row["question_id"] != question["id"]:
            raise VerificationError(f"{what}: recorded under question {row['question_id']!r}")
        ciphertexts = expect_list(row["ciphertexts"], what, len(question["choices"]))
        for choice, recorded, total in zip(question["choices"], ciphertexts, computed, strict=True):
            if recorded != ciphertext_json(total):
                raise VerificationError(
                    f"totals: the encrypted total for choice {choice!r} of question {question['id']!r} "
                    "is not the weighted product of the ballots"
                )


def _check_decryptions(record, manifest, trustees, threshold):
    decryptions = expect_list(record["decryptions"], "decryptions")
    seen = set()
    for position, decryption in enumerate(decryptions):
        what = f"decryption {position}"
        expect_keys(decryption, ("trustee", "shares"), what)
        trustee = expect_int(decryption["trustee"], f"{what}: trustee", 1)
        if trustee > trustees or trustee in seen:
            raise VerificationError(f"{what}: trustee {trustee} is unknown or appears twice")
        seen.add(trustee)
        shares = expect_list(decryption["shares"], f"trustee {trustee}: shares", len(manifest["questions"]))
        for question, row in zip(manifest["questions"], shares, strict=True):
            expect_list(row, f"trustee {trustee}: shares of question {question['id']!r}", len(question["choices"]))
    if len(decryptions) < threshold:
        raise VerificationError(f"decryptions: {len(decryptions)} trustees decrypted, the threshold is {threshold}")
    return decryptions


def _check_result(record, manifest, counts):
    rows = expect_list(record["result"], "result", len(manifest["questions"]))
    for question, row, computed in zip(manifest["questions"], rows, counts, strict=True):
        what = f"result of question {question['id']!r}"
        expect_keys(row, ("question_id", "counts"), what)
        if row["question_id"] != question["id"]:
            raise VerificationError(f"{what}: recorded under question {row['question_id']!r}")
        recorded = expect_list(row["counts"], what, len(question["choices"]))
        for choice, says, count in zip(question["choices"], recorded, computed, strict=True):
            if says != count or isinstance(says, bool):
                raise VerificationError(
                    f"result: decrypted total for choice {choice!r} of question {question['id']!r} is {count}, "
                    f"record says {says}"
                )


def main(argv=None):
    """The command line: verify the record named by the one argument."""
    return verify_file(argv, verify, "python -m secret_ballot.verify record.json")


if __name__ == "__main__":
    sys.exit(main())
