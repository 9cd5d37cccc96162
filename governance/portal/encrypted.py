"""The public side of an encrypted vote: its bulletin board, open while the vote runs, and the
election record anyone may check with `python -m secret_ballot`, once the trustees have decrypted.
A secret ranked vote has a board and a record too, served at the same addresses: its board lists
random tracking codes, and its record is checked with `python -m governance.counting.verify`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from secret_ballot.board import readable
from secret_ballot.record import canonical_json

from .. import selectors
from ..selectors.encrypted import board_page, election_record, election_summary, my_tracking_code
from ..selectors.ranked import ranked_board, ranked_board_page, ranked_record

BOARD_PAGE_SIZE = 200


def _election(request, pk: int) -> tuple:
    """The motion, its encrypted election (or None) and its ranked board (or None); 404 without
    either."""
    motion = selectors.motion_for(request.user, pk)
    election = election_summary(motion)
    board = None if election else ranked_board(motion)
    if election is None and board is None:
        raise Http404(_("This vote has no bulletin board: only encrypted and secret ranked votes do."))
    return motion, election, board


@login_required
@require_safe
def motion_board(request, pk: int):
    """Every ballot's tracking code in casting order, each chained to the one before: a voter finds
    theirs, and anyone can see that none was taken out or slipped in between."""
    motion, election, board = _election(request, pk)
    if board is not None:
        return _ranked_board(request, motion, board)
    paginator = Paginator(board_page(election), BOARD_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    mine = my_tracking_code(motion, request.user)
    rows = [{**row, "readable": readable(row["tracking_code"]), "mine": row["tracking_code"] == mine} for row in page]
    context = {
        "motion": motion,
        "election": election,
        "page_obj": page,
        "rows": rows,
        "my_code": readable(mine) if mine else "",
    }
    return render(request, "governance/board.html", context)


@login_required
@require_safe
def motion_record(request, pk: int):
    """The election record as one JSON file: what the independent verifier reads."""
    motion, election, board = _election(request, pk)
    if board is not None:
        record = ranked_record(motion, board)
        if record is None:
            raise PermissionDenied(_("The record is published once the vote is closed and counted."))
    else:
        record = election_record(election)
        if record is None:
            raise PermissionDenied(_("The record is published once the trustees have decrypted the result."))
    response = HttpResponse(canonical_json(record), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="motion-{motion.pk}-election-record.json"'
    return response


def _ranked_board(request, motion, board):
    """A secret ranked vote's board: random tracking codes in casting order, chained. It marks no
    code as the reader's: the server keeps no link between a voter and their code."""
    page = Paginator(ranked_board_page(board), BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    # The server keeps no link between a voter and their code: no line is marked as the reader's.
    rows = [{**row, "readable": readable(row["tracking_code"]), "mine": False} for row in page]
    # The close stores the count in the closing transaction: a closed ranked vote has its record.
    has_record = motion.status in {motion.Status.CLOSED, motion.Status.CERTIFIED}
    context = {"motion": motion, "board": board, "page_obj": page, "rows": rows, "has_record": has_record}
    return render(request, "governance/ranked_board.html", context)
