"""Turning governing documents into safe HTML: Markdown rendering, the redline between two
texts, and the shipped templates filled in with the cooperative's own data.

Every function here is pure (no database writes); services and selectors call them.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import nh3
from django.template import Context, Engine
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .models import GoverningDocument as Doc

TEMPLATES_DIR = Path(__file__).resolve().parent / "document_templates"

LAWYER_NOTICE = _(
    "These documents began as templates shipped with the platform. A licensed lawyer in the "
    "cooperative's state must review them before they are filed, signed or relied upon."
)

# What a governing document may contain once rendered: structure and emphasis, never scripts,
# styles, forms, frames, images or event handlers.
ALLOWED_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6"}
    | {"p", "blockquote", "pre", "hr", "br", "ul", "ol", "li", "dl", "dt", "dd"}
    | {"a", "abbr", "code", "em", "strong", "sub", "sup", "del", "ins"}
    | {"table", "thead", "tbody", "tfoot", "tr", "th", "td"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def render_markdown(text: str) -> SafeString:
    """Return `text` (Markdown) as sanitised HTML, safe to insert into any page."""
    raw = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    clean = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308  (nh3 has just removed everything not allowed above)


# ---------------------------------------------------------------------------------------------
# Redline
# ---------------------------------------------------------------------------------------------

# Words (letters, digits, inner apostrophes and hyphens), runs of whitespace, or single marks:
# joined back together, the tokens give the text exactly.
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|\s+|[^\w\s]", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall((text or "").replace("\r\n", "\n"))


def _word_count(tokens: list[str]) -> int:
    return sum(1 for token in tokens if token[0].isalnum() or token[0] == "_")


@dataclass(frozen=True)
class Redline:
    """The word-level difference between two texts, ready to show."""

    html: SafeString
    words_added: int
    words_removed: int
    changed: bool


def redline(old: str, new: str) -> Redline:
    """Return the redline from `old` to `new`: removed words in `<del>`, added words in `<ins>`.

    The texts are compared as Markdown source, token by token, and every token is escaped, so
    markup inside a text shows as text and never runs.
    """
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts: list[str] = []
    added = removed = 0
    changed = False
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape("".join(a[a1:a2])))
            continue
        changed = True
        if op in ("delete", "replace"):
            parts.append(f"<del>{html.escape(''.join(a[a1:a2]))}</del>")
            removed += _word_count(a[a1:a2])
        if op in ("insert", "replace"):
            parts.append(f"<ins>{html.escape(''.join(b[b1:b2]))}</ins>")
            added += _word_count(b[b1:b2])
    # Every piece was escaped above: the only markup is our own <del> and <ins>.
    safe = mark_safe("".join(parts))  # noqa: S308
    return Redline(html=safe, words_added=added, words_removed=removed, changed=changed)


# ---------------------------------------------------------------------------------------------
# Shipped templates
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShippedTemplate:
    slug: str
    kind: str
    title: str
    adoption_threshold: str
    filename: str

    def source(self) -> str:
        return (TEMPLATES_DIR / self.filename).read_text(encoding="utf-8")


def shipped_templates() -> list[ShippedTemplate]:
    """Return the templates the platform ships, in the order they are installed."""
    return [
        ShippedTemplate(
            "articles",
            Doc.Kind.ARTICLES,
            "Articles of Incorporation",
            Doc.Threshold.AMENDMENT,
            "articles_of_incorporation.md",
        ),
        ShippedTemplate("bylaws", Doc.Kind.BYLAWS, "Bylaws", Doc.Threshold.AMENDMENT, "bylaws.md"),
        ShippedTemplate(
            "master-staffing-agreement",
            Doc.Kind.MASTER_STAFFING_AGREEMENT,
            "Master Staffing Agreement",
            Doc.Threshold.MAJORITY,
            "master_staffing_agreement.md",
        ),
        ShippedTemplate(
            "business-plan", Doc.Kind.BUSINESS_PLAN, "Business Plan", Doc.Threshold.MAJORITY, "business_plan.md"
        ),
    ]


# A placeholder the context does not know shows up plainly instead of vanishing from a legal text.
MISSING_PLACEHOLDER = "[MISSING: %s]"


class _PlaceholderEngine(Engine):
    # Variables and filters only: no tags at all, so no {% include %}, {% load %} or {% debug %}.
    default_builtins = ["django.template.defaultfilters"]


# No autoescape: the output is Markdown, sanitised when it is rendered to HTML.
_ENGINE = _PlaceholderEngine(
    dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, string_if_invalid=MISSING_PLACEHOLDER
)


def fill_placeholders(source: str, values: dict[str, str]) -> str:
    """Return `source` with `{{ placeholder }}` replaced from `values`, plain strings only.

    Only shipped templates pass through here, and the context holds strings, so no template
    can reach a model, a method or a file.
    """
    plain = {key: str(value) for key, value in values.items()}
    return _ENGINE.from_string(source).render(Context(plain, autoescape=False))
