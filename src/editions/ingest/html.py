"""HTML: congress.gov body fragments, full crs.gov pages with their site chrome, and unknown pages.

Parsed with selectolax (lexbor). Scripts, styles, navigation, forms and other chrome are removed before any
text is read. The content root is the report container when the page is a CRS page, else `<main>`/`<article>`,
else the element holding the most paragraph text (a text-density heuristic). The tree is walked without
recursion, so a page of 100,000 nested `<div>`s costs memory, not the Python stack: block elements end
paragraphs, `<h1>`–`<h6>` are headings with their level, `<li>` list items with their nesting depth, `<table>`
a table (rows on lines, cells joined by " | "), an element named for footnotes or endnotes (class, id or ARIA role)
footnote blocks; footnote marks (`<sup>` holding a number, or a table note's letter) are dropped, as the PDF
reader drops them. Inline nodes are joined as they stand: the spaces in the text are the page's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from editions.errors import InputError
from editions.ingest import Parsed, decode
from editions.ingest.metadata import REPORT_NUMBER, parse_date, stated_url
from editions.model import BlockKind, Metadata, RawBlock

_CHROME = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "img",
    "picture",
    "map",
    "link",
    "meta",
    "title",
    "head",
]
_CHROME_SELECTORS = (
    "[role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true], "
    ".hidden-print, .sr-only, .visually-hidden, .modal, .breadcrumb, .navbar, #crs-header-container, "
    "#crs-navbar, #crs-search-panel, #panel-footer-container"
)
_ROOTS = ("#reportDiv", "#dvContainer", "main", "article", "[role=main]", "#main-content", "#content", "#main")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "tr",
        "td",
        "th",
        "caption",
        *_HEADINGS,
    ]
)
_SPACES = re.compile(r"\s+")


MAX_DEPTH = 256
"""Elements nested deeper than this are unwrapped before parsing: an HTML5 tree builder spends time
proportional to the depth on every tag (100,000 nested `<div>`s take lexbor half a minute)."""
# A tag's inside holds no "<": an unclosed "<a href=" then fails where the next tag starts instead of scanning to
# the end of the text from every such opening (quadratic).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)


def read(data: bytes, label: str) -> Parsed:
    text, warnings = decode(data, label)
    text, unwrapped = _flatten(text)
    if unwrapped:
        warnings.append(f"{label}: {unwrapped} elements nested deeper than {MAX_DEPTH} levels were unwrapped.")
    tree = LexborHTMLParser(text)
    del text
    meta = _page_metadata(tree)
    tree.strip_tags(_CHROME)
    for node in tree.css(_CHROME_SELECTORS):
        node.decompose()
    root = _content_root(tree)
    if root is None:
        raise InputError(f"{label} is an HTML page without any text.")
    blocks = list(_blocks(root))
    if not blocks:
        raise InputError(f"{label} is an HTML page without any text in its body.")
    return Parsed(blocks, meta.merged(_date_line(blocks)), warnings)


_DATE_LINE = re.compile(
    r"^(?:(?:Updated|Revised)\s+)?(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*\((?P<report>"
    + REPORT_NUMBER.pattern
    + r")\)"
)


def _date_line(blocks: list[RawBlock]) -> Metadata:
    """congress.gov prints "March 12, 2026 (IN12668)" under the title, with "Updated" only for later versions."""
    for i, block in enumerate(blocks[:6]):
        if m := _DATE_LINE.match(block.text):
            title = blocks[i - 1].text if i and len(blocks[i - 1].text) < 300 else None
            return Metadata(report=m.group("report"), date=parse_date(m.group("date")), title=title)
    return Metadata()


def _flatten(text: str) -> tuple[str, int]:
    """The markup with tags beyond MAX_DEPTH removed (their text kept), and how many were removed."""
    depth = 0
    deepest = 0
    for m in _TAG.finditer(text):
        if m.group(2).lower() in _VOID or m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        deepest = max(deepest, depth)
    if deepest <= MAX_DEPTH:
        return text, 0
    out: list[str] = []
    last = 0
    depth = 0
    removed = 0
    for m in _TAG.finditer(text):
        if m.group(2).lower() in _VOID or m.group(3):
            continue
        closing = bool(m.group(1))
        too_deep = (depth if closing else depth + 1) > MAX_DEPTH
        depth += -1 if closing else 1
        if too_deep:
            out.append(text[last : m.start()])
            last = m.end()
            removed += 1
    out.append(text[last:])
    return "".join(out), removed // 2


def _page_metadata(tree: LexborHTMLParser) -> Metadata:
    report = None
    for name in ("X-CRS-ProdCode", "x-crs-prodcode"):
        node = tree.css_first(f'meta[name="{name}"]')
        if node is not None and (value := node.attributes.get("content")) and REPORT_NUMBER.fullmatch(value):
            report = value
    title_node = tree.css_first("#Rtitle") or tree.css_first("title")
    title = _SPACES.sub(" ", title_node.text()).strip() if title_node is not None else None
    date = None
    date_node = tree.css_first("#Rdate")
    if date_node is not None:
        date = parse_date(date_node.text())
    return Metadata(report=report, title=title or None, date=date, url=_page_url(tree))


def _page_url(tree: LexborHTMLParser) -> str | None:
    """The address the page names as its own: its canonical link, else its Open Graph URL."""
    for selector, attribute in (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")):
        node = tree.css_first(selector)
        if node is not None and (url := stated_url(node.attributes.get(attribute))) is not None:
            return url
    return None


def _content_root(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in _ROOTS:
        node = tree.css_first(selector)
        if node is not None and len(node.text(strip=True)) > 200:
            return node
    body = tree.body
    if body is None:
        return tree.root
    dense = _densest(body)
    if dense is None or len(dense.text(strip=True)) >= 0.8 * len(body.text(strip=True)):
        return body  # a fragment, or a page whose chrome is already gone: keep its title and date lines
    return dense


def _densest(body: LexborNode) -> LexborNode | None:
    """The element whose paragraphs hold most of the page's text, when the body mixes it with chrome."""
    scores: dict[int, tuple[float, LexborNode]] = {}
    total = 0.0
    for p in body.css("p, pre, li, td, h1, h2, h3, h4, h5, h6"):
        length = len(p.text(strip=True))
        total += length
        parent = p.parent
        weight = 1.0
        for _ in range(3):
            if parent is None:
                break
            key = parent.mem_id
            old = scores.get(key, (0.0, parent))[0]
            scores[key] = (old + length * weight, parent)
            parent = parent.parent
            weight /= 2
    if not scores or total == 0:
        return None
    score, node = max(scores.values(), key=lambda item: item[0])
    return node if score >= 0.5 * total else None


