"""Governing documents in a real browser: the Board's editor previews the typed text as members will
read it, and the comparison of two versions lists its changes and jumps from one to the next, on a
desktop and on a phone, with axe-core finding nothing serious."""

import re

import pytest
from playwright.sync_api import expect

from coop import services as coop_services
from coop.models import GoverningDocument
from governance.models import Office
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, cooperative_create, version_propose

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PRESIDENT = "president@example.coop"
# The proposal's changes, in the order they appear in the bylaws: where, the text in force, the text
# proposed, and what the redline marks removed and added there.
CHANGES = [
    ("Section 3.1", "once a year", "twice a year", "once", "twice"),
    ("Section 5.3", "Secretary\ncertifies each", "Secretary\ncertifies and publishes each", None, "and publishes"),
    ("Section 7.2", "more than three consecutive", "more than two consecutive", "three", "two"),
    ("Section 12.2", "and the auditors.", "and the auditors, and to no one else.", None, ", and to no one else"),
]


def _shot(page, name: str) -> None:
    screenshot(page, name)


@pytest.fixture
def bylaws(transactional_db):
    """The shipped bylaws in force, a proposal changing four sections, and the President to read them."""
    cooperative_create()
    gf.bodies()
    gf.officer(Office.Kind.PRESIDENT, gf.owner(shares=1, email=PRESIDENT))
    coop_services.documents_install_templates(actor=None, reason="Setup")
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    text = bylaws.current_version.text
    for _section, old, new, _removed, _added in CHANGES:
        assert old in text
        text = text.replace(old, new, 1)
    version_propose(bylaws, text, summary="Meetings, results, terms and mediation")
    return bylaws


def _in_view(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }",
        selector,
    )


def test_the_board_previews_a_change_without_leaving_the_editor(page, live_server, bylaws):
    # Given the President in the editor of a new version of the bylaws
    log_in(page, live_server, PRESIDENT, PASSWORD)
    page.goto(f"{live_server.url}/admin/coop/governingdocument/{bylaws.pk}/propose/")
    editor = page.get_by_label("Text of the new version (Markdown)")
    preview = page.locator("#doc-preview")
    # The text box is tall, as wide as its column, in a fixed-width font; the preview sits beside it
    box = editor.bounding_box()
    assert box["height"] >= 0.6 * DESKTOP["height"]
    assert box["width"] > 550
    assert "monospace" in editor.evaluate("e => getComputedStyle(e).fontFamily")
    assert preview.bounding_box()["x"] > box["x"] + box["width"]
    assert "once a year" in preview.inner_text()

    # When they type a change and press Preview
    editor.fill(editor.input_value().replace("## Part 3. The General Conference", "## Part 3. The Annual Conference"))
    assert "press Preview" in page.locator("#doc-preview-status").inner_text()
    url = page.url
    page.get_by_role("button", name="Preview").click()
    # Then the preview shows the formatted heading, the page stayed and the typed text is all there
    expect(preview.locator("h2", has_text="Part 3. The Annual Conference")).to_be_visible()
    assert page.url == url
    assert "## Part 3. The Annual Conference" in editor.input_value()
    assert page.locator("#doc-preview-status").inner_text() == "The preview shows the text as typed."
    assert bylaws.versions.count() == 2
    # And scrolling the text box to the changed heading brings the preview along to it
    editor.evaluate(
        "e => { e.scrollTop = (e.value.indexOf('## Part 3.') / e.value.length) * (e.scrollHeight - e.clientHeight); }"
    )
    heading = preview.locator("h2", has_text="Part 3. The Annual Conference")
    expect(heading).to_be_in_viewport()
    pane = preview.bounding_box()
    assert pane["y"] <= heading.bounding_box()["y"] <= pane["y"] + pane["height"] - 20
    assert axe_violations(page) == []
    _shot(page, "docedit-editor-desktop")

    # And on a phone the preview comes below the text box, which still fills most of the screen
    page.set_viewport_size(PHONE)
    box = editor.bounding_box()
    assert preview.bounding_box()["y"] > box["y"] + box["height"]
    assert box["height"] >= 0.6 * PHONE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    _shot(page, "docedit-editor-phone")


