"""A whole annual General Conference on the demo cooperative, walked in a real browser by the people
who hold it (issue #16): the Board calls it with notice, the members find the notice in their inbox
and their email, check in by the room's code and remotely, the chair watches the quorum arrive, a
motion from the agenda is voted on phones and on paper through two tellers, the Secretary drafts
the minutes and the next meeting adopts them.

Two steps are not done through a page, because no person does them: the seed of the demo, and the
passing of the notice period (the meeting's start is moved to the present, as a clock would)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from coop.models import User
from governance.models import (
    Attendance,
    Body,
    Meeting,
    MeetingMinutes,
    Motion,
    PaperBallotIssue,
    Participation,
)

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "demo-coop-2026"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TITLE = "Annual General Conference: the year's accounts"
NEXT_TITLE = "Special General Conference: the workshop lease"
MOTION = "Approve the year's accounts"
CHAIR = "president@demo.coop"
SECRETARY = "secretary@demo.coop"
TELLERS = ("chen.wei@demo.coop", "dana.kowalski@demo.coop")
# Weights on the demo's roll: 32 in all, a quorum of 16. Quinn carries 5, Sofia 3, Ravi 2, others 1.
IN_ROOM = [CHAIR, SECRETARY, *TELLERS, "sofia.lindqvist@demo.coop", "amara.diallo@demo.coop"]  # 8
REMOTE = ["member@demo.coop", "quinn.murphy@demo.coop", "ravi.shah@demo.coop", "elif.yilmaz@demo.coop"]  # 9
ON_PAPER = {"sofia.lindqvist@demo.coop": "3", "amara.diallo@demo.coop": "1", CHAIR: "1"}


@pytest.fixture
def demo(transactional_db):
    # Setup no person does through a page: the demo cooperative itself.
    call_command("seed_demo", language="en", password=PASSWORD, verbosity=0)


class People:
    """A logged-in browser per person and device: the chair keeps the chair's page open on the
    computer and checks in on her phone."""

    def __init__(self, browser, live_server):
        self.browser, self.live_server, self.pages = browser, live_server, {}

    def __call__(self, email: str, viewport=DESKTOP, device: str = "computer"):
        key = (email, device)
        if key not in self.pages:
            context = self.browser.new_context(viewport=viewport)
            page = context.new_page()
            log_in(page, self.live_server, email, PASSWORD)
            self.pages[key] = page
        return self.pages[key]

    def close(self):
        for page in self.pages.values():
            page.context.close()


@pytest.fixture
def people(browser, live_server):
    found = People(browser, live_server)
    yield found
    found.close()


def _name(email: str) -> str:
    """How the pages name a person in a list to choose from."""
    return str(User.objects.get(email=email))


def _both_widths(page, name: str) -> None:
    """Screenshots at desktop and phone width, the page read by axe-core at each."""
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        assert axe_violations(page) == [], (name, label)
        # Nothing pushes the page wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (name, label)
        screenshot(page, f"gc-{name}-{label}")
    page.set_viewport_size(DESKTOP)


def _admin_action(page, url: str, row_text: str, action: str, reason: str) -> None:
    """Run an admin action on the row that reads `row_text`, giving `reason` on its confirmation."""
    page.goto(url)
    page.locator("#result_list tr", has_text=row_text).locator("input.action-select").check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    page.fill("#id_reason", reason)
    page.click("input[type=submit][value=Confirm]")
    page.wait_for_selector(".messagelist")


def _call_meeting(page, url, *, title: str, kind: str, starts, purpose: str) -> Meeting:
    general = Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE)
    page.goto(f"{url}/admin/governance/meeting/add/")
    page.select_option("#id_body", str(general.pk))
    page.select_option("#id_kind", kind)
    page.fill("#id_title", title)
    ends = starts + timedelta(hours=3)
    local_start, local_end = timezone.localtime(starts), timezone.localtime(ends)
    page.fill("#id_starts_at_0", local_start.strftime("%Y-%m-%d"))
    page.fill("#id_starts_at_1", local_start.strftime("%H:%M:%S"))
    page.fill("#id_ends_at_0", local_end.strftime("%Y-%m-%d"))
    page.fill("#id_ends_at_1", local_end.strftime("%H:%M:%S"))
    page.fill("#id_place", "The workshop, 12 Harbour Street")
    page.fill("#id_change_reason", purpose)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist, .errornote")
    return Meeting.objects.filter(title=title).first()


def _notice_period_passes(meeting: Meeting) -> None:
    # Nobody turns the clock: the notice period passing is the meeting's start moved to the present,
    # the chair opening it from an hour before as the rules allow.
    now = timezone.now()
    soon = {"starts_at": now + timedelta(minutes=30), "ends_at": now + timedelta(hours=4)}
    Meeting.objects.filter(pk=meeting.pk).update(**soon)


def _check_in_by_code(page, checkin_url: str) -> None:
    page.goto(checkin_url)
    page.get_by_role("button", name="I am in the room: check me in").click()
    page.wait_for_selector("text=You are checked in, in the room.")


def _check_in_remotely(page, url: str, meeting: Meeting) -> None:
    page.goto(f"{url}/portal/governance/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Check in remotely").click()
    page.wait_for_selector("text=You are checked in, remotely.")


def _vote(page, url: str, motion: Motion, label: str) -> None:
    page.goto(f"{url}/portal/governance/motions/{motion.pk}/")
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Cast ballot").click()
    page.wait_for_load_state()
    assert "receipt" in page.inner_text("main").lower()


def _enter_paper(page, serial: str, weight: str, label: str) -> None:
    page.fill("#serial", serial)
    page.select_option("#weight", weight)
    page.locator("form.teller-entry").get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Enter this paper").click()
    page.wait_for_selector(f"text=Paper ballot {serial} entered.")


def test_an_annual_general_conference_from_its_call_to_its_adopted_minutes(demo, people, live_server):
    url = live_server.url
    chair = people(CHAIR)

    # --- The Board calls the annual General Conference, with the notice the bylaws set (10 days)
    too_soon = _call_meeting(
        chair, url, title=TITLE, kind="annual", starts=timezone.now() + timedelta(days=2), purpose="Accounts"
    )
    assert too_soon is None
    assert "at least 10 days ahead" in chair.inner_text(".field-starts_at .errorlist")
    sent_before = len(mail.outbox)
    meeting = _call_meeting(
        chair,
        url,
        title=TITLE,
        kind="annual",
        starts=timezone.now() + timedelta(days=11),
        purpose="The year's accounts and the year ahead.",
    )
    assert meeting is not None and meeting.status == Meeting.Status.CALLED

    # --- A member finds the notice in the portal inbox, and in her email
    mei = people("member@demo.coop", PHONE, device="phone")
    mei.goto(f"{url}/portal/notices/")
    assert f"Meeting called: {TITLE}" in mei.inner_text("main")
    emails = [m for m in mail.outbox[sent_before:] if m.to == ["member@demo.coop"]]
    assert [m.subject for m in emails] == [f"Meeting called: {TITLE}"]
    assert "The year's accounts and the year ahead." in emails[0].body

    # --- The Board proposes the motion and puts it on the agenda (admin)
    general = Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE)
    chair.goto(f"{url}/admin/governance/motion/add/?kind=ordinary")
    chair.select_option("#id_body", str(general.pk))
    chair.fill("#id_title", MOTION)
    chair.fill("#id_text", "That the accounts of the year, as the Treasurer reported them, be approved.")
    chair.fill("#id_change_reason", "On the agenda of the annual General Conference")
    chair.click("input[name=_save]")
    chair.wait_for_selector(".messagelist .success")
    motion = Motion.objects.get(title=MOTION)
    chair.goto(f"{url}/admin/governance/agendaitem/add/")
    chair.select_option("#id_meeting", str(meeting.pk))
    chair.select_option("#id_kind", "motion")
    chair.select_option("#id_motion", str(motion.pk))
    chair.fill("#id_title", MOTION)
    chair.fill("#id_change_reason", "The accounts are voted at the annual meeting")
    chair.click("input[name=_save]")
    chair.wait_for_selector(".messagelist .success")

    # --- The day comes; the chair opens the meeting (admin) and shows the code in the room
    _notice_period_passes(meeting)
    _admin_action(chair, f"{url}/admin/governance/meeting/", TITLE, "open_meetings", "The meeting begins")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.OPEN
    chair.clock.install()  # the page's own timer, run forward below rather than waited for
    chair.goto(f"{url}/portal/governance/meetings/{meeting.pk}/chair/")
    assert "No quorum yet: 16.00 of the weight is missing." in chair.inner_text("#quorum")
    assert chair.get_by_role("button", name="Open the vote").is_disabled()
    checkin_url = chair.locator(".checkin-code figcaption a").get_attribute("href")

    # --- Members check in: in the room by the code's address on their phones, and remotely
    for email in IN_ROOM:
        _check_in_by_code(people(email, PHONE, device="phone"), checkin_url)
    for email in REMOTE:
        _check_in_remotely(people(email, PHONE, device="phone"), url, meeting)
    assert Attendance.objects.filter(meeting=meeting, how="in_room").count() == len(IN_ROOM)
    assert Attendance.objects.filter(meeting=meeting, how="remote").count() == len(REMOTE)

    # --- The chair's page, open all along, shows the quorum arrive without reloading (it reads
    # itself again every 30 seconds)
    chair.clock.run_for(31_000)
    chair.wait_for_selector("#quorum >> text=The quorum is present.")
    assert "17.00" in chair.inner_text("#quorum")
    chair.reload()  # the button is outside the live sections: a reload enables it
    _both_widths(chair, "chair-quorum")

    # --- The chair opens the vote from the agenda; members vote on their phones
    chair.get_by_role("button", name="Open the vote").click()
    chair.wait_for_selector("text=The vote is open.")
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN
    for email, label in [
        ("member@demo.coop", "Yes"),
        ("quinn.murphy@demo.coop", "Yes"),
        ("ravi.shah@demo.coop", "No"),
        ("elif.yilmaz@demo.coop", "Yes"),
        (SECRETARY, "Yes"),
        *((teller, "Yes") for teller in TELLERS),
    ]:
        _vote(people(email, PHONE, device="phone"), url, motion, label)

    # --- The chair appoints two tellers from those in the room
    chair.goto(f"{url}/portal/governance/meetings/{meeting.pk}/chair/")
    chair.get_by_role("link", name="Tellers", exact=True).click()
    names = {email: _name(email) for email in TELLERS}
    chair.select_option("#first", label=names[TELLERS[0]])
    chair.select_option("#second", label=names[TELLERS[1]])
    chair.fill("#reason", "Two tellers for the paper ballots")
    chair.get_by_role("button", name="Appoint").click()
    chair.wait_for_selector("text=The tellers are appointed.")

    # --- Paper ballots are issued at the box to three people in the room
    chair.get_by_role("link", name=MOTION).click()
    for email in ON_PAPER:
        chair.select_option("#voter", label=_name(email))
        chair.get_by_role("button", name="Issue a paper ballot").click()
        chair.wait_for_selector("text=A paper ballot is issued.")
    assert PaperBallotIssue.objects.filter(motion=motion).count() == 3

    # --- Each teller enters every paper on their own phone; the second misreads one paper
    papers = [("P-101", "3.00", "Yes"), ("P-102", "1.00", "No"), ("P-103", "1.00", "Yes")]
    for teller in TELLERS:
        page = people(teller, PHONE, device="phone")
        page.set_viewport_size(PHONE)
        page.goto(f"{url}/portal/governance/meetings/{meeting.pk}/")
        page.get_by_role("link", name="Enter paper ballots (teller)").click()
        for serial, weight, label in papers:
            if teller == TELLERS[1] and serial == "P-103":
                label = "No"
            _enter_paper(page, serial, weight, label)
        if teller == TELLERS[0]:
            _both_widths(page, "teller-entry")
        page.get_by_role("button", name="I have entered every paper").click()
        page.wait_for_selector("text=You have finished entering.")

    # --- The chair sees the difference, resolves it, and adds the papers to the count
    chair.reload()
    table = chair.locator("table", has_text="Every difference")
    row = table.locator("tr", has_text="P-103")
    assert "Yes (1" in row.inner_text() and "No (1" in row.inner_text()
    _both_widths(chair, "reconciliation")
    row.get_by_label("Yes", exact=True).check()
    row.get_by_label("Reason").fill("The paper, shown to both tellers, is marked Yes")
    row.get_by_role("button", name="Resolve").click()
    chair.wait_for_selector("text=The difference is resolved.")
    chair.fill("#add-reason", "Three papers, both tellers agree")
    chair.get_by_role("button", name="Add the paper ballots to the count").click()
    chair.wait_for_selector("text=The paper ballots are added to the count.")
    assert Participation.objects.filter(motion=motion).count() == 10

    # --- The vote closes (admin, before the time it was scheduled to close) and the Secretary certifies it
    _admin_action(chair, f"{url}/admin/governance/motion/", MOTION, "close_votes", "The meeting has voted")
    secretary = people(SECRETARY)
    _admin_action(secretary, f"{url}/admin/governance/motion/", MOTION, "certify_results", "Counted in the meeting")
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CERTIFIED and motion.result.adopted
    assert motion.result.participants == 10

    # --- The chair closes the meeting; the Secretary drafts the minutes and edits them
    _admin_action(chair, f"{url}/admin/governance/meeting/", TITLE, "close_meetings", "The agenda is done")
    secretary.goto(f"{url}/portal/governance/meetings/{meeting.pk}/")
    secretary.get_by_role("link", name="Minutes", exact=True).click()
    secretary.get_by_role("button", name="Draft the minutes from the record").click()
    secretary.wait_for_selector("text=The minutes are drafted from the record")
    text = secretary.locator("#id_text").input_value()
    assert MOTION in text
    secretary.fill("#id_text", text + "\nThe chair thanked the tellers.\n")
    secretary.fill("#id_reason", "A line the record does not hold")
    secretary.get_by_role("button", name="Save the minutes").click()
    secretary.wait_for_selector("text=The minutes are saved.")
    assert "The chair thanked the tellers." in secretary.inner_text("main")

    # --- The Board calls the next meeting; the Secretary proposes adoption there
    following = _call_meeting(
        chair,
        url,
        title=NEXT_TITLE,
        kind="special",
        starts=timezone.now() + timedelta(days=11),
        purpose="The workshop lease, and the minutes of the annual meeting.",
    )
    assert following is not None
    _notice_period_passes(following)
    secretary.goto(f"{url}/portal/governance/meetings/{meeting.pk}/minutes/")
    propose = secretary.locator("form[action$='/minutes/propose/']")
    propose.get_by_label("At the meeting").select_option(label=str(following))
    propose.get_by_label("Reason").fill("The minutes go to the next meeting")
    propose.get_by_role("button", name="Put the minutes on its agenda").click()
    secretary.wait_for_selector("text=The adoption of the minutes is on the agenda")
    adoption = MeetingMinutes.objects.get(meeting=meeting).motion
    assert adoption is not None and adoption.kind == Motion.Kind.MINUTES_ADOPTION

    # --- At the next meeting: open, check in, vote on the minutes, close, certify
    _admin_action(chair, f"{url}/admin/governance/meeting/", NEXT_TITLE, "open_meetings", "The meeting begins")
    for email in IN_ROOM + REMOTE:
        _check_in_remotely(people(email, PHONE, device="phone"), url, following)
    chair.goto(f"{url}/portal/governance/meetings/{following.pk}/chair/")
    assert "The quorum is present." in chair.inner_text("#quorum")
    chair.get_by_role("button", name="Open the vote").click()
    chair.wait_for_selector("text=The vote is open.")
    for email in IN_ROOM + REMOTE:
        _vote(people(email, PHONE, device="phone"), url, adoption, "Yes")
    _admin_action(chair, f"{url}/admin/governance/motion/", adoption.title, "close_votes", "The meeting has voted")
    _admin_action(secretary, f"{url}/admin/governance/motion/", adoption.title, "certify_results", "Counted")
    adoption.refresh_from_db()
    assert adoption.status == Motion.Status.CERTIFIED and adoption.result.adopted

    # --- The minutes page now shows them adopted, to every member
    mei.goto(f"{url}/portal/governance/meetings/{meeting.pk}/minutes/")
    assert "Adopted on" in mei.inner_text("main")
    assert "The chair thanked the tellers." in mei.inner_text("main")
    # phones 10 of yes weight, 2 of no; papers 3 + 1 yes (the difference resolved), 1 no
    assert "Votes: Yes 14.00; No 3.00" in mei.inner_text("main")
    assert MeetingMinutes.objects.get(meeting=meeting).status == MeetingMinutes.Status.ADOPTED
    _both_widths(mei, "minutes-adopted")
