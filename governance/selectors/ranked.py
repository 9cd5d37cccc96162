"""A secret ranked vote's board and record, read."""

from __future__ import annotations

from django.db.models import QuerySet

from ..counting.record import FORMAT, groups_json
from ..models import Ballot, BallotTotal, Motion, RankedBoard, RankedBoardEntry, Result


def has_ranked_board(motion: Motion) -> bool:
    """Whether `motion` keeps a ranked board once open: a secret instant runoff or STV vote."""
    return motion.secret and motion.is_ranked


def ranked_board(motion: Motion) -> RankedBoard | None:
    """The motion's ranked board (its genesis, head and length), or None unless the vote is
    secret and ranked and has opened (no query for any other vote)."""
    if not has_ranked_board(motion):
        return None
    return RankedBoard.objects.filter(motion=motion).first()


def ranked_board_page(board: RankedBoard) -> QuerySet:
    """The board in casting order as rows of position, tracking code and chain hash, to page
    through: random codes, linked to no ballot and no voter."""
    rows = RankedBoardEntry.objects.filter(board=board).order_by("position")
    return rows.values("position", "tracking_code", "chain_hash")


def ranked_record(motion: Motion, board: RankedBoard) -> dict | None:
    """The ranked vote's record as a dict (write it with `secret_ballot.record.canonical_json`),
    or None until the count is stored: the published ballots by receipt, the groups and weights the
    count read, the board, and the result, all that `governance.counting.verify` recounts."""
    result = Result.objects.filter(motion=motion).first()
    if result is None:
        return None
    ballots = Ballot.objects.filter(motion=motion).order_by("receipt").values_list("receipt", "marks")
    totals = BallotTotal.objects.filter(motion=motion, ballots__gt=0).values_list("marks", "weight", "ballots")
    return {
        "format": FORMAT,
        "motion": {
            "id": motion.pk,
            "title": motion.title,
            "method": motion.method,
            "seats": motion.seats,
            "counting_rule": result.counting_rule,
        },
        "candidates": [{"id": pk, "label": label} for pk, label in motion.choices.values_list("pk", "label")],
        "eligible_voters": result.eligible_voters,
        "participations": result.participants,
        "seed": result.seed,
        "ballots": [{"receipt": receipt, "ranking": _ranking(marks)} for receipt, marks in ballots],
        "groups": groups_json((_ranking(marks), weight, n) for marks, weight, n in totals),
        "board": {
            "genesis": board.genesis,
            "head": board.head,
            "entries": [
                {"position": row["position"], "tracking_code": row["tracking_code"], "hash": row["chain_hash"]}
                for row in ranked_board_page(board)
            ],
        },
        "result": {"totals": result.totals, "winners": result.winners, "tied": result.tied, "rounds": result.rounds},
    }


def _ranking(marks: str) -> list[int]:
    return [int(m) for m in marks.split(">")]
