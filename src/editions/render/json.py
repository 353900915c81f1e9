"""An Edition as JSON, following DESIGN.md's contract.

Spans become `start`/`end` character offsets into the edition's `text`; dates are ISO text; section paths are
lists. The shape is stable: change it only together with `SCHEMA_VERSION`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, TextIO

from editions.model import SCHEMA_VERSION, Author, Block, Edition, Fact, Sentence, Source


def edition_to_dict(edition: Edition) -> dict[str, Any]:
    """The edition as plain JSON-ready data: dicts, lists, strings, numbers, booleans and None."""
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in _fields(edition).items()}


def _fields(edition: Edition) -> dict[str, Any]:
    """The edition's JSON fields in order; its blocks, sentences and facts as iterators, so a writer can make
    and write them one at a time."""
    return {
        "schema": SCHEMA_VERSION,
        "id": edition.id,
        "report": edition.report,
        "title": edition.title,
        "date": edition.date.isoformat() if edition.date else None,
        "version": edition.version,
        "product": edition.product,
        "authors": [_author(a) for a in edition.authors],
        "text": edition.text,
        "blocks": map(_block, edition.blocks),
        "sentences": map(_sentence, edition.sentences),
        "facts": map(fact_to_dict, edition.facts),
        "source": source_fields(edition.source),
    }


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    """One fact; also the shape of `old`/`new` in a comparison's fact changes."""
    return {
        "kind": fact.kind,
        "start": fact.span.start,
        "end": fact.span.end,
        "sentence": fact.sentence,
        "value": fact.value,
        "unit": fact.unit,
        "approximate": fact.approximate,
        "measure": fact.measure,
    }


def render_edition(edition: Edition, *, indent: int | None = 2) -> str:
    """The edition as a JSON document (UTF-8 text, not ASCII-escaped), ending in a newline."""
    if indent is None:
        return json.dumps(edition_to_dict(edition), ensure_ascii=False) + "\n"
    out = io.StringIO()
    write_edition(edition, out, indent=indent)
    return out.getvalue()


def write_edition(edition: Edition, out: TextIO, *, indent: int = 2) -> None:
    """Write `render_edition`'s document to `out` element by element (`write_streamed`)."""
    write_streamed(_fields(edition), out, indent=indent)


def write_streamed(fields: dict[str, Any], out: TextIO, *, indent: int = 2) -> None:
    """Write a JSON object whose iterator fields are lists made one element at a time, so that memory holds one
    element's JSON at a time rather than the whole document and its tree of dicts. The text is that of
    `json.dumps` (`ensure_ascii=False`, this `indent`) of the object with each iterator made a list, followed by
    a newline."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent)

    def nested(value: Any, level: int) -> str:
        # The encoder indents from level 0; a value written at `level` has every line break indented further.
        return encoder.encode(value).replace("\n", "\n" + " " * (indent * level))

    pad = " " * indent
    out.write("{")
    for i, (key, value) in enumerate(fields.items()):
        out.write(("\n" if i == 0 else ",\n") + pad + encoder.encode(key) + ": ")
        if not isinstance(value, Iterator):
            out.write(nested(value, 1))
            continue
        written = False
        for item in value:
            out.write(("[\n" if not written else ",\n") + pad * 2 + nested(item, 2))
            written = True
        out.write("\n" + pad + "]" if written else "[]")
    out.write("\n}\n" if fields else "}\n")


def _author(author: Author) -> dict[str, Any]:
    return {"name": author.name, "role": author.role}


def _block(block: Block) -> dict[str, Any]:
    return {
        "kind": str(block.kind),
        "start": block.span.start,
        "end": block.span.end,
        "level": block.level,
        "section": list(block.section),
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {
        "index": sentence.index,
        "start": sentence.span.start,
        "end": sentence.span.end,
        "block": sentence.block,
        "section": list(sentence.section),
        "role": str(sentence.role),
    }


def source_fields(source: Source) -> dict[str, Any]:
    """A source as JSON; a fetched file's provenance (`editions fetch`) as additive keys when it has one."""
    fields: dict[str, Any] = {"format": source.format, "name": source.name, "url": source.url}
    if source.sha256 is not None:
        retrieved = None if source.retrieved_at is None else source.retrieved_at.isoformat()
        fields.update(retrieved_at=retrieved, sha256=source.sha256, api_version=source.api_version)
    return fields
