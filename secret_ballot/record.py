"""The election record: one JSON document holding everything the verifier needs, and the steps
that build it (weighted totals, partial decryptions, the result).

The record is written in one canonical form (`canonical_json`): keys sorted, one-space indent,
ASCII only, a final newline. The verifier refuses any other spelling of the same data, so that
every byte of the file is checked, whitespace included.
"""

import json

from .ballot import ciphertext_json, expect_keys, expect_list
from .elgamal import ZERO, discrete_log
from .group import VerificationError, hash_hex, parse_point
from .proofs import Proof
from .trustees import (
    Dealing,
    PartialDecryption,
    check_partial,
    combine,
    partial_decrypt,
    verification_key,
)

FORMAT = "secret-ballot-record/1"
ELECTION = "secret_ballot/election"
ROLL = "secret_ballot/roll"


def canonical_json(data):
    """The one accepted spelling of a record."""
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=True) + "\n"


def election_hash(manifest):
    """SHA-256 of the election description in compact canonical JSON (sorted keys, no spaces, ASCII)."""
    return hash_hex(ELECTION, json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=True))


def roll_hash(roll):
    """SHA-256 over the roll's voter ids in sorted order, each followed by its weight."""
    return hash_hex(ROLL, [[voter, roll[voter]] for voter in sorted(roll)])


def dealing_json(dealing):
    """A trustee's public dealing in record form."""
    return {
        "dealer": dealing.dealer,
        "commitments": [commitment.hex() for commitment in dealing.commitments],
        "proof": dealing.proof.as_json(),
    }


def dealing_from_json(data, what):
    """A dealing read from the record, its points checked."""
    expect_keys(data, ("dealer", "commitments", "proof"), what)
    commitments = tuple(
        parse_point(c, f"{what} commitment {t}") for t, c in enumerate(expect_list(data["commitments"], what))
    )
    return Dealing(data["dealer"], commitments, Proof.from_json(data["proof"], f"{what} proof"))


def weighted_totals(manifest, roll, cast):
    """Per question, per choice: the product of every ballot's mark raised to its voter's weight
    (an encryption of the weighted number of marks). `cast` is [(voter id, marks per question)]."""
    totals = [[ZERO] * len(question["choices"]) for question in manifest["questions"]]
    for voter_id, marks_by_question in cast:
        for q, marks in enumerate(marks_by_question):
            for c, mark in enumerate(marks):
                totals[q][c] = totals[q][c] + mark.times(roll[voter_id])
    return totals


def totals_json(manifest, totals):
    """The totals in record form."""
    return [
        {"question_id": question["id"], "ciphertexts": [ciphertext_json(c) for c in row]}
        for question, row in zip(manifest["questions"], totals, strict=True)
    ]


def decryption_context(election_id, question_id, choice, trustee):
    """What a partial decryption's proof is bound to."""
    return [election_id, question_id, "choice", choice, "trustee", trustee]


def trustee_decryption(key, manifest, totals):
    """A trustee's partial decryptions of every total, in record form."""
    election_id = manifest["election_id"]
    shares = []
    for question, row in zip(manifest["questions"], totals, strict=True):
        partials = [
            partial_decrypt(key, total, decryption_context(election_id, question["id"], c, key.index))
            for c, total in enumerate(row)
        ]
        shares.append([{"value": p.value.hex(), "proof": p.proof.as_json()} for p in partials])
    return {"trustee": key.index, "shares": shares}


def partials_from_json(decryptions, q, c, what):
    """The partial decryptions of total (q, c) read from the record, their points checked."""
    partials = []
    for d in decryptions:
        share = d["shares"][q][c]
        expect_keys(share, ("value", "proof"), f"trustee {d['trustee']}: {what}")
        partials.append(
            PartialDecryption(
                d["trustee"],
                parse_point(share["value"], f"trustee {d['trustee']}: {what} value", allow_identity=True),
                Proof.from_json(share["proof"], f"trustee {d['trustee']}: {what} proof"),
            )
        )
    return partials


def decrypt_totals(manifest, roll, dealings, threshold, totals, decryptions):
    """The counts per question and choice: each partial decryption checked against its trustee's
    verification key (refused naming the trustee), at least `threshold` of them combined, and the
    discrete log read up to the roll's total weight."""
    bound = sum(roll.values())
    election_id = manifest["election_id"]
    keys = {d["trustee"]: verification_key(dealings, d["trustee"]) for d in decryptions}
    counts = []
    for q, (question, row) in enumerate(zip(manifest["questions"], totals, strict=True)):
        row_counts = []
        for c, total in enumerate(row):
            what = f"total for choice {question['choices'][c]!r} of question {question['id']!r}"
            partials = partials_from_json(decryptions, q, c, what)
            for partial in partials:
                check_partial(
                    partial,
                    keys[partial.trustee],
                    total,
                    decryption_context(election_id, question["id"], c, partial.trustee),
                )
            count = discrete_log(combine(partials, total, threshold), bound)
            if count is None:
                raise VerificationError(f"result: the {what} does not decrypt to a count up to {bound}")
            row_counts.append(count)
        counts.append(row_counts)
    return counts


def assemble(manifest, roll, threshold, dealings, public_key, ballots, board, totals, decryptions, counts):
    """The election record as a dict (write it with `canonical_json`)."""
    return {
        "format": FORMAT,
        "election": manifest,
        "election_hash": election_hash(manifest),
        "roll": roll,
        "roll_hash": roll_hash(roll),
        "trustees": {"threshold": threshold, "dealings": [dealing_json(d) for d in dealings]},
        "public_key": public_key.hex(),
        "ballots": ballots,
        "board": board,
        "totals": totals_json(manifest, totals),
        "decryptions": decryptions,
        "result": [
            {"question_id": question["id"], "counts": row}
            for question, row in zip(manifest["questions"], counts, strict=True)
        ],
    }