def _inline_text(parts: list[str]) -> str:
    return _SPACES.sub(" ", "".join(parts)).strip()


def _blocks(root: LexborNode) -> Iterator[RawBlock]:
    """Walk the tree iteratively; block boundaries flush the inline text gathered so far."""
    parts: list[str] = []
    kinds: list[tuple[BlockKind, int]] = []  # the block context: paragraph, list item, heading
    list_depth = 0
    notes_depth = 0  # inside a footnote or endnote list
    # The stack holds nodes to enter, and markers (None, tag) for leaving a block element.
    stack: list[tuple[LexborNode | None, str]] = [(root, "")]

    def flush() -> Iterator[RawBlock]:
        text = _inline_text(parts)
        parts.clear()
        if text:
            kind, level = kinds[-1] if kinds else (BlockKind.PARAGRAPH, 0)
            if notes_depth and kind is not BlockKind.HEADING:
                kind, level = BlockKind.FOOTNOTE, 0
            yield RawBlock(kind, text, level)

    while stack:
        node, leaving = stack.pop()
        if node is None:
            yield from flush()
            if leaving.startswith(_NOTES_LEAVING):
                notes_depth -= 1
                leaving = leaving[len(_NOTES_LEAVING) :]
            if leaving in ("ul", "ol"):
                list_depth -= 1
            elif leaving in _HEADINGS or leaving == "li":
                kinds.pop()
            continue
        tag = node.tag or ""
        if tag == "-text":
            parts.append(node.text_content or "")
            continue
        if tag.startswith("-") or tag in _CHROME:
            continue
        if tag == "sup" and _is_note_mark(node):
            continue
        if tag == "br":
            parts.append(" ")
            continue
        if tag == "table":
            yield from flush()
            table = _table(node)
            if table and notes_depth:
                # A note list set as a table, a row a note: "1. | Text of the note."
                yield from (RawBlock(BlockKind.FOOTNOTE, row.replace(" | ", " ", 1)) for row in table.split("\n"))
            elif table:
                yield RawBlock(BlockKind.TABLE, table)
            continue
        block = tag in _BLOCKS
        if block:
            yield from flush()
            if _is_notes_list(node):
                notes_depth += 1
                stack.append((None, _NOTES_LEAVING + tag))
            else:
                stack.append((None, tag))
            if tag in _HEADINGS:
                kinds.append((BlockKind.HEADING, _HEADINGS[tag]))
            elif tag == "li":
                kinds.append((BlockKind.LIST_ITEM, max(list_depth - 1, 0)))
            elif tag in ("ul", "ol"):
                list_depth += 1
        children = []
        child = node.first_child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, "") for c in reversed(children))
    yield from flush()


