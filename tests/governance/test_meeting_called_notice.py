"""Calling a meeting puts the call in the inbox of everyone it is for, in their own language."""

from django.utils import translation

from coop.models import Notice, NoticeKind
from governance.models import Body
from tests.factories import governance as gf


def test_a_general_conference_call_reaches_every_owner(board, owners):
    meeting = gf.meeting(board=board, title="Spring conference", place="The hall")
    notices = Notice.objects.filter(kind=NoticeKind.MEETING_CALLED)
    assert set(notices.values_list("recipient_id", flat=True)) >= {owner.pk for owner in owners}
    notice = notices.get(recipient=owners[0])
    assert notice.subject == "Meeting called: Spring conference"
    assert "The hall" in notice.body and notice.link == f"/portal/governance/meetings/{meeting.pk}/"


def test_a_board_meeting_call_reaches_the_board_only(board, owners):
    gf.meeting(board=board, body_kind=Body.Kind.BOARD, title="Board meeting", days=3)
    recipients = set(Notice.objects.filter(kind=NoticeKind.MEETING_CALLED).values_list("recipient_id", flat=True))
    assert recipients == {board.pk}


def test_a_spanish_reader_gets_the_call_in_spanish(board, owners):
    owners[1].language = "es"
    owners[1].save(update_fields=["language"])
    with translation.override("en"):
        gf.meeting(board=board, title="Conferencia")
    assert Notice.objects.get(recipient=owners[1]).subject == "Reunión convocada: Conferencia"
