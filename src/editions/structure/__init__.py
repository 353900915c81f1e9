"""Structure: a Document's blocks laid into one normalized text, with sections and sentences.

The normalized text is the blocks' texts joined by blank lines; every Block and Sentence is a Span into it.
"""

from __future__ import annotations

import re

from editions.model import Block, BlockKind, Document, Edition, Sentence, Span
from editions.structure.roles import RoleReader
from editions.structure.sentences import split_sentences
from editions.vocabulary import CAPTION_LABEL

BLOCK_SEPARATOR = "\n\n"
_CAPTION_LABEL = re.compile(rf"{CAPTION_LABEL}\.", re.I)


def build(document: Document) -> Edition:
    """The Edition of a Document: normalized text, blocks with their section paths, sentences."""
    parts: list[str] = []
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    path: list[tuple[int, str]] = []  # the open headings: (level, text)
    open_section: tuple[str, ...] = ()  # their texts, made when a heading changes them, shared by the blocks
    offset = 0
    roles = RoleReader()
    for raw in document.blocks:
        block_text = raw.text.strip()
        if not block_text:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        span = Span(offset, offset + len(block_text))
        if raw.kind is BlockKind.HEADING:
            level = max(raw.level, 1)
            while path and path[-1][0] >= level:
                path.pop()
            section = open_section[: len(path)]
            path.append((level, block_text))
            open_section = (*section, block_text)
        else:
            section = open_section if raw.kind is not BlockKind.TITLE else ()
        block_index = len(blocks)
        blocks.append(Block(raw.kind, span, raw.level, section))
        if raw.kind.is_content:
            spans = _sentence_spans(raw.kind, block_text)
            block_roles = roles.roles(raw.kind, block_text, section, [block_text[start:end] for start, end in spans])
            for (start, end), role in zip(spans, block_roles, strict=True):
                sentences.append(
                    Sentence(len(sentences), Span(offset + start, offset + end), block_index, section, role)
                )
        parts.append(block_text)
        offset = span.end
    meta = document.metadata
    return Edition(
        text=BLOCK_SEPARATOR.join(parts),
        blocks=tuple(blocks),
        sentences=tuple(sentences),
        source=document.source,
        report=meta.report,
        title=meta.title,
        date=meta.date,
        version=meta.version,
        product=meta.product,
        authors=meta.authors,
    )


def _sentence_spans(kind: BlockKind, text: str) -> list[tuple[int, int]]:
    if kind is BlockKind.TABLE:
        # A table row is read as one statement: "2015 | $44.2 | $4.3".
        spans = []
        start = 0
        for row in text.split("\n"):
            stripped = row.strip()
            if stripped:
                lead = len(row) - len(row.lstrip())
                spans.append((start + lead, start + lead + len(stripped)))
            start += len(row) + 1
        return spans
    spans = split_sentences(text)
    if kind is BlockKind.CAPTION and len(spans) > 1 and _CAPTION_LABEL.fullmatch(text[spans[0][0] : spans[0][1]]):
        # "Figure 2. A Map of the Region": the label's period does not end a sentence.
        spans[:2] = [(spans[0][0], spans[1][1])]
    return spans
