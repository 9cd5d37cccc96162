"""A closed meeting with a record, and a later meeting of the same body, for the minutes tests:
all built through the services."""

from __future__ import annotations

from governance import services
from governance.models import Meeting, MeetingMinutes
from tests.factories import governance as gf

SETUP = "test setup"


def closed_meeting(*, board, secretary, owners, title="Spring conference") -> Meeting:
    """A General Conference held and closed: a report, a motion voted and certified as carried,
    and every owner checked in remotely."""
    meeting = gf.meeting_in_session(board=board, title=title)
    services.agenda_item_add(
        meeting=meeting, kind="report", title="Treasurer's report", notes="The cash is fine.", actor=board, reason=SETUP
    )
    motion = gf.motion(proposer=owners[0], title="Buy a kettle")
    item = services.agenda_item_add(meeting=meeting, kind="motion", motion=motion, title="", actor=board, reason=SETUP)
    for owner in owners:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    services.agenda_item_open_vote(item=item, actor=board, reason=SETUP)
    for owner in owners:
        services.ballot_cast(motion=motion, cast_by=owner, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason=SETUP)
    services.motion_certify(motion=motion, actor=secretary, reason=SETUP)
    return services.meeting_close(meeting=meeting, actor=board, reason=SETUP)


def drafted(*, board, secretary, owners) -> MeetingMinutes:
    meeting = closed_meeting(board=board, secretary=secretary, owners=owners)
    return services.minutes_draft(meeting=meeting, actor=secretary, reason="Draft from the record")


def next_meeting_in_session(*, board, owners) -> Meeting:
    """The next General Conference, in session with every owner checked in."""
    meeting = gf.meeting_in_session(board=board, title="Summer conference")
    for owner in owners:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    return meeting


def vote_at(item, *, board, secretary, owners, vote=gf.yes):
    """Open the agenda item's vote, let every owner vote `vote`, close and certify it."""
    motion = services.agenda_item_open_vote(item=item, actor=board, reason=SETUP)
    for owner in owners:
        services.ballot_cast(motion=motion, cast_by=owner, marks=vote(motion))
    services.motion_close(motion=motion, actor=board, reason=SETUP)
    services.motion_certify(motion=motion, actor=secretary, reason=SETUP)
    motion.refresh_from_db()
    return motion
