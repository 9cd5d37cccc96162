"""In a real browser: a member ranks the candidates of an instant-runoff election by ordering a
list, with the keyboard and by dragging, at desktop and phone widths, never typing a number; each
move is read out, the ballot counts in the order shown, and a refused ballot comes back in the
member's order. Screenshots go to artifacts/screenshots."""

import pytest

from governance import services
from governance.models import Ballot, Motion, Office
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, cooperative_create

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
NAMES = ["Ana Ortiz", "Ben Okafor", "Chloe Marsh", "Dev Patel", "Eli Novak", "Fay Lund"]


def _shoot(page, name: str) -> None:
    screenshot(page, name)


@pytest.fixture
def election():
    cooperative_create()
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = []
    for name in NAMES:
        first, last = name.split()
        owner = gf.owner(email=f"{first.lower()}@example.coop")
        owner.first_name, owner.last_name = first, last
        owner.save()
        owners.append(owner)
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:4],
        method=Motion.Method.INSTANT_RUNOFF,
        office_kind="treasurer",
    )
    choices = dict(motion.choices.values_list("label", "pk"))
    return {"motion": motion, "board": board, "owners": owners, "voter": owners[4], "choices": choices}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def _open_ballot(page, live_server, world) -> None:
    log_in(page, live_server, world["voter"].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{world['motion'].pk}/")
    page.wait_for_selector(".ranked-ballot.is-enhanced")


def _row(page, name: str):
    return page.locator(".rank-item", has_text=name)


def _ranking(page) -> list[str]:
    return page.locator('[data-rank-list="ranked"] .rank-name').all_inner_texts()


def _numbers(page) -> list[str]:
    return page.locator('[data-rank-list="ranked"] .rank-number').all_inner_texts()


def _unranked(page) -> list[str]:
    return page.locator('[data-rank-list="unranked"] .rank-name').all_inner_texts()


def _said(page) -> str:
    return page.locator("[data-rank-status]").inner_text().strip()


def _press(page, name: str) -> None:
    """Reach the button by its accessible name and press it from the keyboard."""
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")


def _focused(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label') || ''")


def _drag(page, source, target, *, touch_cdp=None) -> None:
    """Drag `source` onto the upper part of `target` in small steps, by mouse or by a finger: the
    dragged row lands before a row once it passes that row's middle."""
    start, end = source.bounding_box(), target.bounding_box()
    x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    x1, y1 = end["x"] + end["width"] / 2, end["y"] + end["height"] / 4
    steps = 12
    if touch_cdp is None:
        page.mouse.move(x0, y0)
        page.mouse.down()
        for step in range(1, steps + 1):
            page.mouse.move(x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps)
        page.mouse.up()
        return
    touch_cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]})
    for step in range(1, steps + 1):
        point = {"x": x0 + (x1 - x0) * step / steps, "y": y0 + (y1 - y0) * step / steps}
        touch_cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    touch_cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _cast(page) -> str:
    page.click("button:has-text('Cast ballot')")
    page.wait_for_selector("h1:has-text('Your ballot is cast')")
    return page.locator("#receipt-code").inner_text()


