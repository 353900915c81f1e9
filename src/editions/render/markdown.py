"""An Edition as clean Markdown: a metadata header, then the text as a reader reads it.

Headings keep their levels (shifted one down when the document uses level 1, so the title stays the only `#`),
tables become GFM tables, captions are italic, list items are bullets. Page furniture (the date line, author
lines, the disclaimer, web-page chrome) is set apart at the end under "Furniture", or left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from editions.model import Block, BlockKind, Edition

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<])")
# What would turn the start of a line into markup: headings, quotes, list markers, thematic breaks.
_LINE_START_SPECIAL = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|[-=]+\s*$|(\d{1,9})([.)])(?=\s|$))")


def render_edition(edition: Edition, *, furniture: bool = True) -> str:
    """The edition as Markdown, ending in a newline. `furniture=False` leaves page furniture out."""
    parts = [*_header(edition)]
    shift = 1 if any(b.kind is BlockKind.HEADING and b.level <= 1 for b in edition.blocks) else 0
    body: list[str] = []
    list_run: list[str] = []  # consecutive list items are one list, without blank lines between them
    for block in edition.blocks:
        if block.kind in (BlockKind.TITLE, BlockKind.BOILERPLATE):
            continue
        text = edition.text_of(block)
        if block.kind is BlockKind.LIST_ITEM:
            list_run.append("  " * max(block.level, 0) + "- " + escape(text, line_start=False))
            continue
        if list_run:
            body.append("\n".join(list_run))
            list_run = []
        body.append(_block(block, text, shift))
    if list_run:
        body.append("\n".join(list_run))
    parts.extend(body)
    if furniture:
        parts.extend(_furniture(edition))
    return "\n\n".join(parts) + "\n"


def escape(text: str, *, line_start: bool = True) -> str:
    """Text with the characters Markdown would read as markup escaped; `$` and `|` are left as they are."""
    out = _INLINE_SPECIAL.sub(r"\\\1", text)
    if line_start:
        out = "\n".join(_escape_line_start(line) for line in out.split("\n"))
    return out


def _escape_line_start(line: str) -> str:
    m = _LINE_START_SPECIAL.match(line)
    if not m:
        return line
    lead, marker = m.group(1), m.group(2)
    # "1. " → "1\. ", "# " → "\# "
    escaped = m.group(3) + "\\" + m.group(4) if m.group(3) else "\\" + marker
    return lead + escaped + line[m.end() :]


def _header(edition: Edition) -> list[str]:
    title = edition.title or (edition.source.name or "Untitled edition")
    lines = [f"# {escape(title, line_start=False)}"]
    facts = []
    if edition.report:
        facts.append(f"**Report:** {escape(edition.report)}")
    if edition.product:
        facts.append(f"**Product:** {escape(edition.product)}")
    if edition.date:
        facts.append(f"**Date:** {edition.date.isoformat()}")
    if edition.version is not None:
        facts.append(f"**Version:** {edition.version}")
    meta = []
    if facts:
        meta.append(" · ".join(facts))
    if edition.authors:
        names = [
            escape(a.name, line_start=False) + (f" ({escape(a.role, line_start=False)})" if a.role else "")
            for a in edition.authors
        ]
        meta.append("**Authors:** " + "; ".join(names))
    source = edition.source.name or "bytes"
    meta.append(f"**Source:** {escape(source, line_start=False)} ({edition.source.format})")
    if edition.source.url:  # an autolink: the address is shown as written and is not read as Markdown
        meta.append(f"**Published at:** <{edition.source.url}>")
    # Two trailing spaces: a hard line break, so the header reads as lines, not one run-on paragraph.
    lines.append("  \n".join(meta))
    return lines


def _block(block: Block, text: str, shift: int) -> str:
    kind = block.kind
    if kind is BlockKind.HEADING:
        level = min(max(block.level, 1) + shift, 6)
        return "#" * level + " " + escape(" ".join(text.split()), line_start=False)
    if kind is BlockKind.TABLE:
        return table(text)
    if kind is BlockKind.CAPTION:
        return _italic(text)
    return escape(text)


def _italic(text: str) -> str:
    # One line, so the emphasis is not broken by a paragraph break inside it.
    return "*" + escape(" ".join(text.split()), line_start=False) + "*"


def table(text: str) -> str:
    """A table block (one row a line, cells separated by " | ") as a GFM table; the first row is the header."""
    rows = [[_cell(c) for c in row.split(" | ")] for row in text.split("\n") if row.strip()]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = [_row(rows[0]), _row(["---"] * width)]
    lines.extend(_row(r) for r in rows[1:])
    return "\n".join(lines)


def _cell(text: str) -> str:
    return escape(" ".join(text.split()), line_start=False).replace("|", "\\|")


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _furniture(edition: Edition) -> list[str]:
    blocks = [b for b in edition.blocks if b.kind is BlockKind.BOILERPLATE]
    if not blocks:
        return []
    out = [
        "---",
        "## Furniture",
        "*Set apart from the text: page furniture, author lines and the standard disclaimer, as printed.*",
    ]
    for block in blocks:
        text = edition.text_of(block)
        if block.level > 0 and "\n" not in text and len(text) < 120:
            out.append("**" + escape(text, line_start=False) + "**")  # a furniture heading ("Disclaimer")
        else:
            out.append(escape(text))
    return out
