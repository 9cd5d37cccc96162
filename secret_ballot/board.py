"""Tracking codes and the hash-chained bulletin board.

A ballot's tracking code is the SHA-256 of its election id, voter id and every ciphertext point and
proof scalar in order; the voter sees it as a short readable string. The board lists the tracking
codes in casting order, each entry's hash covering the previous entry's hash and the code, the
first one a genesis hash over the election, the roll and the public key: nobody can drop, reorder
or insert an entry without changing every later hash.
"""

import base64

from .group import hash_hex

TRACKING = "secret_ballot/tracking-code"
GENESIS = "secret_ballot/board-genesis"
ENTRY = "secret_ballot/board"


def tracking_code(election_id, ballot):
    """The hex tracking code of a ballot in record form (its fields already checked)."""
    parts = [election_id, ballot["voter_id"]]
    for answer in ballot["answers"]:
        parts.append(answer["question_id"])
        for mark in answer["marks"]:
            parts += [bytes.fromhex(mark["alpha"]), bytes.fromhex(mark["beta"])]
            parts += _proof_bytes(mark["proof"])
        parts += _proof_bytes(answer["sum_proof"])
    return hash_hex(TRACKING, parts)


def _proof_bytes(branches):
    return [bytes.fromhex(branch[key]) for branch in branches for key in ("c", "z")]


def readable(code):
    """The first 80 bits of a hex tracking code in base 32, in four groups: "ABCD-EFGH-IJKL-MNOP"."""
    text = base64.b32encode(bytes.fromhex(code)[:10]).decode()
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def genesis(election_id, election_hash, roll_hash, public_key):
    """The hash the first board entry chains from."""
    return hash_hex(GENESIS, election_id, bytes.fromhex(election_hash), bytes.fromhex(roll_hash), public_key)


def chain(previous, code):
    """The hash of a board entry: SHA-256 over the previous hash and the tracking code."""
    return hash_hex(ENTRY, bytes.fromhex(previous), bytes.fromhex(code))


class Board:
    """The bulletin board while the vote is open: append a tracking code, read the entries."""

    def __init__(self, start):
        self.head = start
        self.entries = []

    def append(self, code):
        """Add a tracking code; returns the new entry {"tracking_code", "hash"}."""
        self.head = chain(self.head, code)
        entry = {"tracking_code": code, "hash": self.head}
        self.entries.append(entry)
        return entry