def _assert_fits_a_phone(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone"
    small = page.evaluate(
        """() => [...document.querySelectorAll('.ranked-ballot button, .ranked-ballot .rank-grip')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.getAttribute('aria-label') || el.className, el.getBoundingClientRect()])
            .filter(([, box]) => box.width < 44 || box.height < 44)
            .map(([name, box]) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )
    assert small == [], f"touch targets under 44 px: {small}"


def test_a_member_ranks_with_the_keyboard_and_the_ballot_counts_that_order(page, live_server, election):
    motion, choices = election["motion"], election["choices"]
    # Given a member at an open instant-runoff election, with the script running
    _open_ballot(page, live_server, election)
    # Then no rank is typed: the inputs are hidden and every candidate waits, unranked, in ballot order
    assert page.locator(f"#rank_{choices['Ana Ortiz']}").is_hidden()
    assert _ranking(page) == []
    assert _unranked(page) == NAMES[:4]
    assert page.locator("[data-rank-empty]").is_visible()

    # When they rank Chloe, then Ana, then Ben, from the keyboard
    _press(page, "Rank Chloe Marsh")
    assert _said(page) == "Chloe Marsh ranked 1 of 1."
    # the focus stays among those left to rank, on the next one
    assert _focused(page) == "Rank Dev Patel"
    _press(page, "Rank Ana Ortiz")
    _press(page, "Rank Ben Okafor")
    assert _ranking(page) == ["Chloe Marsh", "Ana Ortiz", "Ben Okafor"]
    # And move Ben up one place
    _press(page, "Move Ben Okafor up")
    # Then the list, its numbers and the words read out follow, and the focus stays on the button
    assert _ranking(page) == ["Chloe Marsh", "Ben Okafor", "Ana Ortiz"]
    assert _numbers(page) == ["1", "2", "3"]
    assert _said(page) == "Ben Okafor moved to rank 2 of 3."
    assert _focused(page) == "Move Ben Okafor up"
    page.keyboard.press("Enter")
    assert _ranking(page)[0] == "Ben Okafor"
    page.keyboard.press("Enter")
    assert _said(page) == "Ben Okafor is already first."
    _press(page, "Move Ben Okafor down")
    assert _ranking(page) == ["Chloe Marsh", "Ben Okafor", "Ana Ortiz"]
    # And a candidate taken out of the ranking goes back among the unranked, in ballot order
    _press(page, "Remove Ana Ortiz from your ranking")
    assert _said(page) == "Ana Ortiz is no longer ranked."
    assert _unranked(page) == ["Ana Ortiz", "Dev Patel"]
    assert _focused(page) == "Rank Ana Ortiz"
    page.keyboard.press("Enter")
    assert _ranking(page) == ["Chloe Marsh", "Ben Okafor", "Ana Ortiz"]
    assert axe_violations(page) == []
    _shoot(page, "ballot-desktop")

    # When they cast the ballot
    receipt = _cast(page)
    # Then it counts Chloe, Ben, Ana in that order, Dev unranked
    expected = ">".join(str(choices[name]) for name in ["Chloe Marsh", "Ben Okafor", "Ana Ortiz"])
    assert Ballot.objects.get(motion=motion).marks == expected
    # And after the close the member's receipt shows the same order
    services.motion_close(motion=motion, actor=election["board"], reason="close")
    page.goto(f"{live_server.url}/portal/governance/receipts/?motion={motion.pk}&code={receipt}")
    assert (
        page.locator("[role=status]").inner_text()
        == f"Ballot {receipt} was counted: Chloe Marsh > Ben Okafor > Ana Ortiz."
    )


def test_a_member_ranks_by_dragging_with_a_mouse(page, live_server, election):
    motion, choices = election["motion"], election["choices"]
    # Given a member at the ballot on a desktop, two candidates already ranked
    _open_ballot(page, live_server, election)
    _press(page, "Rank Ana Ortiz")
    _press(page, "Rank Ben Okafor")
    # When they drag Dev from the unranked into the first place
    _drag(page, _row(page, "Dev Patel").locator(".rank-name"), _row(page, "Ana Ortiz").locator(".rank-number"))
    # Then Dev is ranked first and the others move down
    assert _ranking(page) == ["Dev Patel", "Ana Ortiz", "Ben Okafor"]
    assert _numbers(page) == ["1", "2", "3"]
    assert _said(page) == "Dev Patel ranked 1 of 3."
    # When they drag Ben out of the ranking, below the heading of those not ranked
    _drag(page, _row(page, "Ben Okafor").locator(".rank-name"), page.locator("#unranked-heading"))
    # Then Ben is unranked again
    assert _ranking(page) == ["Dev Patel", "Ana Ortiz"]
    assert _unranked(page) == ["Ben Okafor", "Chloe Marsh"]
    assert _said(page) == "Ben Okafor is no longer ranked."
    # When they cast
    _cast(page)
    # Then the ballot counts Dev first, Ana second
    assert Ballot.objects.get(motion=motion).marks == f"{choices['Dev Patel']}>{choices['Ana Ortiz']}"


def test_a_member_ranks_on_a_phone_by_touch_and_buttons(phone, live_server, election):
    motion, choices = election["motion"], election["choices"]
    # Given a member at the ballot on a 390 px wide phone
    _open_ballot(phone, live_server, election)
    # Then the ballot fits the screen and every button and handle is big enough for a finger
    _assert_fits_a_phone(phone)
    # When they rank three candidates with a tap each
    for name in ["Ben Okafor", "Chloe Marsh", "Dev Patel"]:
        phone.get_by_role("button", name=f"Rank {name}", exact=True).tap()
    assert _ranking(phone) == ["Ben Okafor", "Chloe Marsh", "Dev Patel"]
    # And drag Dev by its handle with a finger to the top
    cdp = phone.context.new_cdp_session(phone)
    grip = _row(phone, "Dev Patel").locator(".rank-grip")
    _drag(phone, grip, _row(phone, "Ben Okafor").locator(".rank-number"), touch_cdp=cdp)
    # Then Dev is first and the numbers follow
    assert _ranking(phone) == ["Dev Patel", "Ben Okafor", "Chloe Marsh"]
    assert _numbers(phone) == ["1", "2", "3"]
    assert _said(phone) == "Dev Patel moved to rank 1 of 3."
    _assert_fits_a_phone(phone)
    assert axe_violations(phone) == []
    _shoot(phone, "ballot-phone")
    # When they cast
    _cast(phone)
    # Then the ballot counts that order
    expected = ">".join(str(choices[name]) for name in ["Dev Patel", "Ben Okafor", "Chloe Marsh"])
    assert Ballot.objects.get(motion=motion).marks == expected


def test_a_refused_ballot_comes_back_in_the_members_order(page, live_server, election):
    motion, owners, voter = election["motion"], election["owners"], election["voter"]
    # Given a member who also holds Fay's proxy for this vote
    proxy = services.proxy_grant(grantor=owners[5], holder=voter, motion=motion, actor=owners[5], reason="away")
    _open_ballot(page, live_server, election)
    # When they order Chloe then Ana and cast for Fay, who revoked the proxy in the meantime
    _press(page, "Rank Chloe Marsh")
    _press(page, "Rank Ana Ortiz")
    page.select_option("#on_behalf_of", str(owners[5].pk))
    services.proxy_revoke(proxy=proxy, actor=owners[5], reason="back")
    page.click("button:has-text('Cast ballot')")
    # Then the refusal is in words, and the ballot is as they left it
    page.wait_for_selector("#ballot-errors")
    page.wait_for_selector(".ranked-ballot.is-enhanced")
    assert _ranking(page) == ["Chloe Marsh", "Ana Ortiz"]
    assert _numbers(page) == ["1", "2"]
    assert _unranked(page) == ["Ben Okafor", "Dev Patel"]
    assert not Ballot.objects.filter(motion=motion).exists()
    assert axe_violations(page) == []
    _shoot(page, "ballot-refused-desktop")
    # And casting it, now for themselves alone, counts that order
    assert page.locator("#on_behalf_of").count() == 0
    _cast(page)
    choices = election["choices"]
    assert Ballot.objects.get(motion=motion).marks == f"{choices['Chloe Marsh']}>{choices['Ana Ortiz']}"


def test_without_the_script_the_ranks_are_typed_as_before(page_without_script, live_server, election):
    motion, choices = election["motion"], election["choices"]
    page = page_without_script
    # Given a member whose browser does not load the ballot's script
    log_in(page, live_server, election["voter"].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/")
    # Then they see a number input per candidate and no buttons to move them
    assert page.locator(".ranked-ballot.is-enhanced").count() == 0
    assert page.locator(f"#rank_{choices['Chloe Marsh']}").is_visible()
    assert page.get_by_role("button", name="Move Ana Ortiz up").count() == 0
    assert axe_violations(page) == []
    _shoot(page, "ballot-without-script-desktop")
    # When they type ranks and cast
    page.fill(f"#rank_{choices['Chloe Marsh']}", "1")
    page.fill(f"#rank_{choices['Ana Ortiz']}", "2")
    _cast(page)
    # Then the ballot counts that order
    assert Ballot.objects.get(motion=motion).marks == f"{choices['Chloe Marsh']}>{choices['Ana Ortiz']}"
