"""The minutes pages: everyone who may see the meeting reads them (a draft marked as such, adopted
minutes with their motion); only the Secretary drafts, edits and proposes them (403 for others)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services
from governance.models import AgendaItem, MeetingMinutes
from tests.clients import logged_in

from .minutes_world import closed_meeting, drafted, next_meeting_in_session, vote_at


def test_members_read_the_draft_marked_as_a_draft(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    response = logged_in(owners[0]).get(reverse("governance:meeting_minutes", args=[minutes.meeting_id]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "These minutes are a draft" in page and "Treasurer's report" in page
    assert reverse("governance:meeting_minutes_edit", args=[minutes.meeting_id]) not in page


def test_the_meeting_page_links_its_minutes_once_closed(board, secretary, owners):
    meeting = closed_meeting(board=board, secretary=secretary, owners=owners)
    page = logged_in(owners[0]).get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert reverse("governance:meeting_minutes", args=[meeting.pk]) in page


def test_the_secretary_drafts_from_the_page(board, secretary, owners):
    meeting = closed_meeting(board=board, secretary=secretary, owners=owners)
    url = reverse("governance:meeting_minutes_draft", args=[meeting.pk])
    assert logged_in(board).post(url).status_code == 403
    assert logged_in(owners[0]).post(url).status_code == 403
    assert not MeetingMinutes.objects.exists()
    response = logged_in(secretary).post(url)
    assert response.status_code == 302
    assert MeetingMinutes.objects.get(meeting=meeting).drafted_by == secretary


def test_the_edit_page_is_the_secretarys(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    url = reverse("governance:meeting_minutes_edit", args=[minutes.meeting_id])
    assert logged_in(secretary).get(url).status_code == 200
    for someone in (board, owners[0]):
        assert logged_in(someone).get(url).status_code == 403
        assert logged_in(someone).post(url, {"text": "Mine", "reason": "x"}).status_code == 403
    minutes.refresh_from_db()
    assert "Mine" not in minutes.text


def test_an_edit_saves_with_its_reason(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    url = reverse("governance:meeting_minutes_edit", args=[minutes.meeting_id])
    response = logged_in(secretary).post(url, {"text": "# Minutes\n\nCorrected.", "reason": "Spelling"})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.text == "# Minutes\n\nCorrected.\n"
    assert minutes.history.first().history_change_reason == "Spelling"


def test_a_refused_edit_keeps_what_was_typed(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    url = reverse("governance:meeting_minutes_edit", args=[minutes.meeting_id])
    response = logged_in(secretary).post(url, {"text": "My careful new wording", "reason": ""})
    assert response.status_code == 400
    assert "My careful new wording" in response.content.decode()
    minutes.refresh_from_db()
    assert "careful" not in minutes.text


@pytest.mark.parametrize("who", ["board", "owner"])
def test_only_the_secretary_proposes_adoption_from_the_page(board, secretary, owners, who):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    url = reverse("governance:meeting_minutes_propose", args=[minutes.meeting_id])
    someone = board if who == "board" else owners[0]
    assert logged_in(someone).post(url, {"meeting": following.pk, "reason": "x"}).status_code == 403
    assert not AgendaItem.objects.filter(meeting=following).exists()


def test_the_secretary_proposes_adoption_and_the_adopted_minutes_name_their_motion(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    following = next_meeting_in_session(board=board, owners=owners)
    page = logged_in(secretary).get(reverse("governance:meeting_minutes", args=[minutes.meeting_id]))
    assert f'value="{following.pk}"' in page.content.decode()
    url = reverse("governance:meeting_minutes_propose", args=[minutes.meeting_id])
    response = logged_in(secretary).post(url, {"meeting": following.pk, "reason": "Next meeting"})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=following, kind="motion")
    vote_at(item, board=board, secretary=secretary, owners=owners)
    response = logged_in(owners[1]).get(reverse("governance:meeting_minutes", args=[minutes.meeting_id]))
    page = response.content.decode()
    assert "Adopted on" in page and reverse("governance:motion", args=[item.motion_id]) in page
    assert "These minutes are a draft" not in page


def test_the_minutes_page_query_count_does_not_grow_with_the_history(board, secretary, owners):
    minutes = drafted(board=board, secretary=secretary, owners=owners)
    client, url = logged_in(owners[0]), reverse("governance:meeting_minutes", args=[minutes.meeting_id])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(4):
        services.minutes_edit(minutes=minutes, text=f"Edit {i}", actor=secretary, reason=f"Edit {i}")
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
