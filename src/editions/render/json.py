"""An Edition as JSON, following DESIGN.md's contract.

Spans become `start`/`end` character offsets into the edition's `text`; dates are ISO text; section paths are
lists. The shape is stable: change it only together with `SCHEMA_VERSION`.
"""

from __future__ import annotations

import json
from typing import Any

from editions.model import SCHEMA_VERSION, Author, Block, Edition, Fact, Sentence, Source


def edition_to_dict(edition: Edition) -> dict[str, Any]:
    """The edition as plain JSON-ready data: dicts, lists, strings, numbers, booleans and None."""
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
        "blocks": [_block(b) for b in edition.blocks],
        "sentences": [_sentence(s) for s in edition.sentences],
        "facts": [fact_to_dict(f) for f in edition.facts],
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
    return json.dumps(edition_to_dict(edition), ensure_ascii=False, indent=indent) + "\n"


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
