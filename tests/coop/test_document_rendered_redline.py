"""The rendered redline shows the formatted text with removals and additions marked, numbers each
change and names its section, folds long unchanged stretches away and lets no markup through."""

from coop.documents import CONTEXT_BLOCKS, rendered_redline

BYLAWS = """# Bylaws

## Part 1. General provisions

1.1. These Bylaws govern the Cooperative.

1.2. Words used here have their plain meaning.

## Part 2. Membership

2.1. Any natural person may apply.

2.2. A new member is a provisional owner for 90 days.

2.3. Members vote on:

- the pay bands
- the share caps
- the bonus formulas

## Part 3. The General Conference

3.1. The General Conference meets once a year.

3.2. It alone may amend these Bylaws.

3.3. Notice is sent seven days before a vote.
"""


def _changed(old: str, new: str, count: int = 1):
    result = rendered_redline(old, new)
    assert len(result.changes) == count
    return result


def test_a_changed_word_is_marked_inside_the_formatted_paragraph():
    # Given a version where one figure of a numbered section changes
    result = _changed(BYLAWS, BYLAWS.replace("for 90 days", "for 180 days"))
    change = result.changes[0]
    # Then the paragraph keeps its formatting and only the figure is struck and replaced, each labelled
    assert change.html.startswith("<p>2.2. A new member is a provisional owner for ")
    assert '<del><span class="redline-sr">removed: </span>90</del>' in change.html
    assert '<ins><span class="redline-sr">added: </span>180</ins>' in change.html
    assert change.html.endswith(" days.</p>")
    assert (change.number, change.total, change.kind, change.section) == (1, 1, "changed", "Section 2.2")


def test_a_rewritten_phrase_reads_as_one_removal_and_one_addition():
    result = _changed(BYLAWS, BYLAWS.replace("meets once a year", "meets twice every year"))
    html = result.changes[0].html
    assert html.count("<del>") == 1 and html.count("<ins>") == 1
    assert "removed: </span>once a</del>" in html
    assert "added: </span>twice every</ins>" in html


def test_words_only_added_to_a_paragraph_make_an_addition():
    result = _changed(BYLAWS, BYLAWS.replace("may apply", "may apply in writing"))
    assert result.changes[0].kind == "added"
    assert "<del" not in result.changes[0].html


def test_an_added_paragraph_is_marked_as_a_whole_with_its_formatting():
    # Given a new section with emphasis, added after 3.2
    new = BYLAWS.replace("3.3. Notice", "3.2a. Meetings may be held **remotely**.\n\n3.3. Notice")
    result = _changed(BYLAWS, new)
    change = result.changes[0]
    # Then it is one added block that keeps its bold text, named by the heading above it
    assert change.html == (
        '<ins class="redline-block"><span class="redline-sr">added: </span>'
        "<p>3.2a. Meetings may be held <strong>remotely</strong>.</p></ins>"
    )
    assert (change.kind, change.section) == ("added", "Part 3. The General Conference")


def test_a_removed_heading_is_marked_as_removed_and_names_itself():
    result = _changed(BYLAWS, BYLAWS.replace("## Part 2. Membership\n\n", ""))
    change = result.changes[0]
    assert change.html.startswith('<del class="redline-block"><span class="redline-sr">removed: </span><h2>')
    assert (change.kind, change.section) == ("removed", "Part 2. Membership")


def test_an_item_added_to_a_list_marks_that_item_only():
    result = _changed(BYLAWS, BYLAWS.replace("- the share caps\n", "- the share caps\n- the dues\n"))
    html = result.changes[0].html
    # Then the list stays one list; the other items are unmarked
    assert html.startswith("<ul>") and html.endswith("</ul>")
    assert '<li class="redline-added"><ins><span class="redline-sr">added: </span>the dues</ins></li>' in html
    assert "<li>the pay bands</li>" in html and "<li>the bonus formulas</li>" in html


def test_changes_are_numbered_in_order_with_their_anchors():
    # Given three separate changes
    new = BYLAWS.replace("govern the Cooperative", "govern this Cooperative")
    new = new.replace("90 days", "120 days").replace("seven days", "ten days")
    result = _changed(BYLAWS, new, count=3)
    # Then each is numbered out of three, with an anchor and its section
    assert [(c.number, c.total, c.anchor, c.section) for c in result.changes] == [
        (1, 3, "change-1", "Section 1.1"),
        (2, 3, "change-2", "Section 2.2"),
        (3, 3, "change-3", "Section 3.3"),
    ]
    # And the one-piece HTML carries each anchor around its change
    assert 'id="change-2" data-section="Section 2.2"' in result.html


def test_a_change_before_any_heading_is_in_the_opening_text():
    result = _changed("Preamble.\n\n# Title", "A new preamble.\n\n# Title")
    assert result.changes[0].section == "Opening text"


def test_long_unchanged_stretches_fold_away_keeping_the_context_of_each_change():
    # Given a change in the middle of the bylaws
    result = _changed(BYLAWS, BYLAWS.replace("90 days", "180 days"))
    kinds = [("change" if p.change else "folded" if p.folded else "shown", p.blocks) for p in result.parts]
    # Then what comes before folds away but the block right above, and the same after the change
    assert kinds == [("folded", 5), ("shown", 0), ("change", 0), ("shown", 0), ("folded", 5)]
    shown_before, shown_after = result.parts[1].html, result.parts[3].html
    assert shown_before == "<p>2.1. Any natural person may apply.</p>"
    assert shown_after == "<p>2.3. Members vote on:</p>"
    assert CONTEXT_BLOCKS == 1
    # And nothing is lost: the folded stretches hold the rest of the text
    assert "<h1>Bylaws</h1>" in result.parts[0].html
    assert "<p>3.3. Notice is sent seven days before a vote.</p>" in result.parts[4].html


def test_a_short_unchanged_stretch_between_changes_stays_open():
    new = BYLAWS.replace("Any natural person", "Any person").replace("2.3. Members vote on", "2.3. Owners vote on")
    result = _changed(BYLAWS, new, count=2)
    first, second = (i for i, part in enumerate(result.parts) if part.change)
    # Then the one paragraph between the two changes is shown, not folded
    assert second - first == 2
    between = result.parts[first + 1]
    assert not between.folded and between.html == "<p>2.2. A new member is a provisional owner for 90 days.</p>"


def test_identical_texts_have_no_change_and_fold_whole():
    result = rendered_redline(BYLAWS, BYLAWS)
    assert result.changes == ()
    assert [p.folded for p in result.parts] == [True]


def test_markup_in_either_text_is_sanitised_and_text_stays_escaped():
    # Given texts carrying scripts, handlers and characters that mean markup
    old = "Fees & dues < 10 points.\n\n<img src=x onerror=steal()>Plain."
    new = 'Fees & dues < 20 points.\n\n<script>alert(1)</script><a href="javascript:steal()">Plain</a>.'
    result = rendered_redline(old, new)
    html = str(result.html)
    # Then nothing runs, and the characters still read as text
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html and "<img" not in html
    assert "Fees &amp; dues &lt; " in html
    assert "added: </span>20</ins>" in html


def test_a_section_name_with_markup_is_plain_text():
    result = _changed("# A <b>bold</b> & title\n\nText.", "# A <b>bold</b> & title\n\nNew text.")
    assert result.changes[0].section == "A bold & title"
    assert 'data-section="A bold &amp; title"' in result.html
