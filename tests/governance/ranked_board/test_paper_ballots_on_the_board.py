"""A paper ballot issued in a meeting appends an entry to a secret ranked vote's board, whose code
nobody is shown: the board holds one entry per participation, and the record still verifies."""

import json

from django.urls import reverse

from governance import services
from governance.counting.verify import verify
from governance.models import Motion, RankedBoardEntry
from tests.clients import logged_in
from tests.factories import governance as gf

from .world import close


def test_a_paper_ballot_takes_its_place_on_the_board(board, owners):
    meeting = gf.meeting_in_session(board=board)
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.INSTANT_RUNOFF,
        secret=True,
        office_kind="treasurer",
        open_it=False,
    )
    item = services.agenda_item_add(meeting=meeting, kind="motion", motion=motion, title="", actor=board, reason="x")
    for owner in owners:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    motion = services.agenda_item_open_vote(item=item, actor=board, reason="vote")
    services.meeting_tellers_appoint(meeting=meeting, tellers=owners[:2], actor=board, reason="tellers")
    first, second, _third = motion.choices.values_list("pk", flat=True)
    services.paper_ballot_issue(motion=motion, voter=owners[2], actor=owners[0])
    services.ballot_cast(motion=motion, cast_by=owners[3], marks=[second, first])
    assert RankedBoardEntry.objects.filter(board__motion=motion).count() == 2
    for teller in owners[:2]:
        services.paper_ballot_enter(motion=motion, serial="P1", marks=[first, second], actor=teller)
        services.paper_entry_finish(motion=motion, actor=teller)
    services.paper_ballots_add(motion=motion, actor=board, reason="papers")
    close(motion, board)
    data = logged_in(owners[4]).get(reverse("governance:record", args=[motion.pk])).content
    assert verify(data).startswith("verified: 2 ballots")
    # the record lists its ballots in the order of their receipts, which says nothing of when each
    # was cast: the paper ballot is there under its serial, wherever its receipt sorts
    receipts = [b["receipt"] for b in json.loads(data)["ballots"]]
    assert "PAPER-P1" in receipts and receipts == sorted(receipts)