def _texts_of(locator) -> list[str]:
    return [" ".join(text.split()) for text in locator.all_inner_texts()]


def _walk_the_changes(page) -> None:
    """Follow the list to the first change, then Next to the last and Previous back, by keyboard."""
    listing = page.locator("#redline-changes")
    assert listing.get_by_role("heading").inner_text() == f"{len(CHANGES)} changes"
    names = listing.get_by_role("link").all_inner_texts()
    assert names == [f"Change {n} of {len(CHANGES)} — {change[0]}" for n, change in enumerate(CHANGES, 1)]
    listing.get_by_role("link", name=names[0]).click()
    assert page.evaluate("location.hash") == "#change-1"
    assert _in_view(page, "#change-1")
    for number in range(2, len(CHANGES) + 1):
        following = page.locator(f"#change-{number - 1}").get_by_role("link", name="Next change")
        following.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"#change-{number}$"))
        assert _in_view(page, f"#change-{number}")
        # Each change shows the words taken out struck through and the words put in underlined,
        # each announced in words as well
        *_texts, removed, added = CHANGES[number - 1]
        change = page.locator(f"#change-{number}")
        assert _texts_of(change.locator("del")) == ([f"removed: {removed}"] if removed else [])
        assert _texts_of(change.locator("ins")) == [f"added: {added}"]
        assert change.locator("del").evaluate_all(
            "ds => ds.every(d => getComputedStyle(d).textDecorationLine === 'line-through')"
        )
        assert change.locator("ins").evaluate("i => getComputedStyle(i).textDecorationLine") == "underline"
    last = page.locator(f"#change-{len(CHANGES)}")
    assert last.get_by_role("link", name="Next change").count() == 0
    last.get_by_role("link", name="Previous change").click()
    assert page.evaluate("location.hash") == f"#change-{len(CHANGES) - 1}"
    page.locator(f"#change-{len(CHANGES) - 1}").get_by_role("link", name="All changes").click()
    assert _in_view(page, "#redline-changes")


def _open_a_folded_stretch(page) -> None:
    folded = page.locator("details.redline-unchanged").first
    assert not folded.locator(".redline-text").is_visible()
    folded.locator("summary").focus()
    page.keyboard.press("Enter")
    assert folded.locator(".redline-text").is_visible()
    folded.locator("summary").click()


def test_the_redline_lists_its_changes_and_jumps_to_each_on_a_desktop(page, live_server, bylaws):
    log_in(page, live_server, PRESIDENT, PASSWORD)
    page.goto(f"{live_server.url}/portal/documents/bylaws/diff/?from=1&to=2")
    # The text is formatted: headings and paragraphs, not Markdown source
    assert page.locator("#change-1 .redline-text p").is_visible()
    assert page.locator(".redline-rendered > .redline-text h2").first.is_visible()
    assert "## Part" not in page.locator(".redline-rendered").inner_text()
    assert axe_violations(page) == []
    _shot(page, "docedit-redline-desktop")
    _walk_the_changes(page)
    _open_a_folded_stretch(page)
    assert axe_violations(page) == []


def test_the_redline_jumps_to_each_change_on_a_phone(browser, live_server, bylaws):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server, PRESIDENT, PASSWORD)
        page.goto(f"{live_server.url}/portal/documents/bylaws/diff/?from=1&to=2")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert axe_violations(page) == []
        _shot(page, "docedit-redline-phone")
        _walk_the_changes(page)
        _open_a_folded_stretch(page)
    finally:
        context.close()


def test_the_admin_redline_walks_the_same_way(page, live_server, bylaws):
    log_in(page, live_server, PRESIDENT, PASSWORD)
    page.goto(f"{live_server.url}/admin/coop/governingdocument/{bylaws.pk}/diff/?from=1&to=2")
    assert axe_violations(page) == []
    _shot(page, "docedit-redline-admin")
    _walk_the_changes(page)
