"""Plain text: paragraphs separated by blank lines, lines inside a paragraph joined."""

from __future__ import annotations

import re

from editions.ingest.repair import join_hyphenated_lines
from editions.model import BlockKind, RawBlock

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+(.*)$")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def read(text: str) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        paragraph: list[str] = []
        for line in lines:
            if m := _BULLET.match(line):
                if paragraph:
                    blocks.append(_paragraph(paragraph))
                    paragraph = []
                blocks.append(RawBlock(BlockKind.LIST_ITEM, _clean(m.group(1))))
            elif blocks and blocks[-1].kind is BlockKind.LIST_ITEM and not paragraph and line[:1].isspace():
                last = blocks.pop()
                blocks.append(RawBlock(BlockKind.LIST_ITEM, _clean(last.text + " " + line)))
            else:
                paragraph.append(line)
        if paragraph:
            blocks.append(_paragraph(paragraph))
    return [b for b in blocks if b.text]


def _paragraph(lines: list[str]) -> RawBlock:
    return RawBlock(BlockKind.PARAGRAPH, _clean(join_hyphenated_lines(lines)))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
