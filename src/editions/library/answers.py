"""What the library answers with: the records its calls return (`Library.add`, `editions`, `reports`, `remove`,
`add_files`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from editions.library.timeline import Timeline
from editions.model import BriefItem, Source


class AddStatus(StrEnum):
    ADDED = "added"
    """A new edition."""
    NEW_SOURCE = "new source"
    """An edition already in the library, read from a source not seen before (e.g. its PDF after its HTML)."""
    EXISTS = "exists"
    """The same edition from the same source: nothing changed."""


@dataclass(frozen=True, slots=True)
class EditionInfo:
    id: str
    report: str
    """The library's key for the report: the printed number, or a slug of the title."""
    ref: str
    title: str | None
    date: dt.date | None
    version: int | None
    product: str | None
    position: int
    """1 for the report's first edition."""
    sentences: int
    sources: tuple[Source, ...]
    """Every file the edition was read from; the first is the one shown (its primary reading)."""
    changed: float | None = None
    """Share of sentences changed since the previous edition (None for the first); see `Library.editions`."""


@dataclass(frozen=True, slots=True)
class ReportInfo:
    report: str
    title: str | None
    product: str | None
    numbered: bool
    """Whether `report` is a printed report number (else a slug of the title)."""
    editions: int
    first: dt.date | None
    latest: dt.date | None


@dataclass(frozen=True, slots=True)
class Added:
    status: AddStatus
    edition: EditionInfo


@dataclass(frozen=True, slots=True)
class Removed:
    ref: str
    """The edition's reference before it was removed."""
    report: str
    sources: tuple[Source, ...]
    """The sources removed."""
    edition: bool
    """Whether the whole edition went (else only `sources` of it)."""


@dataclass(frozen=True, slots=True)
class FileResult:
    path: Path
    added: Added | None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    skipped: str | None = None
    """Why a file found in a folder was not read (it is not an edition); then `added` is None."""

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class Neighbours:
    """An edition with the editions before and after it in its report (what an edition's page links to)."""

    edition: EditionInfo
    previous: EditionInfo | None
    following: EditionInfo | None
    count: int
    """How many editions the report has."""


@dataclass(frozen=True, slots=True)
class ReportOverview:
    """What a report's page shows: its editions (oldest first, each with its share changed), the latest brief
    (None with one edition) and the figures charted, first the one `figure` asked for when it was given."""

    report: str
    editions: tuple[EditionInfo, ...]
    brief: tuple[BriefItem, ...] | None
    timelines: tuple[Timeline, ...]
    asked: Timeline | None
    """The timeline of the figure asked for, if one was."""
