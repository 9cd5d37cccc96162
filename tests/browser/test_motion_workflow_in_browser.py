"""The Board in a real browser: a policy-change motion chosen by its label, an early close that warns."""

import pytest

from governance import services
from governance.models import Motion, Office
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, cooperative_create

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _shoot(page, name: str, *, phone: bool = False) -> None:
    if phone:
        page.set_viewport_size(PHONE)
    screenshot(page, name)
    if phone:
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def president():
    cooperative_create()
    gf.bodies()
    user = gf.owner(email="president@example.coop")
    return gf.officer(Office.Kind.PRESIDENT, user)


def test_board_proposes_a_policy_change_choosing_the_number_by_its_label(page, live_server, president):
    log_in(page, live_server, "president@example.coop", PASSWORD)
    page.goto(f"{live_server.url}/admin/governance/motion/add/")
    # first the kind: a short page of kinds, each saying what it does
    assert page.get_by_role("link", name="Policy change").is_visible()
    assert axe_violations(page) == []
    _shoot(page, "motion-form-kinds")
    _shoot(page, "motion-form-kinds-phone", phone=True)
    page.get_by_role("link", name="Policy change").click()
    # then only what a policy change needs, the number chosen by its label
    assert page.locator("h1").inner_text() == "Propose: Policy change"
    for absent in ("office", "recall_term", "document_version", "method", "seats"):
        assert page.locator(f"#id_{absent}").count() == 0
    options = page.locator("#id_policy_key option").all_inner_texts()
    assert "Share cap (count) (now 50)" in options and "share_cap_count" not in options
    page.fill("#id_title", "Lower the share cap to 40")
    page.select_option("#id_policy_key", label="Share cap (count) (now 50)")
    page.fill("#id_policy_value", "forty")  # refused, and what was typed stays
    page.fill("#id_change_reason", "Agenda of the spring General Conference")
    page.click("input[name=_save]")
    page.wait_for_selector(".errorlist")
    assert "Enter a number" in page.locator(".field-policy_value .errorlist").inner_text()
    assert page.locator("#id_title").input_value() == "Lower the share cap to 40"
    assert page.locator("#id_policy_key").input_value() == "share_cap_count"
    assert axe_violations(page) == []
    _shoot(page, "motion-form-policy")
    _shoot(page, "motion-form-policy-phone", phone=True)
    page.fill("#id_policy_value", "40")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    page.wait_for_load_state("networkidle")
    motion = Motion.objects.get(title="Lower the share cap to 40")
    assert (motion.kind, motion.policy_key, motion.policy_value) == ("policy_change", "share_cap_count", "40")
    assert motion.secret is False


def test_closing_a_vote_early_warns_and_shows_turnout_by_weight(page, live_server, president):
    gf.voting_mode("share")
    voters = [gf.owner(shares=n) for n in (5, 3, 8, 10, 15)]  # 41 weight
    motion = gf.motion(proposer=voters[0], title="Adopt a four-day work week trial")
    gf.open_motion(motion, board=president, hours=96)
    for voter in voters[:3]:  # 16 of 41 weight: three of five voters, yet short of the quorum
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    log_in(page, live_server, "president@example.coop", PASSWORD)
    page.goto(f"{live_server.url}/admin/governance/motion/")
    row = page.locator("#result_list tr", has_text="Adopt a four-day work week trial")
    assert "16 of 41 weight; quorum 20.5" in row.inner_text()
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "close_votes")
    page.click("button[name=index]")
    warning = page.get_by_role("alert").inner_text().replace("\xa0", " ")
    assert "closing now cuts the vote short by 3 days, 23 hours" in warning
    assert "16 of 41 weight; quorum needs 20.5 (50 %)" in page.locator(".turnout-by-weight").inner_text()
    assert "4.5 more weight must take part" in page.locator(".turnout-by-weight").inner_text()
    assert axe_violations(page) == []
    _shoot(page, "motion-close-warning")
    _shoot(page, "motion-close-warning-phone", phone=True)
    page.click("a.cancel-link")
    page.wait_for_load_state("networkidle")
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.OPEN


def test_a_nominee_accepts_a_nomination_on_their_own_page(page, live_server, president):
    proposer = gf.owner(email="proposer@example.coop")
    nominee = gf.owner(email="nominee@example.coop")
    election = gf.motion(
        proposer=proposer,
        kind=Motion.Kind.ELECTION,
        method=Motion.Method.PLURALITY,
        office=Office.objects.get(kind=Office.Kind.DIRECTOR),
        title="Election: Director",
    )
    services.nomination_submit(motion=election, candidate=nominee, actor=proposer, reason="Nominate")
    log_in(page, live_server, "nominee@example.coop", PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/")
    page.get_by_role("link", name="Answer your nominations").click()
    row = page.locator("tr", has_text="Election: Director")
    assert "Not answered yet" in row.inner_text()
    assert axe_violations(page) == []
    _shoot(page, "motion-nominations")
    _shoot(page, "motion-nominations-phone", phone=True)
    row.get_by_role("button", name="Accept and stand").click()
    page.wait_for_selector("text=You stand in")
    page.wait_for_load_state("networkidle")
    assert election.choices.get(candidate=nominee).consent == "accepted"
