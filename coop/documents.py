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


_HEADING = re.compile(r"<(/?)h([1-6])>")


def render_markdown(text: str, *, top_heading: int = 1) -> SafeString:
    """Return `text` (Markdown) as sanitised HTML, safe to insert into any page. Its headings start
    at `top_heading`: 2 where the page already has its own title as the one <h1>."""
    raw = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    clean = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    if top_heading > 1:
        # nh3 keeps no attribute on a heading, so each heading tag is exactly <hN> or </hN>.
        shift = top_heading - 1
        clean = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", clean)
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
    """The word-level difference between two texts, ready to show: `html` compares the Markdown
    source, `rendered` the formatted text members read."""

    html: SafeString
    words_added: int
    words_removed: int
    changed: bool
    rendered: RenderedRedline


def redline(old: str, new: str) -> Redline:
    """Return the redline from `old` to `new`: removed words in `<del>`, added words in `<ins>`.

    The texts are compared as Markdown source, token by token, and every token is escaped, so
    markup inside a text shows as text and never runs. `rendered` holds the same comparison
    made on the formatted text (see `rendered_redline`).
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
    return Redline(
        html=safe, words_added=added, words_removed=removed, changed=changed, rendered=rendered_redline(old, new)
    )


# ---------------------------------------------------------------------------------------------
# The rendered redline: the formatted text, block by block, then word by word
# ---------------------------------------------------------------------------------------------

# A tag of the sanitised rendering (its quoted attributes may hold ">"), or the text between tags.
_HTML_TOKEN = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+""")
_TAG_NAME = re.compile(r"</?([a-z0-9]+)")
_VOID_TAGS = frozenset({"br", "hr"})
_LISTS = frozenset({"ul", "ol"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# "5.2." at the start of a paragraph: the bylaws number their sections in the text itself.
_SECTION_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?(?:\s|$)")
# Our own marks, told from any <del> or <ins> a document's text may hold by the label they open with.
_MARK = {tag: re.compile(f'<{tag}(?: class="redline-block")?><span class="redline-sr">') for tag in ("del", "ins")}
# Unchanged blocks shown on each side of a change before the rest of a stretch folds away.
CONTEXT_BLOCKS = 1
# Blocks a replaced block may look ahead for its counterpart: keeps a wholesale rewrite quick.
_PAIRING_WINDOW = 6
# How alike (difflib's ratio of their words) two blocks must be to be compared word by word.
_ALIKE = 0.4


@dataclass(frozen=True)
class _Block:
    """One top-level element of a rendering (a heading, a paragraph, a list...), as tokens."""

    tokens: tuple[str, ...]

    @property
    def html(self) -> str:
        return "".join(self.tokens)

    @property
    def name(self) -> str:
        found = _TAG_NAME.match(self.tokens[0])
        return found[1] if found else ""

    @property
    def structure(self) -> tuple[str, ...]:
        return tuple(token for token in self.tokens if token.startswith("<"))

    @property
    def text(self) -> str:
        words = html.unescape("".join(token for token in self.tokens if not token.startswith("<")))
        return " ".join(words.split())


def _blocks(tokens: list[str] | tuple[str, ...]) -> list[_Block]:
    """Split a run of HTML tokens into its top-level elements; text outside any element is a block of its own."""
    blocks: list[_Block] = []
    current: list[str] = []
    depth = 0
    for token in tokens:
        if depth == 0 and not token.startswith("<"):
            if token.strip():
                blocks.append(_Block((token,)))
            continue
        current.append(token)
        if token.startswith("</"):
            depth -= 1
        elif token.startswith("<") and _TAG_NAME.match(token)[1] not in _VOID_TAGS:
            depth += 1
        if depth <= 0:
            blocks.append(_Block(tuple(current)))
            current, depth = [], 0
    if current:
        blocks.append(_Block(tuple(current)))
    return blocks


def _marked(tag: str, text: str) -> str:
    """Return plain `text` escaped inside `<del>` or `<ins>`, labelled for screen readers too."""
    if not text.strip():
        # A change of spacing alone is invisible in formatted text; the added spacing stays.
        return html.escape(text) if tag == "ins" else ""
    label = _("removed:") if tag == "del" else _("added:")
    # The spacing around a change stays outside the mark: the mark covers words, and removed
    # spacing collapses into the spacing kept.
    core = text.strip()
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    marked = f'<{tag}><span class="redline-sr">{html.escape(str(label))} </span>{html.escape(core)}</{tag}>'
    return html.escape(lead) + marked + html.escape(trail)


def _word_redline(old: str, new: str) -> str:
    """Return the escaped word-level redline between two plain texts."""
    a, b = _tokens(old), _tokens(new)
    runs: list[list] = []  # [changed, old text, new text]
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append([op != "equal", "".join(a[a1:a2]), "".join(b[b1:b2])])
    # Spacing kept between two changes joins them, so a rewritten phrase reads as one change.
    for i in range(1, len(runs) - 1):
        if not runs[i][0] and not runs[i][1].strip() and runs[i - 1][0] and runs[i + 1][0]:
            runs[i][0] = True
    merged: list[list] = []
    for run in runs:
        if merged and run[0] and merged[-1][0]:
            merged[-1][1] += run[1]
            merged[-1][2] += run[2]
        else:
            merged.append(run)
    return "".join(
        _marked("del", old_text) + _marked("ins", new_text) if changed else html.escape(old_text)
        for changed, old_text, new_text in merged
    )


def _text_runs(block: _Block) -> tuple[list[str], list[str]]:
    """Return a block's tags and the plain texts around them (one text more than tags)."""
    tags: list[str] = []
    texts: list[str] = []
    pending: list[str] = []
    for token in block.tokens:
        if token.startswith("<"):
            texts.append(html.unescape("".join(pending)))
            tags.append(token)
            pending = []
        else:
            pending.append(token)
    texts.append(html.unescape("".join(pending)))
    return tags, texts


def _whole(block: _Block, tag: str) -> str:
    """Return a block removed (`del`) or added (`ins`) as a whole, keeping its formatting."""
    label = html.escape(str(_("removed:") if tag == "del" else _("added:")))
    sr = f'<span class="redline-sr">{label} </span>'
    kind = "removed" if tag == "del" else "added"
    if block.name == "li":
        # A list admits only items: the mark goes inside the item, its class on the item.
        opening = block.tokens[0].replace("<li", f'<li class="redline-{kind}"', 1)
        return f"{opening}<{tag}>{sr}{''.join(block.tokens[1:-1])}</{tag}>{block.tokens[-1]}"
    return f'<{tag} class="redline-block">{sr}{block.html}</{tag}>'


def _changed_block(old: _Block | None, new: _Block | None) -> str:
    """Return the redline of one block: added, removed, or compared inside."""
    if old is None:
        return _whole(new, "ins")
    if new is None:
        return _whole(old, "del")
    if old.structure == new.structure:
        tags, old_texts = _text_runs(old)
        _tags, new_texts = _text_runs(new)
        parts = [_word_redline(a, b) for a, b in zip(old_texts, new_texts, strict=True)]
        return parts[0] + "".join(tag + part for tag, part in zip(tags, parts[1:], strict=True))
    if old.name in _LISTS and old.tokens[0] == new.tokens[0]:
        # An item added to a list or taken out of it: compare the items, not the whole list.
        inner = _blocks_redline(_blocks(old.tokens[1:-1]), _blocks(new.tokens[1:-1]))
        return old.tokens[0] + "\n".join(inner) + new.tokens[-1]
    return _whole(old, "del") + _whole(new, "ins")


def _similarity(old: _Block, new: _Block) -> float:
    matcher = difflib.SequenceMatcher(None, old.text.split(), new.text.split(), autojunk=False)
    return matcher.ratio() if matcher.real_quick_ratio() >= _ALIKE else 0.0


def _pairs(old: list[_Block], new: list[_Block]) -> list[tuple[_Block | None, _Block | None]]:
    """Pair each replaced block with the most alike replacing one, in document order; the rest stand alone."""
    if len(old) == len(new) == 1:
        # One block in place of one: compared inside, however much it was rewritten.
        return [(old[0], new[0])]
    pairs: list[tuple[_Block | None, _Block | None]] = []
    j = 0
    for block in old:
        candidates = range(j, min(j + _PAIRING_WINDOW, len(new)))
        best = max(candidates, key=lambda k: _similarity(block, new[k]), default=None)
        if best is None or _similarity(block, new[best]) < _ALIKE:
            pairs.append((block, None))
            continue
        pairs.extend((None, added) for added in new[j:best])
        pairs.append((block, new[best]))
        j = best + 1
    pairs.extend((None, added) for added in new[j:])
    return pairs


def _blocks_redline(old: list[_Block], new: list[_Block]) -> list[str]:
    """Return the redline of two lists of blocks, unchanged blocks as they are."""
    out: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, [b.html for b in old], [b.html for b in new], autojunk=False
    ).get_opcodes():
        if op == "equal":
            out.extend(block.html for block in old[a1:a2])
        else:
            out.extend(_changed_block(a, b) for a, b in _pairs(old[a1:a2], new[b1:b2]))
    return out


@dataclass(frozen=True)
class RedlineChange:
    """One place where the texts differ: its number, where it is, and whether text was added, removed or both."""

    number: int
    total: int
    section: str
    kind: str  # "added", "removed" or "changed"
    html: SafeString

    @property
    def anchor(self) -> str:
        return f"change-{self.number}"


@dataclass(frozen=True)
class RedlinePart:
    """A stretch of the rendered redline: unchanged text (folded away when `folded`), or one change."""

    html: SafeString
    change: RedlineChange | None = None
    folded: bool = False
    blocks: int = 0


@dataclass(frozen=True)
class RenderedRedline:
    parts: tuple[RedlinePart, ...]
    changes: tuple[RedlineChange, ...]

    @property
    def html(self) -> SafeString:
        """Return every part in one piece, each change in an element carrying its anchor."""
        pieces = [
            f'<div class="redline-change" id="{part.change.anchor}" data-section="{html.escape(part.change.section)}">'
            f"{part.change.html}</div>"
            if part.change
            else part.html
            for part in self.parts
        ]
        return mark_safe("\n".join(pieces))  # noqa: S308  (built only from the safe parts)


def _section(blocks: list[_Block], heading: str) -> str:
    """Name where a change is: the section number its first block opens with, its heading, or the one above."""
    first = blocks[0]
    numbered = _SECTION_NUMBER.match(first.text)
    if numbered:
        return str(_("Section %(number)s") % {"number": numbered[1]})
    if first.name in _HEADINGS:
        return first.text
    return heading or str(_("Opening text"))


def _unchanged(blocks: list[_Block], *, before_change: bool, after_change: bool) -> list[RedlinePart]:
    """Return a stretch of unchanged blocks, all but the few next to a change folded away."""
    keep_head = CONTEXT_BLOCKS if after_change else 0
    keep_tail = CONTEXT_BLOCKS if before_change else 0
    if len(blocks) - keep_head - keep_tail < 2:
        return [RedlinePart(html=mark_safe("\n".join(b.html for b in blocks)))]  # noqa: S308
    head, folded, tail = (
        blocks[:keep_head],
        blocks[keep_head : len(blocks) - keep_tail],
        blocks[len(blocks) - keep_tail :],
    )
    parts = [RedlinePart(html=mark_safe("\n".join(b.html for b in head)))] if head else []  # noqa: S308
    parts.append(RedlinePart(html=mark_safe("\n".join(b.html for b in folded)), folded=True, blocks=len(folded)))  # noqa: S308
    if tail:
        parts.append(RedlinePart(html=mark_safe("\n".join(b.html for b in tail))))  # noqa: S308
    return parts


def rendered_redline(old: str, new: str) -> RenderedRedline:
    """Return the redline from `old` to `new` on the formatted text members read.

    Both texts go through `render_markdown` (so through its sanitiser); their top-level blocks are
    compared, then the words inside a changed block whose formatting stayed the same. Every text
    is escaped again after comparison: the only new markup is our own `<del>`, `<ins>` and labels.
    Long unchanged stretches are folded away; each change is numbered and named by its section.
    """
    old_blocks = _blocks(_HTML_TOKEN.findall(render_markdown(old)))
    new_blocks = _blocks(_HTML_TOKEN.findall(render_markdown(new)))
    opcodes = difflib.SequenceMatcher(
        None, [b.html for b in old_blocks], [b.html for b in new_blocks], autojunk=False
    ).get_opcodes()
    total = sum(1 for op, *_rest in opcodes if op != "equal")
    parts: list[RedlinePart] = []
    changes: list[RedlineChange] = []
    heading = ""
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            stretch = new_blocks[b1:b2]
            parts.extend(_unchanged(stretch, before_change=index < len(opcodes) - 1, after_change=index > 0))
        else:
            pieces = [_changed_block(a, b) for a, b in _pairs(old_blocks[a1:a2], new_blocks[b1:b2])]
            marks = "".join(pieces)
            removes, adds = _MARK["del"].search(marks), _MARK["ins"].search(marks)
            kind = "changed" if removes and adds else "removed" if removes else "added"
            section = _section(new_blocks[b1:b2] or old_blocks[a1:a2], heading)
            change = RedlineChange(
                number=len(changes) + 1,
                total=total,
                section=section,
                kind=kind,
                html=mark_safe("\n".join(pieces)),  # noqa: S308  (escaped text and sanitised tags only)
            )
            changes.append(change)
            parts.append(RedlinePart(html=change.html, change=change))
            stretch = new_blocks[b1:b2]
        headings = [b.text for b in stretch if b.name in _HEADINGS]
        heading = headings[-1] if headings else heading
    return RenderedRedline(parts=tuple(parts), changes=tuple(changes))


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
    language: str = "en"

    def source(self) -> str:
        """Return the template's text in its language: its own edition where one ships (for example
        `document_templates/es/bylaws.md`), else the English original."""
        edition = TEMPLATES_DIR / self.language / self.filename
        path = edition if self.language != "en" and edition.is_file() else TEMPLATES_DIR / self.filename
        return path.read_text(encoding="utf-8")


def shipped_templates(language: str = "en") -> list[ShippedTemplate]:
    """Return the templates the platform ships, in the order they are installed, in `language`
    (titles are translated when read under that language)."""
    shipped = [
        (
            "articles",
            Doc.Kind.ARTICLES,
            _("Articles of Incorporation"),
            Doc.Threshold.AMENDMENT,
            "articles_of_incorporation.md",
        ),
        ("bylaws", Doc.Kind.BYLAWS, _("Bylaws"), Doc.Threshold.AMENDMENT, "bylaws.md"),
        (
            "master-staffing-agreement",
            Doc.Kind.MASTER_STAFFING_AGREEMENT,
            _("Master Staffing Agreement"),
            Doc.Threshold.MAJORITY,
            "master_staffing_agreement.md",
        ),
        ("business-plan", Doc.Kind.BUSINESS_PLAN, _("Business Plan"), Doc.Threshold.MAJORITY, "business_plan.md"),
    ]
    return [ShippedTemplate(*fields, language=language) for fields in shipped]


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
