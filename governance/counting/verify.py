"""The independent verifier of a ranked vote's record: `python -m governance.counting.verify
record.json`.

It reads only the record (no site, no database) and checks, in this order, stopping at the first
failure: the canonical form; the format; the board's genesis, its hash chain and its head; that
the board, the participations and the published ballots number the same; that the ballot groups
hold exactly the published rankings; the seed for ties by lot; then it recounts the groups by the
named rule with that seed and compares the first-round totals, every round, the winners and any
unbroken tie with the record's. Board positions count from 0, as in the file; rounds from 1.
Exit status 0 means verified, 1 a failed check, 2 an unreadable file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation

from secret_ballot.board import chain
from secret_ballot.cli import verify_file
from secret_ballot.group import VerificationError
from secret_ballot.verify import parse

from . import lot, ranked
from .base import _dec
from .record import FORMAT, board_genesis

KEYS = (
    "format",
    "motion",
    "candidates",
    "eligible_voters",
    "participations",
    "seed",
    "ballots",
    "groups",
    "board",
    "result",
)


def verify(data: bytes) -> str:
    """Check a record given as bytes; returns a short summary, or raises VerificationError naming
    the first check that fails."""
    record = parse(data)
    try:
        return _verify(record)
    except VerificationError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as error:
        raise VerificationError(f"record: malformed ({type(error).__name__}: {error})") from error


def _verify(record: dict) -> str:
    if sorted(record) != sorted(KEYS):
        raise VerificationError(f"record: the keys are not {', '.join(KEYS)}")
    if record["format"] != FORMAT:
        raise VerificationError(f"record: the format is not {FORMAT}")
    motion = record["motion"]
    _check_board(record, motion)
    ballots = record["ballots"]
    entries = len(record["board"]["entries"])
    if not entries == record["participations"] == len(ballots):
        raise VerificationError(
            f"board: {entries} entries, but {record['participations']} participations and {len(ballots)} ballots"
        )
    groups = _check_groups(record, ballots)
    seed = lot.seed_for(motion["id"], groups)
    if record["seed"] != seed:
        raise VerificationError(f"seed: the ballot groups give {seed}, the record says {record['seed']}")
    rounds = _recount(record, motion, groups, seed)
    labels = {c["id"]: c["label"] for c in record["candidates"]}
    elected = ", ".join(labels[w] for w in record["result"]["winners"]) or "nobody"
    return f"verified: {len(ballots)} ballots, {rounds} rounds, elected: {elected}"


def _check_board(record: dict, motion: dict) -> None:
    board = record["board"]
    start = board_genesis(
        motion["id"], motion["method"], motion["seats"], motion["counting_rule"], record["eligible_voters"]
    )
    if board["genesis"] != start:
        raise VerificationError("board: the genesis does not match the motion and the roll's size")
    head = start
    for position, entry in enumerate(board["entries"]):
        if entry["position"] != position:
            raise VerificationError(f"board entry {position}: its position says {entry['position']}")
        head = chain(head, entry["tracking_code"])
        if entry["hash"] != head:
            raise VerificationError(f"board entry {position}: hash chain broken")
    if board["head"] != head:
        raise VerificationError("board: the head is not the last entry's hash")


def _check_groups(record: dict, ballots: list) -> list:
    candidates = {c["id"] for c in record["candidates"]}
    published = Counter()
    for number, ballot in enumerate(ballots):
        ranking = ballot["ranking"]
        if not ranking or len(set(ranking)) != len(ranking) or not set(ranking) <= candidates:
            raise VerificationError(f"ballot {number} ({ballot['receipt']}): not a ranking of the candidates")
        published[tuple(ranking)] += 1
    receipts = [ballot["receipt"] for ballot in ballots]
    if receipts != sorted(set(receipts)):
        raise VerificationError("ballots: the receipts are not unique and sorted")
    grouped = {tuple(group["ranking"]): group["ballots"] for group in record["groups"]}
    if len(grouped) != len(record["groups"]) or grouped != dict(published):
        raise VerificationError("groups: the ballot groups do not hold exactly the published ballots")
    return [(tuple(group["ranking"]), Decimal(group["weight"])) for group in record["groups"]]


def _recount(record: dict, motion: dict, groups: list, seed: str) -> int:
    order = [c["id"] for c in record["candidates"]]
    count = ranked(motion["method"], motion["counting_rule"], groups, order, motion["seats"], seed)
    stored = record["result"]
    totals = {str(k): _dec(v) for k, v in count.totals.items()}
    if totals != stored["totals"]:
        raise VerificationError(f"totals: the recount gives {totals}, the record says {stored['totals']}")
    recounted = json.loads(json.dumps([r.as_dict() for r in count.rounds]))
    for number, (mine, theirs) in enumerate(zip(recounted, stored["rounds"], strict=False), start=1):
        for key in sorted(set(mine) | set(theirs)):
            if mine.get(key) != theirs.get(key):
                raise VerificationError(
                    f"round {number}: the recount gives {key} {mine.get(key)!r}, the record says {theirs.get(key)!r}"
                )
    if len(recounted) != len(stored["rounds"]):
        raise VerificationError(f"rounds: the recount has {len(recounted)}, the record {len(stored['rounds'])}")
    if count.winners != stored["winners"] or count.tied != stored["tied"]:
        raise VerificationError(
            f"result: the recount elects {count.winners} (tied {count.tied}), "
            f"the record says {stored['winners']} (tied {stored['tied']})"
        )
    return len(recounted)


def main(argv=None):
    """The command line: verify the record named by the one argument."""
    return verify_file(argv, verify, "python -m governance.counting.verify record.json")


if __name__ == "__main__":
    sys.exit(main())
