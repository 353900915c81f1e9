"""An Edition to table rows and back, exactly: `decode(encode(e)) == e` for every edition."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from editions.model import Author, Block, BlockKind, Edition, Fact, FactValue, Role, Sentence, Source, Span


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def body(edition: Edition) -> str:
    """Blocks, sentences and facts as compact JSON arrays (spans as offsets into the edition's text)."""
    return _dumps(
        {
            "blocks": [[b.kind.value, b.span.start, b.span.end, b.level, list(b.section)] for b in edition.blocks],
            "sentences": [
                [s.index, s.span.start, s.span.end, s.block, list(s.section), s.role.value] for s in edition.sentences
            ],
            "facts": [
                [f.kind, f.span.start, f.span.end, f.sentence, f.value, f.unit, f.approximate, f.measure]
                for f in edition.facts
            ],
        }
    )


def authors(edition: Edition) -> str:
    return _dumps([[a.name, a.role] for a in edition.authors])


def section(path: tuple[str, ...]) -> str:
    return _dumps(list(path))


def read_section(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def value(v: FactValue) -> str | None:
    """A fact's value as JSON text (None stays NULL); numbers take the fast path."""
    if v is None:
        return None
    if type(v) is int:
        return str(v)
    if type(v) is float and v == v and v not in (float("inf"), float("-inf")):
        return repr(v)
    return _dumps(v)


def read_value(text: str | None) -> FactValue:
    if text is None:
        return None
    v = json.loads(text)
    if v is None or isinstance(v, int | float | str):
        return v
    raise ValueError(f"not a fact value: {text!r}")


def passage_hash(text: str) -> str:
    """What identifies a sentence's wording within a report."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def date_text(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def read_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def source_row(source: Source) -> tuple[str, str, str | None]:
    """(format, name, retrieved_at); a source without a name (bytes) is stored with the name ''."""
    retrieved = None if source.retrieved_at is None else source.retrieved_at.isoformat()
    return source.format, source.name or "", retrieved


def read_source(
    format: str,
    name: str,
    retrieved_at: str | None,
    url: str | None = None,
    sha256: str | None = None,
    api_version: int | None = None,
) -> Source:
    retrieved = None if retrieved_at is None else dt.datetime.fromisoformat(retrieved_at)
    version = None if api_version is None else int(api_version)
    return Source(format, name or None, retrieved, url or None, sha256 or None, version)


_ROLE_OF_BLOCK = {
    BlockKind.TABLE.value: Role.TABLE,
    BlockKind.CAPTION.value: Role.CAPTION,
    BlockKind.FOOTNOTE.value: Role.NOTE,
}


def sentence_role(row: Sequence[Any], block_kinds: Sequence[str]) -> Role:
    """A stored sentence's role (`row` as `body` writes it); one stored before roles existed (five fields) takes
    the role its block's kind gave when roles were first decided, until the edition is read again."""
    if len(row) > 5:
        return Role(row[5])
    block = row[3]
    return _ROLE_OF_BLOCK.get(block_kinds[block], Role.BODY) if 0 <= block < len(block_kinds) else Role.BODY


def decode(
    *,
    text: str,
    body_json: str,
    source: Source,
    report: str | None,
    title: str | None,
    date: str | None,
    version: int | None,
    product: str | None,
    authors_json: str,
) -> Edition:
    data = json.loads(body_json)
    blocks = tuple(Block(BlockKind(k), Span(s, e), level, tuple(sec)) for k, s, e, level, sec in data["blocks"])
    block_kinds = [row[0] for row in data["blocks"]]
    sentences = tuple(
        Sentence(row[0], Span(row[1], row[2]), row[3], tuple(row[4]), sentence_role(row, block_kinds))
        for row in data["sentences"]
    )
    facts = tuple(
        Fact(kind, Span(s, e), sent, v, unit, bool(approx), measure)
        for kind, s, e, sent, v, unit, approx, measure in data["facts"]
    )
    return Edition(
        text=text,
        blocks=blocks,
        sentences=sentences,
        source=source,
        report=report,
        title=title,
        date=read_date(date),
        version=version,
        product=product,
        authors=tuple(Author(name, role) for name, role in json.loads(authors_json)),
        facts=facts,
    )
