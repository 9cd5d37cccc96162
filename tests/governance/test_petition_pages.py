"""The petition pages: everyone in the cooperative reads the open petitions and who signed; owners
start and sign them themselves (403 for anyone off the voting roll), and a signer calls the
special General Conference from the petition once enough owners have signed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Meeting, MeetingPetition, PetitionSignature
from tests.clients import logged_in
from tests.factories import governance as gf


@pytest.fixture
def petition(owners):
    return services.petition_start(title="Fix the roof", purpose="The roof leaks.", actor=owners[0], reason="test")


def _page(petition) -> str:
    return reverse("governance:petition", args=[petition.pk])


def test_the_pages_show_the_open_petitions_and_who_signed(owners, petition):
    listing = logged_in(owners[1]).get(reverse("governance:petitions"))
    assert listing.status_code == 200
    assert "Fix the roof" in listing.content.decode()
    page = logged_in(owners[1]).get(_page(petition))
    assert page.status_code == 200
    assert owners[0].get_full_name() in page.content.decode()
    # and the meetings page links the petitions
    meetings = logged_in(owners[1]).get(reverse("governance:meetings")).content.decode()
    assert reverse("governance:petitions") in meetings


def test_an_owner_starts_a_petition_from_the_page(owners):
    response = logged_in(owners[0]).post(reverse("governance:petitions"), {"title": "New", "purpose": "Why"})
    petition = MeetingPetition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _page(petition)
    assert petition.signatures.get().signer == owners[0]


def test_a_refused_start_keeps_what_was_typed(owners):
    response = logged_in(owners[0]).post(reverse("governance:petitions"), {"title": "Kept title", "purpose": "   "})
    assert response.status_code == 400
    assert 'value="Kept title"' in response.content.decode()
    assert not MeetingPetition.objects.exists()


def test_an_owner_signs_and_takes_the_signature_back(owners, petition):
    client = logged_in(owners[1])
    assert client.post(_page(petition), {"action": "sign"}).status_code == 302
    assert petition.signatures.filter(signer=owners[1]).exists()
    assert client.post(_page(petition), {"action": "sign"}).status_code == 400
    assert client.post(_page(petition), {"action": "unsign", "reason": "Changed my mind"}).status_code == 302
    assert not petition.signatures.filter(signer=owners[1]).exists()
    assert PetitionSignature.history.filter(history_type="-").get().history_change_reason == "Changed my mind"


def test_someone_off_the_roll_is_refused_with_403(outsider, owners, petition):
    client = logged_in(outsider)
    assert client.get(_page(petition)).status_code == 200
    assert client.post(_page(petition), {"action": "sign"}).status_code == 403
    assert client.post(reverse("governance:petitions"), {"title": "Mine", "purpose": "Why"}).status_code == 403
    assert petition.signatures.count() == 1
    assert MeetingPetition.objects.count() == 1


def test_only_the_starter_withdraws_and_a_refusal_keeps_the_reason(owners, petition):
    services.petition_sign(petition=petition, actor=owners[1], reason="test")
    assert logged_in(owners[1]).post(_page(petition), {"action": "withdraw", "reason": "No"}).status_code == 403
    response = logged_in(owners[0]).post(_page(petition), {"action": "withdraw", "reason": " "})
    assert response.status_code == 400
    assert logged_in(owners[0]).post(_page(petition), {"action": "withdraw", "reason": "Fixed"}).status_code == 302
    petition.refresh_from_db()
    assert petition.status == MeetingPetition.Status.WITHDRAWN


def _call_form(**changes) -> dict:
    starts_at = timezone.localtime(timezone.now() + timedelta(days=30))
    fields = {
        "action": "call",
        "title": "Special conference",
        "starts_at": starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts_at + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "The hall",
        "video_link": "",
    }
    return fields | changes


def test_a_signer_calls_the_meeting_once_enough_have_signed(owners, petition):
    gf.set_policy("meeting_petition_percent", 40)
    client = logged_in(owners[0])
    assert "Call the meeting" not in client.get(_page(petition)).content.decode()
    services.petition_sign(petition=petition, actor=owners[1], reason="test")
    assert "Call the meeting" in client.get(_page(petition)).content.decode()
    response = client.post(_page(petition), _call_form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:meeting", args=[meeting.pk])
    assert meeting.reason == "The roof leaks."
    assert set(meeting.petitioners.all()) == set(owners[:2])


def test_a_refused_call_keeps_what_was_typed(owners, petition):
    gf.set_policy("meeting_petition_percent", 40)
    services.petition_sign(petition=petition, actor=owners[1], reason="test")
    too_soon = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = logged_in(owners[0]).post(_page(petition), _call_form(title="My title", starts_at=too_soon))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="My title"' in page
    assert "notice the bylaws set" in page
    assert not Meeting.objects.exists()


def test_a_call_below_the_threshold_is_refused_on_the_page(owners, petition):
    gf.set_policy("meeting_petition_percent", 60)
    response = logged_in(owners[0]).post(_page(petition), _call_form())
    assert response.status_code == 400
    assert "It has 1." in response.content.decode()
    assert not Meeting.objects.exists()
