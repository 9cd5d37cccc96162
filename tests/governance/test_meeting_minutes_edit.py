"""Editing minutes: the Secretary only, each edit in the history with its reason; adopted minutes,
and minutes whose adoption vote has opened, no longer change."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import services

from .minutes_world import drafted, next_meeting_in_session, vote_at


def test_the_secretary_edits_and_each_edit_is_kept(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    services.minutes_edit(minutes=minutes, text="# Minutes\n\nFirst edit.", actor=secretary, reason="Typo")
    services.minutes_edit(minutes=minutes, text="# Minutes\n\nSecond edit.", actor=secretary, reason="Wording")
    minutes.refresh_from_db()
    assert minutes.text == "# Minutes\n\nSecond edit.\n"
    reasons = list(minutes.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["Draft from the record", "Typo", "Wording"]
    assert minutes.history.first().history_user == secretary


@pytest.mark.parametrize("who", ["board", "owner"])
def test_nobody_but_the_secretary_edits(board, secretary, owners, who):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    someone = board if who == "board" else owners[0]
    with pytest.raises(PermissionDenied):
        services.minutes_edit(minutes=minutes, text="Rewritten", actor=someone, reason="Mine now")
    minutes.refresh_from_db()
    assert "Rewritten" not in minutes.text
    assert minutes.history.count() == 1


def test_an_edit_needs_text_and_a_reason(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    with pytest.raises(ValidationError) as empty:
        services.minutes_edit(minutes=minutes, text="  ", actor=secretary, reason="Blank")
    assert "text" in empty.value.message_dict
    with pytest.raises(ValidationError) as no_reason:
        services.minutes_edit(minutes=minutes, text="New", actor=secretary, reason="")
    assert "reason" in no_reason.value.message_dict
    assert minutes.history.count() == 1


def test_adopted_minutes_are_frozen(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    item = services.minutes_propose_adoption(
        minutes=minutes, meeting=next_meeting_in_session(board=board, owners=owners), actor=secretary, reason="Adopt"
    )
    vote_at(item, board=board, secretary=secretary, owners=owners)
    minutes.refresh_from_db()
    before = (minutes.text, minutes.history.count())
    with pytest.raises(ValidationError) as refused:
        services.minutes_edit(minutes=minutes, text="Changed afterwards", actor=secretary, reason="Late")
    assert "adopted" in refused.value.message_dict["minutes"][0]
    minutes.refresh_from_db()
    assert (minutes.text, minutes.history.count()) == before


def test_the_text_is_fixed_once_the_adoption_vote_opens(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    item = services.minutes_propose_adoption(
        minutes=minutes, meeting=next_meeting_in_session(board=board, owners=owners), actor=secretary, reason="Adopt"
    )
    # before the vote the Secretary still corrects the draft
    services.minutes_edit(minutes=minutes, text="Corrected before the vote", actor=secretary, reason="Correction")
    services.agenda_item_open_vote(item=item, actor=board, reason="Vote")
    with pytest.raises(ValidationError) as refused:
        services.minutes_edit(minutes=minutes, text="During the vote", actor=secretary, reason="Late")
    assert "vote" in refused.value.message_dict["text"][0]
    minutes.refresh_from_db()
    assert minutes.text == "Corrected before the vote\n"
