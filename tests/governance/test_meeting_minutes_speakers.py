"""The speakers' list: the chair records who spoke on each agenda item while the meeting is in
session, and the minutes drafted from the record name them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance import services
from governance.models import AgendaSpeaker
from tests.clients import logged_in
from tests.factories import governance as gf


def _name(user):
    return user.get_full_name() or user.email


def test_the_chair_keeps_the_list_and_the_minutes_name_the_speakers(board, secretary, owners):
    meeting = gf.meeting_in_session(board=board, title="Autumn conference")
    item = services.agenda_item_add(meeting=meeting, kind="item", title="The new roof", actor=board, reason="x")
    first = services.agenda_speaker_add(item=item, speaker=owners[0], actor=board, reason="Spoke", note="For")
    second = services.agenda_speaker_add(item=item, speaker=owners[1], actor=board, reason="Spoke")
    assert (first.order, second.order) == (1, 2)
    assert first.history.first().history_change_reason == "Spoke"
    services.meeting_close(meeting=meeting, actor=board, reason="x")
    minutes = services.minutes_draft(meeting=meeting, actor=secretary, reason="Draft")
    assert f"Speakers: {_name(owners[0])} (For); {_name(owners[1])}" in minutes.text


def test_the_list_is_kept_only_in_session_and_only_by_the_chair(board, owners):
    meeting = gf.meeting_in_session(board=board)
    item = services.agenda_item_add(meeting=meeting, kind="item", title="Any other business", actor=board, reason="x")
    with pytest.raises(PermissionDenied):
        services.agenda_speaker_add(item=item, speaker=owners[0], actor=owners[0], reason="Me")
    services.meeting_close(meeting=meeting, actor=board, reason="x")
    with pytest.raises(ValidationError) as refused:
        services.agenda_speaker_add(item=item, speaker=owners[0], actor=board, reason="Late")
    assert "in session" in refused.value.message_dict["item"][0]
    assert not AgendaSpeaker.objects.exists()


def test_the_chair_adds_a_speaker_from_the_chairs_page(board, owners):
    meeting = gf.meeting_in_session(board=board)
    item = services.agenda_item_add(meeting=meeting, kind="item", title="Any other business", actor=board, reason="x")
    url = reverse("governance:agenda_speaker_add", args=[item.pk])
    assert logged_in(owners[0]).post(url, {"email": owners[0].email}).status_code == 403
    assert not AgendaSpeaker.objects.exists()
    response = logged_in(board).post(url, {"email": owners[1].email, "note": "Against"})
    assert response.status_code == 302
    assert AgendaSpeaker.objects.get().speaker == owners[1]
    page = logged_in(board).get(reverse("governance:meeting_chair", args=[meeting.pk])).content.decode()
    assert "Against" in page and "1 speaker" in page
