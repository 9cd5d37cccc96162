"""The redline between two texts marks removed and added words and escapes everything else."""

import pytest
from django.core.exceptions import ValidationError

from coop import selectors
from coop.documents import redline
from tests.factories.coop import document_create, version_adopt, version_propose


def test_redline_marks_insertions_and_deletions():
    # Given a sentence where one word is replaced and one is added
    result = redline("The Board meets monthly.", "The Board meets weekly in public.")
    # Then the old word is deleted and the new words inserted, the rest kept as is
    assert "<del>monthly</del>" in result.html
    assert "<ins>weekly in public</ins>" in result.html
    assert result.html.startswith("The Board meets ")
    assert (result.words_added, result.words_removed, result.changed) == (3, 1, True)


def test_redline_of_identical_texts_marks_nothing():
    result = redline("Same text.", "Same text.")
    assert "<ins>" not in result.html and "<del>" not in result.html
    assert (result.words_added, result.words_removed, result.changed) == (0, 0, False)


def test_redline_escapes_markup_in_both_texts():
    # Given texts that carry HTML
    result = redline('Hello <b>old</b> & "x"', "Hello <script>alert(1)</script> & 'y'")
    # Then no tag but <del> and <ins> reaches the page
    assert "<script>" not in result.html
    assert "<b>" not in result.html
    assert "&lt;" in result.html and "&gt;" in result.html
    assert "&amp;" in result.html
    stripped = result.html.replace("<del>", "").replace("</del>", "").replace("<ins>", "").replace("</ins>", "")
    assert "<" not in stripped


def test_redline_counts_words_not_spaces_or_punctuation():
    result = redline("One, two.", "One, two, three!")
    assert result.words_added == 1
    assert result.words_removed == 0


def test_any_two_versions_can_be_compared_in_either_direction(cooperative):
    # Given a document with three versions
    document = document_create(text="Alpha beta.")
    second = version_propose(document, "Alpha beta gamma.")
    version_adopt(second)
    version_propose(document, "Alpha gamma delta.")
    # When version 1 is compared with version 3, and back
    _old, _new, forward = selectors.document_redline(document=document, from_number=1, to_number=3)
    _old, _new, backward = selectors.document_redline(document=document, from_number=3, to_number=1)
    # Then each direction shows the other's additions as removals
    assert "<del>beta</del>" in forward.html
    assert "<ins>gamma delta</ins>" in forward.html
    assert (forward.words_added, forward.words_removed) == (backward.words_removed, backward.words_added)


@pytest.mark.parametrize(("from_number", "to_number", "field"), [(9, 1, "from"), (1, "x", "to"), (None, 1, "from")])
def test_comparing_a_missing_version_names_the_field(cooperative, from_number, to_number, field):
    document = document_create(text="Alpha.")
    with pytest.raises(ValidationError) as error:
        selectors.document_redline(document=document, from_number=from_number, to_number=to_number)
    assert field in error.value.message_dict
