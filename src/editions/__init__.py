"""Editions: what changed between editions of a policy report.

>>> import editions
>>> edition = editions.read("report.md")
"""

from __future__ import annotations

import dataclasses
import os
import warnings

from editions import facts, ingest, structure
from editions.compare import compare
from editions.errors import EditionsError, InputError, InputWarning
from editions.library import Library
from editions.model import Author, Block, BlockKind, Edition, Fact, Role, Sentence, Span

__all__ = [
    "Author",
    "Block",
    "BlockKind",
    "Edition",
    "EditionsError",
    "Fact",
    "InputError",
    "InputWarning",
    "Library",
    "Role",
    "Sentence",
    "Span",
    "compare",
    "read",
]


def read(
    source: str | os.PathLike[str] | bytes,
    format: str | None = None,
    *,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Edition:
    """Read one edition from a path or bytes; the format is sniffed unless given.

    Raises `InputError` when the source cannot be read as an edition; issues an `InputWarning` for each thing
    read not exactly as written (such as invalid UTF-8 replaced)."""
    document = ingest.load(source, format, max_bytes=max_bytes, name=name)
    for message in document.warnings:
        warnings.warn(message, InputWarning, stacklevel=2)
    edition = structure.build(document)
    # Relative dates ("this year") resolve against the edition's own date, when it prints one.
    found = facts.extract(edition.text, edition.sentences, anchor=edition.date)
    return dataclasses.replace(edition, facts=found)