_NOTES_LEAVING = "notes:"
_NOTES_NAME = re.compile(r"(?:foot|end)notes?(?![a-z])|\bfn-?list\b", re.I)
_NOTES_ROLE = frozenset(["doc-endnotes", "doc-footnotes"])


def _is_notes_list(node: LexborNode) -> bool:
    """Whether a block element holds a page's footnotes or endnotes, by its class, id or ARIA role
    ("Footnotes", "footnotes", "endnotes", role="doc-endnotes")."""
    attributes = node.attributes
    if attributes.get("role") in _NOTES_ROLE:
        return True
    name = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
    return bool(_NOTES_NAME.search(name))


def _table(node: LexborNode) -> str:
    rows = []
    for tr in node.css("tr"):
        cells = [_cell_text(cell) for cell in tr.css("td, th")]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _cell_text(cell: LexborNode) -> str:
    """A table cell's text as the page shows it. Inline nodes are joined as they stand ("https://…/harbor-news/
    2034/07/", "31<sup>st</sup>", "Gazette</em>,"): the spaces are the document's own; only a block inside the cell (its
    paragraphs, a line break) parts words. Footnote and table-note marks are dropped, as in body text."""
    parts: list[str] = []
    stack: list[LexborNode | str] = [cell]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        tag = item.tag or ""
        if tag == "-text":
            parts.append(item.text_content or "")
            continue
        if (tag.startswith("-") and item is not cell) or tag in _CHROME or (tag == "sup" and _is_note_mark(item)):
            continue
        if tag == "br":
            parts.append(" ")
            continue
        if item is not cell and tag in _BLOCKS:
            parts.append(" ")
            stack.append(" ")
        children = []
        child = item.first_child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend(reversed(children))
    return _inline_text(parts)


_FOOTNOTE_MARK = re.compile(r"\s*\[?\d{1,3}\]?\s*")
_NOTE_LETTER = re.compile(r"\s*[a-z]\s*")


def _is_note_mark(sup: LexborNode) -> bool:
    """Whether a `<sup>` is a footnote mark ("1", "[12]") or a table note's letter linked to its note ("a"),
    which readers skip; an ordinal's suffix ("th", "2<sup>d</sup>") is text."""
    text = sup.text() or ""
    if not text.strip() or _FOOTNOTE_MARK.fullmatch(text):
        return True
    if not _NOTE_LETTER.fullmatch(text):
        return False
    parent = sup.parent
    in_link = parent is not None and parent.tag == "a" and (parent.attributes.get("href") or "").startswith("#")
    return in_link or text.strip() != "d"
