"""In a real browser: the results page names the elected round by round, a refused admin form
keeps what was typed, a ranked ballot typed without the script with a repeated rank comes back as
marked, and a refusal is the site's own 403 page. Screenshots at desktop and phone width go to
artifacts/screenshots."""

import pytest

from governance import services
from governance.models import Motion, Office
from membership.models import ShareTransaction
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, UserFactory, cooperative_create
from tests.factories.membership import member_create, policy_set

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _shoot(page, name: str) -> None:
    screenshot(page, name)


def _both_widths(page, name: str) -> None:
    _shoot(page, f"{name}-desktop" if name != "error-403" else name)
    page.set_viewport_size(PHONE)
    _shoot(page, f"{name}-phone")
    # nothing wider than the phone's screen but the tables that scroll in their own box
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def stv_world():
    cooperative_create()
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    names = ["Ana Ortiz", "Ben Okafor", "Chloe Marsh", "Dev Patel", "Eli Novak"]
    owners = []
    for name in names:
        first, last = name.split()
        owner = gf.owner(email=f"{first.lower()}@example.coop")
        owner.first_name, owner.last_name = first, last
        owner.save()
        owners.append(owner)
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.STV,
        seats=2,
        office_kind="director",
    )
    a, b, c = motion.choices.order_by("position").values_list("pk", flat=True)
    ballots = [[a, b], [a, b], [a, c], [b], [c, b]]
    for voter, marks in zip(owners, ballots, strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks)
    services.motion_close(motion=motion, actor=board, reason="close")
    return {"motion": motion, "owners": owners, "board": board}


def test_the_results_page_names_the_elected_round_by_round(page, live_server, stv_world):
    motion = stv_world["motion"]
    labels = list(motion.choices.order_by("position").values_list("label", flat=True))
    result = motion.result
    elected = [label for pk, label in motion.choices.values_list("pk", "label") if pk in result.winners]
    log_in(page, live_server, stv_world["owners"][3].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/results/")
    verdict = page.locator(".verdict-title").inner_text()
    assert verdict.startswith("Elected:") and all(name in verdict for name in elected)
    rounds = page.locator(".round h3").all_inner_texts()
    assert rounds[0].startswith(f"Round 1: {labels[0]} elected")
    assert any("excluded" in text or "elected" in text for text in rounds[1:])
    assert "0000" not in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _both_widths(page, "results")


def test_a_yes_no_result_says_adopted_and_by_how_much(page, live_server, stv_world):
    board, owners = stv_world["board"], stv_world["owners"]
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Buy a second van"), board=board)
    for voter, vote in zip(owners, [gf.yes, gf.yes, gf.yes, gf.no, gf.abstain], strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=vote(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    log_in(page, live_server, owners[1].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/results/")
    assert page.locator(".verdict-title").inner_text() == "Adopted"
    assert "75 % of the yes and no weight" in page.locator(".verdict").inner_text()
    assert axe_violations(page) == []
    _both_widths(page, "results-yes-no")
    page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/")
    assert "Your recorded choice: Yes" in page.locator(".my-vote").inner_text()
    _shoot(page, "results-my-recorded-choice")


def test_a_refused_admin_form_keeps_its_values(page, live_server):
    cooperative_create()
    UserFactory(email="board@example.coop", first_name="Bea", roles=["Board"])
    policy_set("share_cap_count", 5)
    owner = member_create(shares=4, first_name="Pat", last_name="Holloway")
    log_in(page, live_server, "board@example.coop", PASSWORD)
    page.goto(f"{live_server.url}/admin/membership/sharetransaction/add/")
    page.click(".field-member .select2-selection")
    page.fill(".select2-search__field", "Holloway")
    page.click(".select2-results__option:has-text('Pat Holloway')")
    page.select_option("#id_kind", "issue")
    page.fill("#id_quantity", "3")
    page.fill("#id_change_reason", "Paid at the spring meeting")
    page.click("input[name=_save]")
    page.wait_for_selector(".errornote")
    assert "Over the share cap" in page.locator(".field-quantity .errorlist, .errorlist").first.inner_text()
    assert page.input_value("#id_quantity") == "3"
    assert page.input_value("#id_change_reason") == "Paid at the spring meeting"
    assert "Pat Holloway" in page.locator(".field-member .select2-selection").inner_text()
    assert not ShareTransaction.objects.filter(member=owner, quantity=3).exists()
    _shoot(page, "results-admin-refused-form")


def test_a_repeated_rank_comes_back_as_marked(page_without_script, live_server, stv_world):
    # Ranks are typed only where the ballot's script does not run; with it, the member orders a list.
    page = page_without_script
    board, owners = stv_world["board"], stv_world["owners"]
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.INSTANT_RUNOFF,
        office_kind="treasurer",
    )
    a, b, c = motion.choices.order_by("position").values_list("pk", flat=True)
    log_in(page, live_server, owners[4].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/")
    page.fill(f"#rank_{a}", "1")
    page.fill(f"#rank_{b}", "2")
    page.fill(f"#rank_{c}", "2")
    page.click("button:has-text('Cast ballot')")
    alert = page.locator("#ballot-errors").inner_text()
    assert alert.startswith("Each rank once: you gave rank 2 to two candidates")
    assert [page.input_value(f"#rank_{pk}") for pk in (a, b, c)] == ["1", "2", "2"]
    assert axe_violations(page) == []
    _shoot(page, "results-ballot-repeated-rank")


def test_a_refusal_is_the_styled_403_page(page, live_server, stv_world):
    board, owners = stv_world["board"], stv_world["owners"]
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Still open"), board=board)
    log_in(page, live_server, owners[2].email, PASSWORD)
    response = page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/results/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You may not do this"
    assert "No result is shown before the vote closes." in page.locator(".error-reason").inner_text()
    assert axe_violations(page) == []
    _both_widths(page, "error-403")


def test_the_auditor_reads_the_explained_result_and_is_offered_no_board_action(page, live_server, stv_world):
    UserFactory(email="auditor@example.coop", first_name="Ada", roles=["Auditor"])
    motion = stv_world["motion"]
    log_in(page, live_server, "auditor@example.coop", PASSWORD)
    page.goto(f"{live_server.url}/admin/governance/result/{motion.result.pk}/change/")
    assert page.locator(".verdict-title").inner_text().startswith("Elected:")
    assert page.locator(".round h3").first.inner_text().startswith("Round 1:")
    _shoot(page, "results-admin-result")
    page.goto(f"{live_server.url}/admin/governance/motion/")
    options = page.locator("select[name=action] option").all_inner_texts()
    assert not [text for text in options if "Close and count" in text or "Certify" in text]
