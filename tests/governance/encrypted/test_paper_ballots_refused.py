"""An encrypted vote opened from a meeting's agenda hands out no paper ballot: a paper is counted
in clear, outside the encrypted record."""

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import Participation
from tests.factories import governance as gf

from . import world


def test_no_paper_ballot_in_an_encrypted_vote(board, owners, trustees):
    motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees, title="Buy a van")
    world.ceremony(election, board)
    meeting = gf.meeting_in_session(board=board)
    item = services.agenda_item_add(meeting=meeting, kind="motion", motion=motion, title="", actor=board, reason="x")
    for owner in owners:
        services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
    motion = services.agenda_item_open_vote(item=item, actor=board, reason="vote")
    with pytest.raises(ValidationError) as error:
        services.paper_ballot_issue(motion=motion, voter=owners[1], actor=board)
    assert "encrypted" in error.value.message_dict["motion"][0]
    assert not Participation.objects.filter(motion=motion).exists()
