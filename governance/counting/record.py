"""The record of a secret ranked vote: its board's chain and the one file anyone can recount.

The board of a ranked vote chains random tracking codes with `secret_ballot.board.chain`, from a
genesis over what is public when the vote opens: the motion, its method, seats and counting rule
and the number of voters on the frozen roll. The record is written with
`secret_ballot.record.canonical_json`; `governance.counting.verify` checks it.
"""

from __future__ import annotations

from secret_ballot.group import hash_hex

FORMAT = "ranked-ballot-record/1"
GENESIS = "governance/ranked-board-genesis"


def board_genesis(motion_id: int, method: str, seats: int, rule: str, eligible_voters: int) -> str:
    """The hash the first entry of a ranked vote's board chains from, fixed at the opening."""
    return hash_hex(GENESIS, motion_id, method, seats, rule, eligible_voters)


def groups_json(groups) -> list[dict]:
    """The ballot groups the count reads, in record form, sorted by ranking: each distinct ranking
    with its number of ballots and their summed weight, written as the count's seed hashes it."""
    return sorted(
        ({"ranking": list(ranking), "ballots": n, "weight": str(weight)} for ranking, weight, n in groups),
        key=lambda group: group["ranking"],
    )
