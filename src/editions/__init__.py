"""Editions: what changed between editions of a policy report.

>>> import editions
>>> edition = editions.read("report.md")
"""

from __future__ import annotations

import os

from editions import ingest, structure
from editions.errors import EditionsError, InputError
from editions.model import Author, Block, BlockKind, Edition, Fact, Sentence, Span

__all__ = [
    "Author",
    "Block",
    "BlockKind",
    "Edition",
    "EditionsError",
    "Fact",
    "InputError",
    "Sentence",
    "Span",
    "read",
]


def read(
    source: str | os.PathLike[str] | bytes,
    format: str | None = None,
    *,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Edition:
    """Read one edition from a path or bytes; the format is sniffed unless given."""
    document = ingest.load(source, format, max_bytes=max_bytes, name=name)
    return structure.build(document)
