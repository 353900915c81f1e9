"""Which files of the paths given to `add` are read: files as given, and a folder's files that are editions."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_NOT_EDITIONS = frozenset(
    ("readme", "changelog", "changes", "license", "licence", "contributing", "notice", "manifest", "copying")
)
"""Words that, in a short file name (`SOURCE_README.md`, `LICENSE.txt`, `MANIFEST.md`), name a folder's own
files, not editions."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file in a folder given to `add` that is not read, and why."""

    path: Path
    reason: str


def scan_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path | Skipped]:
    """The files to add: each file as given (always read), and for each directory every file in it
    (recursively, hidden ones left out), in name order, those that are not editions as `Skipped`: files in a
    format Editions does not read (CSV listings, manifests) and a folder's README, LICENSE, CHANGELOG …"""
    from editions.ingest import EXTENSIONS

    out: list[Path | Skipped] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(
            p for p in path.rglob("*") if p.is_file() and not any(s.startswith(".") for s in p.relative_to(path).parts)
        )
        for p in found:
            words = set(re.findall(r"[a-z]+", p.stem.lower()))
            words = words if len(words) <= 3 else set()  # a short name ("SOURCE_README"), not a title
            if p.suffix.lower() not in EXTENSIONS:
                out.append(
                    Skipped(
                        p,
                        "not an edition: Editions reads .md, .txt, .html and .pdf, not "
                        + (p.suffix or "files without an extension"),
                    )
                )
            elif words & _NOT_EDITIONS:
                word = sorted(words & _NOT_EDITIONS)[0].upper()
                out.append(Skipped(p, f"not an edition: named as a folder's {word} file"))
            else:
                out.append(p)
    return out


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files `scan_paths` would read."""
    return [p for p in scan_paths(paths) if isinstance(p, Path)]
