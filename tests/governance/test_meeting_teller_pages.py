"""The hybrid voting pages: the chair's tellers and paper pages, the teller's entry page, and who
may open each."""

from django.urls import reverse

from governance import services
from governance.models import PaperBallotEntry, PaperBallotIssue, ShowOfHands, Teller
from tests.clients import logged_in
from tests.factories import governance as gf

from .meeting_votes import enter_both, open_agenda_vote, with_tellers


def test_chair_appoints_tellers_from_the_page(board, owners):
    meeting, _motion = open_agenda_vote(board, owners)
    url = reverse("governance:meeting_tellers", args=[meeting.pk])
    client = logged_in(board)
    assert client.get(url).status_code == 200
    response = client.post(url, {"first": owners[0].pk, "second": owners[1].pk, "reason": "tellers"})
    assert response.status_code == 302
    assert Teller.objects.filter(meeting=meeting, ended_at__isnull=True).count() == 2


def test_a_refused_appointment_keeps_what_was_chosen(board, owners):
    meeting, _motion = open_agenda_vote(board, owners)
    url = reverse("governance:meeting_tellers", args=[meeting.pk])
    response = logged_in(board).post(url, {"first": owners[0].pk, "second": owners[0].pk, "reason": "kept reason"})
    assert response.status_code == 400
    assert b"kept reason" in response.content
    assert not Teller.objects.exists()


def test_chair_pages_are_the_boards(board, owners):
    meeting, motion = with_tellers(board, owners)
    for url in (
        reverse("governance:meeting_tellers", args=[meeting.pk]),
        reverse("governance:motion_paper", args=[motion.pk]),
    ):
        assert logged_in(owners[0]).get(url).status_code == 403
        assert logged_in(owners[0]).post(url, {"action": "add", "reason": "x"}).status_code == 403


def test_chair_issues_a_paper_and_the_chair_page_links_here(board, owners):
    meeting, motion = with_tellers(board, owners)
    chair = logged_in(board).get(reverse("governance:meeting_chair", args=[meeting.pk]))
    assert reverse("governance:motion_paper", args=[motion.pk]).encode() in chair.content
    assert reverse("governance:meeting_tellers", args=[meeting.pk]).encode() in chair.content
    url = reverse("governance:motion_paper", args=[motion.pk])
    response = logged_in(board).post(url, {"action": "issue", "voter": owners[3].pk})
    assert response.status_code == 302
    assert PaperBallotIssue.objects.filter(participation__voter=owners[3]).exists()
    again = logged_in(board).post(url, {"action": "issue", "voter": owners[3].pk})
    assert again.status_code == 400


def test_teller_enters_on_the_phone_page_and_a_refusal_keeps_the_typing(board, owners):
    _meeting, motion = with_tellers(board, owners)
    url = reverse("governance:teller_entry", args=[motion.pk])
    client = logged_in(owners[0])
    assert client.get(url).status_code == 200
    assert client.post(url, {"serial": "b-7", "marks": gf.yes(motion)}).status_code == 302
    response = client.post(url, {"serial": "B-7", "marks": gf.no(motion)})
    assert response.status_code == 400
    assert b'value="B-7"' in response.content
    assert b"checked" in response.content
    assert PaperBallotEntry.objects.count() == 1


def test_the_other_tellers_entries_stay_hidden(board, owners):
    _meeting, motion = with_tellers(board, owners)
    services.paper_ballot_enter(motion=motion, serial="HIDDEN-1", marks=gf.yes(motion), actor=owners[1])
    response = logged_in(owners[0]).get(reverse("governance:teller_entry", args=[motion.pk]))
    assert b"HIDDEN-1" not in response.content


def test_only_the_tellers_open_the_entry_page(board, owners):
    _meeting, motion = with_tellers(board, owners)
    url = reverse("governance:teller_entry", args=[motion.pk])
    assert logged_in(owners[2]).get(url).status_code == 403
    assert logged_in(board).get(url).status_code == 403
    assert logged_in(owners[2]).post(url, {"serial": "1", "marks": gf.yes(motion)}).status_code == 403
    assert not PaperBallotEntry.objects.exists()


def test_reconciliation_and_add_from_the_page(board, owners):
    _meeting, motion = with_tellers(board, owners)
    services.paper_ballot_issue(motion=motion, voter=owners[2], actor=board)
    enter_both(motion, [owners[0]], [("1", gf.yes(motion))])
    enter_both(motion, [owners[1]], [("1", gf.no(motion))])
    url = reverse("governance:motion_paper", args=[motion.pk])
    client = logged_in(board)
    page = client.get(url)
    assert page.status_code == 200 and b"Resolve" in page.content
    resolved = client.post(url, {"action": "resolve", "serial": "1", "marks": gf.yes(motion), "reason": "read it"})
    assert resolved.status_code == 302
    assert client.post(url, {"action": "add", "reason": "count"}).status_code == 302
    assert client.post(url, {"action": "add", "reason": "count"}).status_code == 400


def test_show_of_hands_from_the_page(board, owners):
    _meeting, motion = open_agenda_vote(board, owners)
    url = reverse("governance:motion_paper", args=[motion.pk])
    body = {"action": "hands", "reason": "hands", f"hands_{gf.yes(motion)[0]}": "4", f"hands_{gf.no(motion)[0]}": "1"}
    assert logged_in(board).post(url, body).status_code == 302
    assert ShowOfHands.objects.filter(motion=motion).exists()


def test_a_teller_finds_the_entry_page_from_the_meeting(board, owners):
    meeting, motion = with_tellers(board, owners)
    page = logged_in(owners[0]).get(reverse("governance:meeting", args=[meeting.pk]))
    assert reverse("governance:teller_entry", args=[motion.pk]).encode() in page.content


def test_issuing_without_a_voter_is_refused_naming_the_field(board, owners):
    _meeting, motion = with_tellers(board, owners)
    url = reverse("governance:motion_paper", args=[motion.pk])
    response = logged_in(board).post(url, {"action": "issue", "voter": "", "holder": owners[3].pk})
    assert response.status_code == 400
    assert not PaperBallotIssue.objects.exists()
