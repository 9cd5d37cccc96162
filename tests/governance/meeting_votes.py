"""Building a meeting with a vote open from its agenda and two tellers, through the services."""

from governance import services
from tests.factories import governance as gf


def open_agenda_vote(board, owners, *, present=None, **motion_kwargs):
    """A meeting in session, `present` (all the owners by default) checked in remotely, and the
    vote on an agenda motion open."""
    meeting = gf.meeting_in_session(board=board)
    motion = gf.motion(proposer=owners[0], title="Buy a van", **motion_kwargs)
    item = services.agenda_item_add(meeting=meeting, kind="motion", motion=motion, title="", actor=board, reason="x")
    for owner in owners if present is None else present:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    motion = services.agenda_item_open_vote(item=item, actor=board, reason="vote")
    return meeting, motion


def with_tellers(board, owners, **kwargs):
    meeting, motion = open_agenda_vote(board, owners, **kwargs)
    services.meeting_tellers_appoint(meeting=meeting, tellers=owners[:2], actor=board, reason="tellers")
    return meeting, motion


def enter_both(motion, tellers, papers):
    """Both tellers enter `papers`, (serial, marks), and finish."""
    for teller in tellers:
        for serial, marks in papers:
            services.paper_ballot_enter(motion=motion, serial=serial, marks=marks, actor=teller)
        services.paper_entry_finish(motion=motion, actor=teller)
