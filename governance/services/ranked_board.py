"""The board of a secret ranked vote, written by `motion_open` and by each cast (see
`governance.models.ranked`): called inside their transactions, under their lock on the motion."""

from __future__ import annotations

import secrets

from secret_ballot.board import chain

from ..counting.record import board_genesis
from ..models import Motion, RankedBoard, RankedBoardEntry
from ..selectors.ranked import has_ranked_board


def ranked_board_open(motion: Motion) -> None:
    """At the opening, after the roll is frozen: fix the chain's start for a secret ranked vote."""
    if not has_ranked_board(motion):
        return
    rule = motion.counting_rule if motion.method == Motion.Method.STV else ""
    start = board_genesis(motion.pk, motion.method, motion.seats, rule, motion.roll.count())
    RankedBoard.objects.create(motion=motion, genesis=start, head=start)


def ranked_board_append(motion: Motion) -> str:
    """Append one entry for a cast in a secret ranked vote and return its tracking code ("" for
    any other vote, and for one opened before ranked votes had boards). The code is 32 random
    bytes, independent of the ballot: it is stored on the board alone and shown to the voter once.
    The board's row lock serialises the chain."""
    if not has_ranked_board(motion):
        return ""
    board = RankedBoard.objects.select_for_update().filter(motion=motion).first()
    if board is None:
        return ""
    code = secrets.token_hex(32)
    board.head = chain(board.head, code)
    RankedBoardEntry.objects.create(board=board, position=board.length, tracking_code=code, chain_hash=board.head)
    board.length += 1
    board.save(update_fields=["head", "length"])
    return code
