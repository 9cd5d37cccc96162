"""The public side of an encrypted vote: its bulletin board, open while the vote runs, and the
election record anyone may check with `python -m secret_ballot`, once the trustees have decrypted."""

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

BOARD_PAGE_SIZE = 200


def _election(request, pk: int) -> tuple:
    motion = selectors.motion_for(request.user, pk)
    election = election_summary(motion)
    if election is None:
        raise Http404(_("This vote is not encrypted: it has no bulletin board."))
    return motion, election


@login_required
@require_safe
def motion_board(request, pk: int):
    """Every ballot's tracking code in casting order, each chained to the one before: a voter finds
    theirs, and anyone can see that none was taken out or slipped in between."""
    motion, election = _election(request, pk)
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
    motion, election = _election(request, pk)
    record = election_record(election)
    if record is None:
        raise PermissionDenied(_("The record is published once the trustees have decrypted the result."))
    response = HttpResponse(canonical_json(record), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="motion-{motion.pk}-election-record.json"'
    return response
