"""The live quorum of a meeting, by the voting roll's weights, proxies included."""

from datetime import timedelta
from decimal import Decimal

from governance import selectors, services
from governance.models import Body
from tests.factories import governance as gf


def _in(meeting, user):
    services.attendance_check_in(meeting=meeting, attendee=user, how="remote", actor=user)


def test_quorum_is_measured_by_share_weight(board, bodies):
    # given one share one vote: owners with 1, 2, 3 and 4 shares (10 in all; the Board officer has none)
    gf.voting_mode("share")
    gf.set_policy("share_cap_percent", 0)
    owners = [gf.owner(shares=n) for n in (1, 2, 3, 4)]
    meeting = gf.meeting_in_session(board=board)
    # when the holders of 1 and 3 shares are present
    _in(meeting, owners[0])
    _in(meeting, owners[2])
    quorum = selectors.meeting_quorum(meeting)
    # then 4 of the roll's weight is present, against half of it required
    assert quorum.present_weight == Decimal("4.00")
    assert quorum.required_weight == quorum.roll_weight / 2
    assert not quorum.met
    # and the holder of 4 shares brings it over the line
    _in(meeting, owners[3])
    assert selectors.meeting_quorum(meeting).met


def test_a_proxy_counts_towards_the_quorum_while_in_force(board, owners):
    # given five owners, one vote each, quorum 50%: three present make it
    meeting = gf.meeting_in_session(board=board)
    for grantor, holder in ((owners[1], owners[0]), (owners[3], owners[2])):
        services.proxy_grant(
            grantor=grantor,
            holder=holder,
            starts_at=meeting.starts_at - timedelta(hours=1),
            ends_at=meeting.ends_at,
            actor=grantor,
            reason="away",
        )
    _in(meeting, owners[0])
    quorum = selectors.meeting_quorum(meeting)
    assert (quorum.present_count, quorum.proxy_count) == (2, 1)
    _in(meeting, owners[2])
    assert selectors.meeting_quorum(meeting).met
    # when a grantor revokes their proxy, they are no longer counted
    proxy = owners[3].proxies_given.get()
    services.proxy_revoke(proxy=proxy, actor=owners[3], reason="changed my mind")
    quorum = selectors.meeting_quorum(meeting)
    assert quorum.present_count == 3


def test_board_meeting_quorum_counts_officers(board, secretary):
    meeting = gf.meeting_in_session(board=board, body_kind=Body.Kind.BOARD)
    quorum = selectors.meeting_quorum(meeting)
    assert quorum.roll_weight == Decimal(2)
    _in(meeting, board)
    assert selectors.meeting_quorum(meeting).met
