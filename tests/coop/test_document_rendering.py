"""Markdown becomes sanitised HTML; shipped templates fill in only plain values."""

import pytest
from django.template import TemplateSyntaxError

from coop.documents import MISSING_PLACEHOLDER, fill_placeholders, render_markdown


def test_rendering_keeps_the_structure_of_a_document():
    # Given a text with a heading, a list, emphasis, a table and a link
    text = "# Bylaws\n\n1. **One** item\n2. Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[site](https://example.org)"
    # When it is rendered
    html = render_markdown(text)
    # Then the structure survives
    for fragment in ["<h1>Bylaws</h1>", "<ol>", "<strong>One</strong>", "<table>", "<td>1</td>"]:
        assert fragment in html
    assert 'href="https://example.org"' in html


def test_rendering_strips_script_tags():
    html = render_markdown("Hello\n\n<script>alert('x')</script>\n\nworld")
    assert "<script" not in html
    assert "Hello" in html and "world" in html


def test_rendering_strips_event_handlers():
    html = render_markdown('<p onclick="steal()">Click</p> <img src=x onerror="steal()">')
    assert "onclick" not in html
    assert "onerror" not in html
    assert "<img" not in html
    assert "Click" in html


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt:alert(1)">click</a>',
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_rendering_drops_dangerous_link_targets(text):
    html = render_markdown(text).lower()
    assert "javascript:" not in html
    assert "data:" not in html
    assert "click" in html


def test_rendering_strips_frames_styles_and_forms():
    html = render_markdown('<iframe src="https://evil"></iframe><style>body{}</style><form><input></form>Text')
    for tag in ["<iframe", "<style", "<form", "<input"]:
        assert tag not in html
    assert "Text" in html


def test_placeholders_are_filled_with_plain_values():
    assert fill_placeholders("Par value: {{ par_value }}.", {"par_value": "100.00 points"}) == (
        "Par value: 100.00 points."
    )


def test_an_unknown_placeholder_shows_instead_of_vanishing():
    assert fill_placeholders("Name: {{ nope }}", {}) == "Name: " + MISSING_PLACEHOLDER % "nope"


@pytest.mark.parametrize("source", ['{% include "base.html" %}', "{% load static %}", "{% debug %}"])
def test_placeholders_allow_no_tags_that_reach_files_or_internals(source):
    with pytest.raises(TemplateSyntaxError):
        fill_placeholders(source, {})
