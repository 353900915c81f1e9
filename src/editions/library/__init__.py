"""The library: every edition kept, grouped by report, searchable, with figure timelines.

>>> from editions import Library
>>> library = Library()                       # ./editions.db, or $EDITIONS_LIBRARY (a path or a postgresql:// URL)
>>> library.add("IF10199-2022-07-21.pdf").status
<AddStatus.ADDED: 'added'>
>>> [e.ref for e in library.editions("IF10199")]
['IF10199@2022-07-08', 'IF10199@2022-07-21']
>>> library.get("IF10199~1").date             # the edition before the latest
datetime.date(2022, 7, 8)

An edition is what its publisher calls one: a report number with the version the document states, else with
its edition date (`library.identity`). Several files of one edition (its PDF, HTML, Markdown) are *sources* of
it, merged when their sentences agree; each keeps its own reading, one is shown (HTML > Markdown > PDF > text,
`get(ref, source=…)` reads another), and two editions are compared from a format both have. Documents without a
report number are grouped by title and are one edition per distinct text. Within a report, editions are ordered
by date, then version, then the order they were added (same-day re-issues are distinct). Each `add` is one
transaction: after a crash an edition is either whole in the library or absent; `remove` is one too.

References (`get`, `info`, `sources`, `remove`): `IF10199` (the latest edition), `IF10199@2022-07-21` (by date;
a date with no edition names the one in force then, with an `InputWarning` saying so), `IF10199@v47` (by
version), `IF10199@3fa2c1d09e` (by id prefix), `IF10199@undated`, and `~N` after any of them for N editions
earlier (`IF10199~1`, `IF10199@2024-01-05~2`); an edition id (or a prefix of 8+ hex digits) alone also works.
Printed references use the date, else the version, and an id only when nothing else tells two editions apart.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
import os
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from editions.errors import EditionsError, InputWarning
from editions.library import _codec, _compare, identity, refs, searching
from editions.library import notices as change_notices
from editions.library import summary as report_summary
from editions.library._db import Database, LibraryError, NotFoundError
from editions.library.notices import Notice, NoticeEdition, Target, Watch
from editions.library.refs import EditionRow as _Row
from editions.library.refs import name as _ref
from editions.library.refs import names as _refs
from editions.library.refs import ordered as _ordered
from editions.library.schema import PROVENANCE_VERSION
from editions.library.search import (
    SEARCH_WITHIN,
    Citation,
    Citations,
    FirstSeen,
    Hit,
    ReportHits,
    SearchResults,
)
from editions.library.summary import ReportSummary
from editions.library.timeline import (
    Alternative,
    FactRow,
    ReportFacts,
    Timeline,
    TimelinePoint,
    figure_sentence_indices,
    render_chart,
    trace_with_rivals,
)
from editions.model import Comparison, Edition, Source

__all__ = [
    "DEFAULT_PATH",
    "ENV",
    "SEARCH_WITHIN",
    "AddStatus",
    "Added",
    "Citation",
    "Citations",
    "EditionInfo",
    "FileResult",
    "FirstSeen",
    "Hit",
    "Library",
    "LibraryError",
    "NotFoundError",
    "Notice",
    "NoticeEdition",
    "Removed",
    "ReportHits",
    "ReportInfo",
    "ReportSummary",
    "SearchResults",
    "Skipped",
    "Target",
    "Timeline",
    "TimelinePoint",
    "Watch",
    "expand_paths",
    "render_chart",
    "scan_paths",
]

DEFAULT_PATH = "editions.db"
ENV = "EDITIONS_LIBRARY"
TITLE_SIMILARITY = 0.9
"""How alike two titles must be (difflib ratio of their normalized forms) to group unnumbered editions."""
_URL = re.compile(r"^postgres(?:ql)?://", re.I)


def default_location() -> str:
    return os.environ.get(ENV) or DEFAULT_PATH


def open_database(location: str) -> Database:
    if _URL.match(location):
        from editions.library.postgres import PostgresDatabase

        return PostgresDatabase(location)
    from editions.library.sqlite import SqliteDatabase

    return SqliteDatabase(location)


# --- What the library answers with ----------------------------------------------------------------------------


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


def _summary_stamp(rows: Sequence[_Row]) -> tuple[str, str]:
    """What a kept report summary records it was made from: its editions (in order) and the engine."""
    return _codec.passage_hash(",".join(r.id for r in rows)), f"{_compare.ENGINE} {report_summary.VERSION}"


_CHUNK = 500
"""Keys per `IN (…)` list: SQLite allows 999 parameters in a statement (before 3.32)."""


def _query_in(
    db: Database, sql: str, keys: Sequence[Any], before: Sequence[Any] = (), after: Sequence[Any] = ()
) -> Iterator[tuple[Any, ...]]:
    """The rows of `sql` for all `keys`, sent `_CHUNK` at a time: `{marks}` in `sql` stands for one chunk's
    placeholders; `before` and `after` are the parameters around them."""
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        yield from db.query(sql.format(marks=", ".join("?" * len(chunk))), (*before, *chunk, *after))


def _engine_in(fmt: str) -> str:
    """How a comparison of two editions read from `fmt`, not both from the readings shown, is kept."""
    return f"{_compare.ENGINE} @{fmt}"


def _share(common: int, total: int) -> float:
    """The share of sentences changed between two editions of `total` sentences together, `common` of which
    (counted in each) have the same text in both: 1 − 2·common / total."""
    return 0.0 if total == 0 else 1 - 2 * common / total


def _common_sentences(db: Database, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """For each (old pk, new pk) pair, how many sentences the two editions share word for word (as a multiset:
    a sentence said twice in both counts twice)."""
    # Each edition's passages come as one text ("12,12,40,…"): a Counter of its parts is built in C, where one
    # row per sentence cost several times as much (benchmarks/library.py's add throughput; docs/quality.md).
    joined = "group_concat(passage_pk)" if db.dialect == "sqlite" else "string_agg(passage_pk::text, ',')"
    bags: dict[int, Counter[str]] = {}
    for edition_pk, passages in _query_in(
        db,
        f"SELECT edition_pk, {joined} FROM sentences WHERE edition_pk IN ({{marks}}) GROUP BY edition_pk",
        sorted({pk for pair in pairs for pk in pair}),
    ):
        bags[int(edition_pk)] = Counter(str(passages).split(","))
    empty: Counter[str] = Counter()
    return {(a, b): (bags.get(a, empty) & bags.get(b, empty)).total() for a, b in pairs}


def _store_overlaps(db: Database, common: dict[tuple[int, int], int]) -> None:
    for (old_pk, new_pk), n in common.items():
        db.execute(
            "INSERT INTO sentence_overlaps (old_pk, new_pk, common) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (old_pk, new_pk, n),
        )


def title_key(title: str | None) -> str:
    """A title reduced for comparison: case, accents, punctuation and spacing ignored."""
    if not title:
        return ""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`]", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _slug(title: str | None, edition_id: str) -> str:
    key = title_key(title).replace(" ", "-")[:60].strip("-")
    return key or f"untitled-{edition_id[:8]}"


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


# --- The library ------------------------------------------------------------------------------------------------


class Library:
    """Editions grouped by report, in a SQLite file (default `./editions.db` or `$EDITIONS_LIBRARY`) or a
    PostgreSQL database (`postgresql://…`). Opening a library made by an older Editions upgrades it; opening
    anything else raises `LibraryError`, as does a missing library file with `create=False`."""

    def __init__(
        self, path_or_url: str | os.PathLike[str] | None = None, *, create: bool = True, _schema: int | None = None
    ) -> None:
        location = default_location() if path_or_url is None else os.fspath(path_or_url)
        self.location = location
        if not create and not _URL.match(location) and not Path(location).exists():
            raise LibraryError(f"there is no library at {location}; add editions to it first: editions add FILE|DIR.")
        self._db = open_database(location)
        # `_schema` (tests) makes a library of an older version: it stores only what that version stored.
        self._derived = _schema is None or _schema >= 4
        self._merging = _schema is None or _schema >= 5
        self._urls = _schema is None or _schema >= 6
        self._roles = _schema is None or _schema >= 7
        self._provenance = _schema is None or _schema >= PROVENANCE_VERSION
        try:
            self._db.migrate(_schema)
            if self._merging and self._db.query("SELECT 1 FROM library_info WHERE key = 'merge_sources'"):
                self._db.write(self._merge_sources)
        except BaseException:
            self._db.close()
            raise

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgres'."""
        return self._db.dialect

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Library({self._db.location!r})"

    def schema_version(self) -> int:
        return self._db.schema_version()

    def setting(self, key: str) -> str | None:
        """A value kept in the library for a tool that works on it (e.g. where `editions update` got to)."""
        rows = self._db.query("SELECT value FROM library_info WHERE key = ?", (f"setting:{key}",))
        return str(rows[0][0]) if rows else None

    def set_setting(self, key: str, value: str) -> None:
        def store(db: Database) -> None:
            db.execute(
                "INSERT INTO library_info (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (f"setting:{key}", value),
            )

        self._db.write(store)

    def size_bytes(self) -> int:
        return self._db.size_bytes()

    # --- Adding -------------------------------------------------------------------------------------------------

    def add(
        self,
        source: Edition | str | os.PathLike[str] | bytes,
        format: str | None = None,
        *,
        name: str | None = None,
    ) -> Added:
        """Add one edition (an `Edition`, or a path or bytes to read with `editions.read`). Raises `InputError`
        when the source cannot be read; issues `InputWarning`s as `editions.read` does."""
        if isinstance(source, Edition):
            edition = source
        else:
            import editions

            edition = editions.read(source, format, name=name)
        added, note = self._db.write(lambda db: self._store(db, edition))
        if note is not None:
            warnings.warn(note, InputWarning, stacklevel=2)
        return added

    def add_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        on_result: Callable[[FileResult], None] | None = None,
        prepare: bool = True,
    ) -> list[FileResult]:
        """Add every file (directories expanded with `expand_paths`), each in its own transaction; a file that
        fails is reported in its result and the others are still added. Then, with `prepare`, `prepare` every
        report whose summary is missing or stale (`unprepared`): those that gained an edition, and those an
        interrupted earlier add left without one."""
        results: list[FileResult] = []
        for path in scan_paths(paths):
            result = (
                self._add_file(path) if isinstance(path, Path) else FileResult(path.path, None, skipped=path.reason)
            )
            results.append(result)
            if on_result is not None:
                on_result(result)
        if prepare:
            self.prepare(self.unprepared())
        return results

    def _add_file(self, path: Path) -> FileResult:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            try:
                added = self.add(path)
                error = None
            except EditionsError as exc:
                added, error = None, " ".join(str(exc).split()) or type(exc).__name__
            except (OSError, ValueError, RuntimeError, LookupError, TypeError, ArithmeticError) as exc:
                added, error = None, f"internal error ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})"
        notes = tuple(str(w.message) for w in caught if issubclass(w.category, InputWarning))
        return FileResult(path, added, error, notes)

    def _store(self, db: Database, edition: Edition) -> tuple[Added, str | None]:
        """Store one reading: a new source of the edition it is a reading of, or a new edition. Returns what was
        done and, when the file names an edition already stored but its text disagrees, the warning to issue."""
        source = _codec.source_row(edition.source)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        found = db.query("SELECT pk, report_pk FROM editions WHERE id = ?", (edition.id,))
        if not found and self._merging:
            found = db.query(
                "SELECT e.pk, e.report_pk FROM sources s JOIN editions e ON e.pk = s.edition_pk WHERE s.reading = ?",
                (edition.id,),
            )
        if found:
            pk, report_pk = int(found[0][0]), int(found[0][1])
            if self._merging:
                return self._add_source(db, pk, report_pk, edition, now), None
            inserted = db.insert_returning(
                "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq) "
                "SELECT ?, ?, ?, ?, ?, coalesce(max(seq), 0) + 1 FROM sources WHERE edition_pk = ? "
                "ON CONFLICT DO NOTHING RETURNING edition_pk",
                (pk, *source, now, pk),
            )
            status = AddStatus.NEW_SOURCE if inserted is not None else AddStatus.EXISTS
            return Added(status, self._info_by_pk(db, report_pk, pk)), None

        report_pk = self._group(db, edition)
        note = None
        before = self._rows(db, report_pk)
        if self._merging and edition.report:
            twin, note = self._twin(db, report_pk, edition, before)
            if twin is not None:
                return self._add_source(db, twin, report_pk, edition, now), None
        pk_or_none = db.insert_returning(
            "INSERT INTO editions (id, report_pk, report, title, date, version, product, authors, sentence_count, "
            "added_at, text, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk",
            (
                edition.id,
                report_pk,
                edition.report,
                edition.title,
                _codec.date_text(edition.date),
                edition.version,
                edition.product,
                _codec.authors(edition),
                len(edition.sentences),
                now,
                edition.text,
                _codec.body(edition),
            ),
        )
        assert pk_or_none is not None
        pk = pk_or_none
        if self._merging:
            url_column, url = self._url_column(edition.source)
            db.execute(
                f"INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq, reading{url_column}) "
                f"VALUES (?, ?, ?, ?, ?, 1, ?{', ?' * len(url)})",
                (pk, *source, now, edition.id, *url),
            )
        else:
            db.execute(
                "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq) VALUES (?, ?, ?, ?, ?, 1)",
                (pk, *source, now),
            )
        self._write_parts(db, pk, report_pk, edition)
        added = _Row(
            pk, edition.id, edition.date, edition.version, edition.title, edition.product, len(edition.sentences)
        )
        rows = _ordered([*before, added])
        if self._derived:
            self._keep_neighbour_overlaps(db, rows, pk)
        if rows[-1].pk == pk:  # the report's title and product are its latest edition's
            db.execute(
                "UPDATE reports SET title = coalesce(?, title), title_key = ?, product = coalesce(?, product) "
                "WHERE pk = ?",
                (edition.title, title_key(edition.title) if edition.title else "", edition.product, report_pk),
            )
        return Added(AddStatus.ADDED, self._info_by_pk(db, report_pk, pk, rows)), note

    def _write_parts(self, db: Database, pk: int, report_pk: int, edition: Edition) -> None:
        """The rows of an edition's primary reading: its sentences (as passages) and its facts."""
        passages = self._passages(db, report_pk, [(edition.text_of(s), s.role.value) for s in edition.sentences])
        sections = {path: _codec.section(path) for path in {s.section for s in edition.sentences}}
        db.insert_rows(
            "sentences",
            ("edition_pk", "idx", "passage_pk", "section"),
            [(pk, s.index, passages[i], sections[s.section]) for i, s in enumerate(edition.sentences)],
        )
        text = edition.text
        db.insert_rows(
            "facts",
            ("edition_pk", "idx", "sentence", "kind", "measure", "value", "unit", "approximate", "surface"),
            [
                (
                    pk,
                    i,
                    f.sentence,
                    f.kind,
                    f.measure,
                    _codec.value(f.value),
                    f.unit,
                    int(f.approximate),
                    text[f.span.start : f.span.end],
                )
                for i, f in enumerate(edition.facts)
            ],
        )

    def _twin(self, db: Database, report_pk: int, edition: Edition, rows: list[_Row]) -> tuple[int | None, str | None]:
        """The stored edition that `edition` is another reading of: one whose metadata names the same edition
        (`identity.names_same_edition`) and whose sentences agree with it at least `SAME_EDITION_AGREEMENT`,
        the best agreeing if several do. When the metadata matches but the text does not, no twin and a warning
        naming both."""
        candidates = [r for r in rows if identity.names_same_edition(edition.version, edition.date, r.version, r.date)]
        if not candidates:
            return None, None
        bag = identity.sentence_bag(edition.text_of(s) for s in edition.sentences)
        scored = sorted(
            ((identity.agreement(bag, self._sentence_bag(db, r.pk)), r.pk) for r in candidates), reverse=True
        )
        best, pk = scored[0]
        if best >= identity.SAME_EDITION_AGREEMENT:
            return pk, None
        key = str(db.query("SELECT key FROM reports WHERE pk = ?", (report_pk,))[0][0])
        other = next(r for r in rows if r.pk == pk)
        names = ", ".join(s.name or s.format for s in self._sources(db, [pk]).get(pk, ()))
        return None, (
            f"{edition.source.name or 'this file'} names the same edition as {_ref(key, other, rows)} ({names}), "
            f"but only {best:.0%} of their sentences agree ({identity.SAME_EDITION_AGREEMENT:.0%} needed to merge); "
            "added as an edition of its own."
        )

    @staticmethod
    def _sentence_bag(db: Database, pk: int) -> Counter[str]:
        return identity.sentence_bag(
            str(t)
            for (t,) in db.query(
                "SELECT p.text FROM sentences s JOIN passages p ON p.pk = s.passage_pk WHERE s.edition_pk = ?", (pk,)
            )
        )

    def _url_column(self, source: Source) -> tuple[str, tuple[str | int | None, ...]]:
        """The `sources.url` column (and the provenance columns) and their values for an insert, or nothing in a
        library older than the schema that has them."""
        if not self._urls:
            return "", ()
        if not self._provenance:
            return ", url", (source.url,)
        return ", url, sha256, api_version", (source.url, source.sha256, source.api_version)

    def _source_columns(self, prefix: str = "s.") -> str:
        """The columns `_codec.read_source` takes after (format, name, retrieved_at), NULL where the schema lacks
        them."""
        url = f"{prefix}url" if self._urls else "NULL"
        provenance = f"{prefix}sha256, {prefix}api_version" if self._provenance else "NULL, NULL"
        return f"{url}, {provenance}"

    def _add_source(self, db: Database, pk: int, report_pk: int, edition: Edition, now: str) -> Added:
        """`edition` as a further source of the stored edition `pk`: kept with its own reading, and shown instead
        of the current one when its format comes first in `identity.FORMAT_ORDER`."""
        fmt, name, retrieved = _codec.source_row(edition.source)
        if db.query("SELECT 1 FROM sources WHERE edition_pk = ? AND format = ? AND name = ?", (pk, fmt, name)):
            return Added(AddStatus.EXISTS, self._info_by_pk(db, report_pk, pk))
        (primary_id,) = db.query("SELECT id FROM editions WHERE pk = ?", (pk,))[0]
        shown = [
            str(f)
            for (f,) in db.query("SELECT format FROM sources WHERE edition_pk = ? AND reading = ?", (pk, primary_id))
        ]
        becomes_primary = edition.id != primary_id and (
            not shown or identity.format_rank(fmt) < min(identity.format_rank(f) for f in shown)
        )
        keeps_text = edition.id != primary_id and not becomes_primary
        url_column, url = self._url_column(edition.source)
        db.execute(
            "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq, reading, text, body"
            f"{url_column}) SELECT ?, ?, ?, ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?{', ?' * len(url)} FROM sources "
            "WHERE edition_pk = ?",
            (
                pk,
                fmt,
                name,
                retrieved,
                now,
                edition.id,
                edition.text if keeps_text else None,
                _codec.body(edition) if keeps_text else None,
                *url,
                pk,
            ),
        )
        if becomes_primary:
            self._show_reading(db, pk, report_pk, edition)
        else:  # what this reading states and the shown one does not (an HTML page without its version)
            db.execute(
                "UPDATE editions SET version = coalesce(version, ?), date = coalesce(date, ?) WHERE pk = ?",
                (edition.version, _codec.date_text(edition.date), pk),
            )
        return Added(AddStatus.NEW_SOURCE, self._info_by_pk(db, report_pk, pk))

    def _show_reading(self, db: Database, pk: int, report_pk: int, edition: Edition) -> None:
        """Make `edition` (a reading of the stored edition `pk`, its source row already stored) the one shown:
        the current primary reading's text moves to its sources; sentences, facts, kept comparisons and overlaps
        are rebuilt from the new reading."""
        db.execute(
            "UPDATE sources SET text = (SELECT text FROM editions WHERE pk = ?), "
            "body = (SELECT body FROM editions WHERE pk = ?) "
            "WHERE edition_pk = ? AND reading = (SELECT id FROM editions WHERE pk = ?)",
            (pk, pk, pk, pk),
        )
        db.execute("UPDATE sources SET text = NULL, body = NULL WHERE edition_pk = ? AND reading = ?", (pk, edition.id))
        self._clear_parts(db, pk)
        db.execute(
            "UPDATE editions SET id = ?, title = coalesce(?, title), date = coalesce(?, date), "
            "version = coalesce(?, version), product = coalesce(?, product), authors = ?, sentence_count = ?, "
            "text = ?, body = ? WHERE pk = ?",
            (
                edition.id,
                edition.title,
                _codec.date_text(edition.date),
                edition.version,
                edition.product,
                _codec.authors(edition),
                len(edition.sentences),
                edition.text,
                _codec.body(edition),
                pk,
            ),
        )
        self._write_parts(db, pk, report_pk, edition)
        self._drop_unused_passages(db, report_pk)
        if self._derived:
            self._keep_neighbour_overlaps(db, self._rows(db, report_pk), pk)

    @staticmethod
    def _clear_parts(db: Database, pk: int) -> None:
        """Delete what is derived from an edition's primary reading (not the edition row or its sources)."""
        db.execute("DELETE FROM sentences WHERE edition_pk = ?", (pk,))
        db.execute("DELETE FROM facts WHERE edition_pk = ?", (pk,))
        db.execute("DELETE FROM comparisons WHERE old_pk = ? OR new_pk = ?", (pk, pk))
        db.execute("DELETE FROM sentence_overlaps WHERE old_pk = ? OR new_pk = ?", (pk, pk))

    @staticmethod
    def _drop_unused_passages(db: Database, report_pk: int) -> None:
        db.execute(
            "DELETE FROM passages WHERE report_pk = ? AND NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.passage_pk = passages.pk)",
            (report_pk,),
        )

    @staticmethod
    def _keep_neighbour_overlaps(db: Database, rows: Sequence[_Row], pk: int) -> None:
        """Keep how many sentences the new edition shares with the editions before and after it (what its
        "% changed" is counted from until the pair is compared), so no page has to count them."""
        position = next(i for i, r in enumerate(rows) if r.pk == pk)
        pairs = list(itertools.pairwise(r.pk for r in rows[max(0, position - 1) : position + 2]))
        _store_overlaps(db, _common_sentences(db, pairs))

    def _passages(self, db: Database, report_pk: int, texts: Sequence[tuple[str, str]]) -> list[int]:
        """The passage of each (text, role) within the report, created when new (with the role of the text's
        first sentence: a wording printed as body in one place and a caption in another is stored once)."""
        hashes = [_codec.passage_hash(t) for t, _ in texts]
        distinct: dict[str, tuple[str, str]] = {}
        for h, text_role in zip(hashes, texts, strict=True):
            distinct.setdefault(h, text_role)
        known = self._passage_pks(db, report_pk, list(distinct))
        missing = [(report_pk, h, *distinct[h]) for h in distinct if h not in known]
        if missing:
            if self._roles:
                db.insert_rows("passages", ("report_pk", "hash", "text", "role"), missing)
            else:
                db.insert_rows("passages", ("report_pk", "hash", "text"), [m[:3] for m in missing])
            known.update(self._passage_pks(db, report_pk, [m[1] for m in missing]))
        return [known[h] for h in hashes]

    @staticmethod
    def _passage_pks(db: Database, report_pk: int, hashes: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        if db.dialect == "postgres":
            for pk, h in db.query(
                "SELECT pk, hash FROM passages WHERE report_pk = ? AND hash = ANY(?)", (report_pk, list(hashes))
            ):
                out[str(h)] = int(pk)
            return out
        for pk, h in _query_in(
            db, "SELECT pk, hash FROM passages WHERE report_pk = ? AND hash IN ({marks})", hashes, before=(report_pk,)
        ):
            out[str(h)] = int(pk)
        return out

    def _group(self, db: Database, edition: Edition) -> int:
        """The report an edition belongs to: by printed number, else by title; created when new."""
        tkey = title_key(edition.title)
        if edition.report and edition.report.strip():
            key = edition.report.strip().upper()
            rows = db.query("SELECT pk FROM reports WHERE key = ?", (key,))
            if rows:
                return int(rows[0][0])
            similar = self._similar_title(db, tkey, numbered=False)
            if similar is not None:  # editions without a number came first: the group takes the number
                db.execute("UPDATE reports SET key = ?, numbered = 1 WHERE pk = ?", (key, similar))
                return similar
            numbered = 1
        else:
            similar = self._similar_title(db, tkey, numbered=None)
            if similar is not None:
                return similar
            key = _slug(edition.title, edition.id)
            taken = {str(r[0]) for r in db.query("SELECT key FROM reports WHERE key LIKE ?", (key + "%",))}
            n = 2
            base = key
            while key in taken:
                key, n = f"{base}-{n}", n + 1
            numbered = 0
        pk = db.insert_returning(
            "INSERT INTO reports (key, numbered, title, title_key, product) VALUES (?, ?, ?, ?, ?) RETURNING pk",
            (key, numbered, edition.title, tkey, edition.product),
        )
        assert pk is not None
        return pk

    @staticmethod
    def _similar_title(db: Database, tkey: str, numbered: bool | None) -> int | None:
        """The report whose title is most like `tkey` (≥ TITLE_SIMILARITY), preferring a numbered one."""
        if not tkey:
            return None
        where = "" if numbered is None else f" AND numbered = {int(numbered)}"
        exact = db.query(f"SELECT pk, numbered FROM reports WHERE title_key = ?{where} ORDER BY numbered DESC", (tkey,))
        if exact:
            return int(exact[0][0])
        best: tuple[float, int, int] | None = None
        where = "" if numbered is None else f" WHERE numbered = {int(numbered)}"
        for pk, other, is_numbered in db.query(f"SELECT pk, title_key, numbered FROM reports{where}"):
            matcher = difflib.SequenceMatcher(None, tkey, str(other), autojunk=False)
            if matcher.real_quick_ratio() < TITLE_SIMILARITY or matcher.quick_ratio() < TITLE_SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= TITLE_SIMILARITY and (best is None or (ratio, is_numbered) > best[:2]):
                best = (ratio, int(is_numbered), int(pk))
        return None if best is None else best[2]

    # --- Merging and removing ------------------------------------------------------------------------------------

    def _merge_sources(self, db: Database) -> None:
        """Upgrade a library made before editions had several sources (schema 4 and older stored each distinct
        text as an edition): within each report, an edition that names the same edition as an earlier one and
        agrees with it (`_twin`'s rule) becomes a source of it. Summaries of the reports changed are dropped, to
        be made again. Runs once, in one transaction, the first time the library is opened after the upgrade."""
        for (report_pk,) in db.query("SELECT pk FROM reports WHERE numbered = 1 ORDER BY pk"):
            kept: list[_Row] = []
            merged = False
            for row in self._rows(db, int(report_pk)):
                bag = self._sentence_bag(db, row.pk)
                twin = max(
                    (
                        (identity.agreement(bag, self._sentence_bag(db, k.pk)), k.pk)
                        for k in kept
                        if identity.names_same_edition(row.version, row.date, k.version, k.date)
                    ),
                    default=None,
                )
                if twin is not None and twin[0] >= identity.SAME_EDITION_AGREEMENT:
                    self._merge_into(db, twin[1], row.pk, int(report_pk))
                    merged = True
                else:
                    kept.append(row)
            if merged:
                self._after_edition_change(db, int(report_pk))
        db.execute("DELETE FROM library_info WHERE key = 'merge_sources'")

    def _merge_into(self, db: Database, keep_pk: int, gone_pk: int, report_pk: int) -> None:
        """Move every source of edition `gone_pk` (with its reading) to `keep_pk`, delete `gone_pk`, and show
        the best source of what is left."""
        gone_id, gone_text, gone_body = db.query("SELECT id, text, body FROM editions WHERE pk = ?", (gone_pk,))[0]
        url_column = ", url, sha256, api_version" if self._provenance else ", url" if self._urls else ""
        for fmt, name, retrieved, added_at, reading, text, body, *url in db.query(
            f"SELECT format, name, retrieved_at, added_at, reading, text, body{url_column} FROM sources "
            "WHERE edition_pk = ? ORDER BY seq",
            (gone_pk,),
        ):
            if reading is None or reading == gone_id:
                reading, text, body = gone_id, gone_text, gone_body
            db.execute(
                "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq, reading, text, body"
                f"{url_column}) SELECT ?, ?, ?, ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?{', ?' * len(url)} "
                "FROM sources WHERE edition_pk = ? ON CONFLICT DO NOTHING",
                (keep_pk, fmt, name, retrieved, added_at, reading, text, body, *url, keep_pk),
            )
        db.execute(
            "UPDATE editions SET version = coalesce(version, (SELECT version FROM editions WHERE pk = ?)), "
            "date = coalesce(date, (SELECT date FROM editions WHERE pk = ?)) WHERE pk = ?",
            (gone_pk, gone_pk, keep_pk),
        )
        self._delete_edition(db, gone_pk)
        self._show_best(db, keep_pk, report_pk)

    def _show_best(self, db: Database, pk: int, report_pk: int) -> None:
        """Show the reading of the edition's source whose format comes first in `identity.FORMAT_ORDER`, if it
        is not the one shown already (or the one shown has no source left)."""
        (primary_id,) = db.query("SELECT id FROM editions WHERE pk = ?", (pk,))[0]
        sources = db.query("SELECT format, name, reading FROM sources WHERE edition_pk = ? ORDER BY seq", (pk,))
        shown = [identity.format_rank(str(f)) for f, _, reading in sources if reading == primary_id]
        best = min(sources, key=lambda s: identity.format_rank(str(s[0])), default=None)
        if best is None or (shown and min(shown) <= identity.format_rank(str(best[0]))):
            return
        edition = self._load(pk, str(best[0]))
        self._show_reading(db, pk, report_pk, edition)

    @staticmethod
    def _delete_edition(db: Database, pk: int) -> None:
        Library._clear_parts(db, pk)
        db.execute("DELETE FROM sources WHERE edition_pk = ?", (pk,))
        db.execute("DELETE FROM editions WHERE pk = ?", (pk,))

    def _after_edition_change(self, db: Database, report_pk: int) -> None:
        """After editions of a report were merged or removed: drop the passages no sentence prints, keep the
        overlaps of the pairs now consecutive, drop the report's summary (made again when next needed), and
        the report itself when no edition is left (else take its title from its latest edition)."""
        self._drop_unused_passages(db, report_pk)
        db.execute("DELETE FROM summaries WHERE report_pk = ?", (report_pk,))
        rows = self._rows(db, report_pk)
        if not rows:
            db.execute("DELETE FROM reports WHERE pk = ?", (report_pk,))
            return
        _store_overlaps(db, _common_sentences(db, list(itertools.pairwise(r.pk for r in rows))))
        latest = rows[-1]
        db.execute(
            "UPDATE reports SET title = coalesce(?, title), title_key = ?, product = coalesce(?, product) WHERE pk = ?",
            (latest.title, title_key(latest.title) if latest.title else "", latest.product, report_pk),
        )

    def remove(self, ref: str, *, source: str | None = None) -> Removed:
        """Remove the edition `ref` names, with its passages, facts, summaries and index entries; or, with
        `source` (a format such as 'pdf', or a source's file name), only that source of it (the edition goes
        when its last source does; when the source shown goes, the best one left is shown). One transaction."""
        _, key, rows, position = self._resolve(ref)
        row = rows[position]
        name = _ref(key, row, rows)

        def work(db: Database) -> Removed:
            report_pk = int(db.query("SELECT report_pk FROM editions WHERE pk = ?", (row.pk,))[0][0])
            sources = self._sources(db, [row.pk]).get(row.pk, ())
            chosen = sources
            if source is not None:
                chosen = tuple(
                    s
                    for s in sources
                    if s.format == source or s.name == source or (s.name and Path(s.name).name == source)
                )
                if not chosen:
                    listed = ", ".join(s.name or s.format for s in sources)
                    raise NotFoundError(f"{name} has no source {source!r}; its sources: {listed}.")
            if len(chosen) == len(sources):
                self._delete_edition(db, row.pk)
                self._after_edition_change(db, report_pk)
                return Removed(name, key, chosen, True)
            for s in chosen:
                db.execute(
                    "DELETE FROM sources WHERE edition_pk = ? AND format = ? AND name = ?",
                    (row.pk, *_codec.source_row(s)[:2]),
                )
            self._show_best(db, row.pk, report_pk)
            self._after_edition_change(db, report_pk)
            return Removed(name, key, chosen, False)

        return self._db.write(work)

    # --- Reading --------------------------------------------------------------------------------------------

    @staticmethod
    def _rows(db: Database, report_pk: int) -> list[_Row]:
        return _ordered(
            _Row(int(r[0]), str(r[1]), _codec.read_date(r[2]), r[3], r[4], r[5], int(r[6]))
            for r in db.query(
                "SELECT pk, id, date, version, title, product, sentence_count FROM editions WHERE report_pk = ?",
                (report_pk,),
            )
        )

    def _report(self, report: str) -> tuple[int, str]:
        """(pk, key) of a report named case-insensitively."""
        name = report.strip()
        rows = self._db.query("SELECT pk, key FROM reports WHERE key = ?", (name,))
        if not rows:
            rows = self._db.query("SELECT pk, key FROM reports WHERE lower(key) = lower(?)", (name,))
        if not rows:
            raise NotFoundError(f"no report {name!r} in the library {self._db.location}; `editions list` shows them.")
        return int(rows[0][0]), str(rows[0][1])

    def _sources(self, db: Database, pks: Sequence[int]) -> dict[int, tuple[Source, ...]]:
        """Each edition's sources, the one shown first, then in the order they were added."""
        out: dict[int, list[tuple[bool, int, Source]]] = {}
        shown = "s.reading IS NOT NULL AND s.reading <> e.id" if self._merging else "0 = 1"
        columns = self._source_columns()
        for pk, fmt, name, retrieved, address, sha256, api_version, other, seq in _query_in(
            db,
            f"SELECT s.edition_pk, s.format, s.name, s.retrieved_at, {columns}, {shown}, s.seq FROM sources s "
            "JOIN editions e ON e.pk = s.edition_pk WHERE s.edition_pk IN ({marks})",
            pks,
        ):
            source = _codec.read_source(fmt, name, retrieved, address, sha256, api_version)
            out.setdefault(int(pk), []).append((bool(other), int(seq), source))
        return {pk: tuple(src for _, _, src in sorted(v, key=lambda x: x[:2])) for pk, v in out.items()}

    def _info_by_pk(self, db: Database, report_pk: int, pk: int, rows: list[_Row] | None = None) -> EditionInfo:
        key = str(db.query("SELECT key FROM reports WHERE pk = ?", (report_pk,))[0][0])
        rows = rows or self._rows(db, report_pk)
        position = next(i for i, r in enumerate(rows) if r.pk == pk)
        return self._info(key, rows, position, self._sources(db, [pk]).get(pk, ()), None)

    @staticmethod
    def _info(
        key: str, rows: Sequence[_Row], position: int, sources: tuple[Source, ...], changed: float | None
    ) -> EditionInfo:
        row = rows[position]
        return EditionInfo(
            id=row.id,
            report=key,
            ref=_ref(key, row, rows),
            title=row.title,
            date=row.date,
            version=row.version,
            product=row.product,
            position=position + 1,
            sentences=row.sentences,
            sources=sources,
            changed=changed,
        )

    def reports(self) -> list[ReportInfo]:
        """Every report, by key."""
        rows = self._db.query(
            "SELECT r.key, r.title, r.product, r.numbered, count(e.pk), min(e.date), max(e.date) "
            "FROM reports r JOIN editions e ON e.report_pk = r.pk "
            "GROUP BY r.pk, r.key, r.title, r.product, r.numbered ORDER BY r.key"
        )
        return [
            ReportInfo(str(k), t, p, bool(n), int(c), _codec.read_date(first), _codec.read_date(latest))
            for k, t, p, n, c, first, latest in rows
        ]

    def latest_editions(self, reports: Iterable[str] | None = None, depth: int = 2) -> dict[str, list[EditionInfo]]:
        """For each report (every one, or those whose keys `reports` gives exactly), its last `depth` editions,
        oldest first, each as `info` describes it (`info("IF10199~1")`, `info("IF10199")`), in a few queries
        rather than `depth` lookups per report. Keyed by report key; a key that names no report is left out."""
        wanted = None if reports is None else set(reports)
        if wanted is not None and not wanted:
            return {}
        by_report: dict[str, list[_Row]] = {}
        for r in self._db.query(
            "SELECT e.pk, e.id, e.date, e.version, e.title, e.product, e.sentence_count, r.key FROM editions e "
            "JOIN reports r ON r.pk = e.report_pk"
        ):
            if wanted is None or r[7] in wanted:
                by_report.setdefault(str(r[7]), []).append(
                    _Row(int(r[0]), str(r[1]), _codec.read_date(r[2]), r[3], r[4], r[5], int(r[6]))
                )
        chosen: dict[str, tuple[list[_Row], range]] = {}
        for key, found in by_report.items():
            rows = _ordered(found)
            chosen[key] = (rows, range(max(0, len(rows) - depth), len(rows)))
        shown = [rows[i] for rows, positions in chosen.values() for i in positions]
        sources = self._sources(self._db, [r.pk for r in shown])
        shares = self._shares(
            [(rows[i - 1].pk, rows[i].pk) for rows, positions in chosen.values() for i in positions if i > 0]
        )
        return {
            key: [
                self._info(
                    key,
                    rows,
                    i,
                    sources.get(rows[i].pk, ()),
                    shares[(rows[i - 1].pk, rows[i].pk)] if i > 0 else None,
                )
                for i in positions
            ]
            for key, (rows, positions) in sorted(chosen.items())
        }

    def editions(self, report: str, *, compare: bool = False) -> list[EditionInfo]:
        """A report's editions, oldest first, each with the share of sentences changed since the previous one:
        `editions.compare`'s `sentences_changed` when the pair has been compared (with `compare=True`, every
        pair not compared yet is compared now, and kept), else counted on identical sentences."""
        report_pk, key = self._report(report)
        rows = self._rows(self._db, report_pk)
        if compare and _compare.available():
            for old, new in itertools.pairwise(rows):
                fmt = self._common_format(old.pk, new.pk)
                if fmt is None or self._formats(old.pk)[:1] == self._formats(new.pk)[:1] == [fmt]:
                    self._links(old.pk, new.pk)
                elif not self._db.query(
                    "SELECT 1 FROM comparisons WHERE old_pk = ? AND new_pk = ? AND engine = ?",
                    (old.pk, new.pk, _engine_in(fmt)),
                ):
                    self._compare_pks(old.pk, new.pk, fmt)
        sources = self._sources(self._db, [r.pk for r in rows])
        changed = self._changes(rows)
        return [self._info(key, rows, i, sources.get(r.pk, ()), changed[i]) for i, r in enumerate(rows)]

    def _changes(self, rows: Sequence[_Row]) -> list[float | None]:
        """Share of sentences changed between consecutive editions: a cached comparison's figure when there is
        one, else 1 − 2·common / (n_old + n_new) over sentences whose text is identical."""
        shares = self._shares(list(itertools.pairwise(r.pk for r in rows)))
        return [None, *(shares[(old.pk, new.pk)] for old, new in itertools.pairwise(rows))] if rows else []

    def _shares(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
        """`_changes`'s share for each (old pk, new pk) pair, in a few queries however many pairs there are."""
        out: dict[tuple[int, int], float] = {}
        wanted = set(pairs)
        # A comparison in a format both editions share (`_engine_in`) wins over one of the readings shown.
        for old_pk, new_pk, stats, _engine in sorted(
            _query_in(
                self._db,
                "SELECT old_pk, new_pk, stats, engine FROM comparisons WHERE new_pk IN ({marks}) "
                "AND (engine = ? OR substr(engine, 1, ?) = ?)",
                sorted({new for _, new in wanted}),
                after=(_compare.ENGINE, len(_engine_in("")), _engine_in("")),
            ),
            key=lambda r: r[3] != _compare.ENGINE,
        ):
            share = _compare.changed_share(json.loads(stats))
            if share is not None and (int(old_pk), int(new_pk)) in wanted:
                out[(int(old_pk), int(new_pk))] = share
        counted = [pair for pair in pairs if pair not in out]
        if not counted:
            return out
        common = self._overlaps(counted) if self._derived else {}
        fresh = _common_sentences(self._db, [pair for pair in counted if pair not in common])
        if fresh and self._derived:  # a library made before overlaps were kept: keep them now, once
            self._db.write(lambda db: _store_overlaps(db, fresh))
        common.update(fresh)
        sizes = self._sentence_counts(pk for pair in counted for pk in pair)
        for old_pk, new_pk in counted:
            out[(old_pk, new_pk)] = _share(common[(old_pk, new_pk)], sizes.get(old_pk, 0) + sizes.get(new_pk, 0))
        return out

    def _overlaps(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], int]:
        """The kept `sentence_overlaps` of those pairs that have one."""
        wanted = set(pairs)
        found = _query_in(
            self._db,
            "SELECT old_pk, new_pk, common FROM sentence_overlaps WHERE new_pk IN ({marks})",
            sorted({new for _, new in wanted}),
        )
        return {(int(o), int(n)): int(common) for o, n, common in found if (int(o), int(n)) in wanted}

    def _sentence_counts(self, pks: Iterable[int]) -> dict[int, int]:
        found = _query_in(self._db, "SELECT pk, sentence_count FROM editions WHERE pk IN ({marks})", sorted(set(pks)))
        return {int(pk): int(n) for pk, n in found}

    def _resolve(self, ref: str) -> tuple[int, str, list[_Row], int]:
        """(report pk, report key, the report's rows, position) of a reference."""
        reference = refs.parse(ref)
        base, at, back = reference.base, reference.at, reference.back
        try:
            report_pk, key = self._report(base)
            rows = self._rows(self._db, report_pk)
            position = len(rows) - 1
        except NotFoundError:
            if reference.id_prefix is not None:
                report_pk, key, rows, position = self._by_id(reference.id_prefix, ref)
            else:
                raise
        if at is not None:
            position = refs.position(key, rows, at.strip(), ref)
        if back > position:
            raise NotFoundError(
                f"{ref}: there is no edition {back} before {_ref(key, rows[position], rows)}; "
                f"{key} has {len(rows)} edition{'s' if len(rows) != 1 else ''}."
            )
        return report_pk, key, rows, position - back

    def _by_id(self, prefix: str, ref: str) -> tuple[int, str, list[_Row], int]:
        found = self._db.query(
            "SELECT e.pk, e.report_pk, r.key FROM editions e JOIN reports r ON r.pk = e.report_pk "
            "WHERE e.id >= ? AND e.id < ? LIMIT 2",
            (prefix, prefix + "g"),
        )
        if not found:
            raise NotFoundError(f"no report or edition {ref!r} in the library; `editions list` shows them.")
        if len(found) > 1:
            raise NotFoundError(f"{ref!r} names more than one edition; give more digits of its id.")
        pk, report_pk, key = int(found[0][0]), int(found[0][1]), str(found[0][2])
        rows = self._rows(self._db, report_pk)
        return report_pk, key, rows, next(i for i, r in enumerate(rows) if r.pk == pk)

    def info(self, ref: str) -> EditionInfo:
        """What the library knows about the edition `ref` names, without loading it."""
        _, key, rows, position = self._resolve(ref)
        row = rows[position]
        changed = self._changes(rows[max(0, position - 1) : position + 1])[-1] if position else None
        return self._info(key, rows, position, self._sources(self._db, [row.pk]).get(row.pk, ()), changed)

    def get(self, ref: str, *, source: str | None = None) -> Edition:
        """The edition `ref` names, exactly as it was added: its primary reading (the source shown, see
        `identity.FORMAT_ORDER`), or with `source` ('pdf', 'html', 'markdown', 'text') its reading from that
        format. Raises `NotFoundError` when it has no such source."""
        _, _, rows, position = self._resolve(ref)
        return self._load(rows[position].pk, source)

    def _load(self, pk: int, fmt: str | None = None) -> Edition:
        """An edition as stored: its primary reading, or (`fmt`) its reading from a source of that format."""
        (text, body, report, title, date, version, product, authors) = self._db.query(
            "SELECT text, body, report, title, date, version, product, authors FROM editions WHERE pk = ?", (pk,)
        )[0]
        sources = self._sources(self._db, [pk]).get(pk, ())
        columns = self._source_columns()
        shown = (
            self._db.query(
                f"SELECT s.format, s.name, s.retrieved_at, {columns} FROM sources s "
                "JOIN editions e ON e.pk = s.edition_pk "
                "WHERE s.edition_pk = ? AND (s.reading IS NULL OR s.reading = e.id) ORDER BY s.seq",
                (pk,),
            )
            if self._merging
            else [(*_codec.source_row(s), s.url, s.sha256, s.api_version) for s in sources]
        )
        primary = [_codec.read_source(*r) for r in shown]
        source = next((s for s in primary if s.format == fmt), primary[0] if primary else Source("text"))
        if fmt is not None and (source.format != fmt or not primary):
            found = self._db.query(
                f"SELECT format, name, retrieved_at, text, body, {self._source_columns('')} FROM sources "
                "WHERE edition_pk = ? AND format = ? AND text IS NOT NULL ORDER BY seq LIMIT 1",
                (pk, fmt),
            )
            if not found:
                formats = ", ".join(dict.fromkeys(s.format for s in sources))
                raise NotFoundError(f"this edition has no {fmt} source; its sources are {formats}.")
            source = _codec.read_source(*found[0][:3], *found[0][5:])
            text, body = found[0][3], found[0][4]
        return _codec.decode(
            text=text,
            body_json=body,
            source=source,
            report=report,
            title=title,
            date=date,
            version=version,
            product=product,
            authors_json=authors,
        )

    def _formats(self, pk: int) -> list[str]:
        """The formats an edition can be read from, the one shown first."""
        return list(dict.fromkeys(s.format for s in self._sources(self._db, [pk]).get(pk, ())))

    def _common_format(self, old_pk: int, new_pk: int) -> str | None:
        """The format to compare two editions in: the first in `identity.FORMAT_ORDER` that both were read
        from, so that two readers' differences never show as changes; None when they share no format."""
        shared = set(self._formats(old_pk)) & set(self._formats(new_pk))
        return min(shared, key=identity.format_rank) if shared else None

    def sources(self, ref: str) -> tuple[Source, ...]:
        """Every source the edition was read from: the one shown first, then in the order they were added."""
        _, _, rows, position = self._resolve(ref)
        pk = rows[position].pk
        return self._sources(self._db, [pk]).get(pk, ())

    # --- Search ---------------------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        report: str | None = None,
        product: str | None = None,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        within: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Sentences of every edition that contain all the query's words (or "quoted phrases"): one hit per
        distinct sentence of a report, however many editions print it; the report's argument (body prose, table
        rows) first, then captions, notes, source lines and references; best first within each. `within` keeps
        one kind only (`SEARCH_WITHIN`: body, captions, notes). Hits `offset` to `offset + limit`, grouped by
        report, each citing every edition (within `since`/`until`) that prints it; `total` counts them all."""
        return searching.search(
            self,
            query,
            report=report,
            product=product,
            since=since,
            until=until,
            within=within,
            limit=limit,
            offset=offset,
        )

    def citations(
        self,
        ref: str,
        sentence: int,
        *,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Citations:
        """Every sentence (within `since`/`until`) that prints the wording of sentence `sentence` (from 0) of
        edition `ref`, in edition order, `offset` to `offset + limit`: the citations a search hit leaves out
        (a hit names its latest one, so `citations(hit.latest.ref, hit.latest.sentence)` pages through all)."""
        return searching.citations(self, ref, sentence, since=since, until=until, offset=offset, limit=limit)

    def first_seen(self, text: str, *, report: str | None = None, limit: int = 20) -> list[FirstSeen]:
        """For each report whose editions print `text` (a sentence or phrase), the earliest edition that says
        it: found verbatim, then followed back through earlier editions along `editions.compare`'s alignment
        links (so a reworded sentence keeps its history). Without the compare stage, verbatim only."""
        return searching.first_seen(self, text, report=report, limit=limit)

    def _position(self, citation: Citation) -> int:
        return self.info(citation.ref).position

    def _history(self, citation: Citation) -> list[tuple[Citation, str]]:
        """The chain of wordings of one sentence back from `citation`, oldest first."""
        _, key, rows, position = self._resolve(citation.ref)
        current = self._load(rows[position].pk)
        sentence = citation.sentence
        chain = [(citation, current.text_of(current.sentences[sentence]))]
        while position > 0:
            older = self._load(rows[position - 1].pk)
            back = self._align_back(rows[position - 1].pk, rows[position].pk, older, current, sentence)
            if back is None:
                break
            position -= 1
            current, sentence = older, back
            row = rows[position]
            s = current.sentences[sentence]
            chain.append(
                (
                    Citation(key, row.id, _ref(key, row, rows), row.date, row.version, sentence, s.section),
                    current.text_of(s),
                )
            )
        chain.reverse()
        return chain

    def _align_back(self, old_pk: int, new_pk: int, old: Edition, new: Edition, sentence: int) -> int | None:
        """The sentence of `old` that `new`'s sentence `sentence` continues, if any."""
        links = self._links(old_pk, new_pk, old, new)
        if links is None:  # no compare stage: identical text only
            wording = new.text_of(new.sentences[sentence])
            return next((s.index for s in old.sentences if old.text_of(s) == wording), None)
        for old_side, new_side, kind, _ in links:
            if sentence in new_side and old_side and kind not in ("added", "deleted"):
                return old_side[0]
        return None

    def _links(
        self, old_pk: int, new_pk: int, old: Edition | None = None, new: Edition | None = None
    ) -> list[_compare.LinkRow] | None:
        """compare(old, new)'s links, computed once and kept in the library; None without the compare stage."""
        rows = self._db.query(
            "SELECT links FROM comparisons WHERE old_pk = ? AND new_pk = ? AND engine = ?",
            (old_pk, new_pk, _compare.ENGINE),
        )
        if rows:
            return [(tuple(o), tuple(n), str(k), float(s)) for o, n, k, s in json.loads(rows[0][0])]
        aligned = _compare.align(old or self._load(old_pk), new or self._load(new_pk))
        if aligned is None:
            return None
        self._keep_comparison(old_pk, new_pk, *aligned)
        return aligned[0]

    def _keep_comparison(
        self,
        old_pk: int,
        new_pk: int,
        links: list[_compare.LinkRow],
        stats: dict[str, float],
        engine: str = _compare.ENGINE,
    ) -> None:
        def store(db: Database) -> None:
            db.execute(
                "INSERT INTO comparisons (old_pk, new_pk, engine, stats, links) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (old_pk, new_pk, engine, json.dumps(stats), json.dumps([list(x) for x in links])),
            )

        self._db.write(store)

    def compare(self, old: str, new: str, *, source: str | None = None) -> Comparison:
        """`editions.compare` of two editions named by reference (`IF10199~1`, `IF10199`), both read from the same
        format when they have one in common (`source` chooses it); its links and stats are kept, for
        `editions(…)`'s changed shares and `first_seen`, when both readings are the ones shown."""
        _, _, old_rows, i = self._resolve(old)
        _, _, new_rows, j = self._resolve(new)
        return self._compare_pks(old_rows[i].pk, new_rows[j].pk, source)

    def pair(self, old: str, new: str, *, source: str | None = None) -> tuple[Edition, Edition]:
        """Two editions named by reference, as `compare` reads them: both from the same format when they share
        one (`source` chooses it)."""
        _, _, old_rows, i = self._resolve(old)
        _, _, new_rows, j = self._resolve(new)
        fmt = source or self._common_format(old_rows[i].pk, new_rows[j].pk)
        return self._load(old_rows[i].pk, fmt), self._load(new_rows[j].pk, fmt)

    def _compare_pks(self, old_pk: int, new_pk: int, fmt: str | None = None) -> Comparison:
        import editions

        fmt = fmt or self._common_format(old_pk, new_pk)
        old_formats, new_formats = self._formats(old_pk), self._formats(new_pk)
        primaries = fmt is None or (old_formats[:1] == [fmt] and new_formats[:1] == [fmt])
        comparison = editions.compare(self._load(old_pk, fmt), self._load(new_pk, fmt))
        # Links count the sentences of the readings compared: kept under the engine's name only for the readings
        # shown (what `_links` follows), else under `_engine_in(fmt)`, for its changed share alone.
        engine = _compare.ENGINE if primaries else _engine_in(str(fmt))
        cached = self._db.query(
            "SELECT 1 FROM comparisons WHERE old_pk = ? AND new_pk = ? AND engine = ?", (old_pk, new_pk, engine)
        )
        if not cached:
            links, stats = _compare.rows_of(comparison)
            self._keep_comparison(old_pk, new_pk, links, stats, engine)
        return comparison

    def _passage_texts(self, pks: Sequence[int]) -> dict[int, str]:
        return {
            int(pk): str(text)
            for pk, text in _query_in(self._db, "SELECT pk, text FROM passages WHERE pk IN ({marks})", pks)
        }

    # --- Report summaries -------------------------------------------------------------------------------------

    def summary(self, report: str) -> ReportSummary:
        """What a report's page shows beyond its editions: the latest edition's brief and the figures worth
        charting (`library.summary`). Kept in the library with the editions it was made from: made now (and
        kept) only when the report has changed since `prepare` or the last call."""
        report_pk, key = self._report(report)
        return self._summary(report_pk, key)[0]

    def prepare(self, reports: Iterable[str] | None = None, *, on_report: Callable[[str], None] | None = None) -> int:
        """Make and keep the summary of each report (every one, or those `reports` names) whose kept summary
        is missing or older than its editions, so that no page view has to; `add_files` calls it for the
        reports it added to. `on_report` is called with each report's key when it is done. Returns how many
        summaries were made."""
        keys = [r.report for r in self.reports()] if reports is None else list(reports)
        made = 0
        for report in keys:
            report_pk, key = self._report(report)
            made += self._summary(report_pk, key)[1]
            if on_report is not None:
                on_report(key)
        return made

    def unprepared(self) -> list[str]:
        """The reports whose kept summary is missing or older than their editions or the engine (as an add
        stopped before `prepare` leaves them), by key, in two queries: what `prepare` has to make."""
        if not self._derived:
            return []
        by_report: dict[int, tuple[str, list[_Row]]] = {}
        for r in self._db.query(
            "SELECT e.pk, e.id, e.date, e.version, e.title, e.product, e.sentence_count, r.pk, r.key "
            "FROM editions e JOIN reports r ON r.pk = e.report_pk"
        ):
            row = _Row(int(r[0]), str(r[1]), _codec.read_date(r[2]), r[3], r[4], r[5], int(r[6]))
            by_report.setdefault(int(r[7]), (str(r[8]), []))[1].append(row)
        kept = {
            int(pk): (str(made_from), str(engine))
            for pk, made_from, engine in self._db.query("SELECT report_pk, editions, engine FROM summaries")
        }
        return sorted(key for pk, (key, rows) in by_report.items() if kept.get(pk) != _summary_stamp(_ordered(rows)))

    def _summary(self, report_pk: int, key: str) -> tuple[ReportSummary, bool]:
        rows = self._rows(self._db, report_pk)
        made_from, engine = _summary_stamp(rows)
        kept = (
            self._db.query("SELECT editions, engine, body FROM summaries WHERE report_pk = ?", (report_pk,))
            if self._derived
            else []
        )
        if kept and kept[0][0] == made_from and kept[0][1] == engine:
            return report_summary.from_json(str(kept[0][2])), False
        latest = None
        if len(rows) >= 2 and _compare.available():
            latest = self._compare_pks(rows[-2].pk, rows[-1].pk)
        made = ReportSummary(
            None if latest is None else latest.brief,
            tuple(report_summary.tracked_figures(latest, lambda words: self._timelines(report_pk, key, rows, words))),
        )
        if not self._derived:
            return made, True
        body = report_summary.to_json(made)
        self._db.write(
            lambda db: db.execute(
                "INSERT INTO summaries (report_pk, editions, engine, body) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (report_pk) DO UPDATE SET editions = excluded.editions, engine = excluded.engine, "
                "body = excluded.body",
                (report_pk, made_from, engine, body),
            )
        )
        return made, True

    # --- Timelines ------------------------------------------------------------------------------------------

    def timeline(self, report: str, words: str) -> Timeline:
        """The figure that `words` names ("troops", "FDI source Japan rank"), in every edition of `report`."""
        return self.timelines(report, [words])[0]

    def timelines(self, report: str, words: Sequence[str]) -> list[Timeline]:
        """`timeline(report, w)` for each `w` of `words`, in that order, with the report's facts read once (a
        report page charts several figures of one report)."""
        if isinstance(words, str):
            raise TypeError("timelines takes a sequence of figures' words; for one, use timeline")
        report_pk, key = self._report(report)
        return self._timelines(report_pk, key, self._rows(self._db, report_pk), words)

    def _timelines(self, report_pk: int, key: str, rows: Sequence[_Row], words: Sequence[str]) -> list[Timeline]:
        facts = ReportFacts(self._report_facts(report_pk, rows) if words else [])
        refs = _refs(key, rows)
        title = rows[-1].title if rows else None
        out = []
        for query in words:
            chain = trace_with_rivals(query, facts)
            points = []
            for row, ref, (fact, similarity, rivals) in zip(rows, refs, chain, strict=True):
                points.append(
                    TimelinePoint(
                        edition=row.id,
                        ref=ref,
                        date=row.date,
                        version=row.version,
                        value=None if fact is None else fact.value,
                        kind=None if fact is None else fact.kind,
                        unit=None if fact is None else fact.unit,
                        approximate=False if fact is None else fact.approximate,
                        text=None if fact is None else fact.surface,
                        measure=None if fact is None else fact.measure,
                        sentence=None if fact is None else fact.sentence,
                        sentence_text=None if fact is None else fact.sentence_text,
                        similarity=similarity,
                        alternatives=tuple(
                            Alternative(r.value, r.surface, r.sentence, r.sentence_text) for r in rivals
                        ),
                    )
                )
            out.append(Timeline(key, title, query, tuple(points)))
        return out

    def _report_facts(self, report_pk: int, rows: Sequence[_Row]) -> list[list[FactRow]]:
        """Every fact of each edition of a report (in `rows`' order), with its sentence's text."""
        found = self._db.query(
            "SELECT f.edition_pk, f.sentence, f.kind, f.measure, f.value, f.unit, f.approximate, f.surface, "
            "s.passage_pk FROM facts f JOIN editions e ON e.pk = f.edition_pk "
            "JOIN sentences s ON s.edition_pk = f.edition_pk AND s.idx = f.sentence "
            "WHERE e.report_pk = ? ORDER BY f.edition_pk, f.idx",
            (report_pk,),
        )
        texts = self._passage_texts(sorted({int(r[8]) for r in found}))
        # Structure decided each sentence's role and block when the edition was read; a timeline follows figures
        # of the report's argument only, never a caption's, a heading's or a note's.
        figure_sentences = {
            int(pk): figure_sentence_indices(str(body))
            for pk, body in self._db.query("SELECT pk, body FROM editions WHERE report_pk = ?", (report_pk,))
        }
        facts: dict[int, list[FactRow]] = {r.pk: [] for r in rows}
        for edition_pk, sentence, kind, measure, value, unit, approximate, surface, passage_pk in found:
            if int(sentence) not in figure_sentences.get(int(edition_pk), frozenset()):
                continue
            facts[int(edition_pk)].append(
                FactRow(
                    int(sentence),
                    kind,
                    measure,
                    value,
                    unit,
                    bool(approximate),
                    surface,
                    texts[int(passage_pk)],
                )
            )
        return [facts[r.pk] for r in rows]

    # --- Watch list and change notices (`library.notices`) ----------------------------------------------------

    def watch(self, reports: Iterable[str]) -> list[str]:
        """Put reports on the watch list (report numbers, or reports of the library named in any case); a report
        may be watched before it is in the library. Returns the keys watched. Watching one twice is no error."""
        if isinstance(reports, str):
            raise TypeError("watch takes a sequence of reports; for one, give [report]")
        return self._db.write(lambda db: change_notices.add_watches(db, reports))

    def unwatch(self, reports: Iterable[str]) -> list[str]:
        """Take reports off the watch list; raises `LibraryError` (and removes none) for one not on it."""
        if isinstance(reports, str):
            raise TypeError("unwatch takes a sequence of reports; for one, give [report]")
        return self._db.write(lambda db: change_notices.remove_watches(db, reports))

    def watched(self) -> list[Watch]:
        """The watch list, by report key, with what the library holds of each report."""
        return change_notices.watches(self._db)

    def record_notice(self, new: str, old: str | None = None) -> Notice | None:
        """Compare the edition `new` names with `old` (default: the edition before it in its report) and keep the
        change notice: the editions, when it was recorded, the brief's headline lines (figure changes first), the
        number of figure changes. Recording the same pair again returns the notice kept, unchanged. None when
        `new` is its report's first edition (nothing to compare it with)."""
        _, key, rows, position = self._resolve(new)
        if old is None:
            if position == 0:
                return None
            old_rows, old_position = rows, position - 1
        else:
            _, old_key, old_rows, old_position = self._resolve(old)
            if old_key != key:
                raise LibraryError(
                    f"a notice compares two editions of one report; {old} is of {old_key}, {new} of {key}."
                )
        old_row, new_row = old_rows[old_position], rows[position]
        found = change_notices.find(self._db, old_row.id, new_row.id)
        if found is not None:
            return found
        comparison = self._compare_pks(old_row.pk, new_row.pk)
        old_edition = NoticeEdition(old_row.id, _ref(key, old_row, old_rows), old_row.date, old_row.version)
        new_edition = NoticeEdition(new_row.id, _ref(key, new_row, rows), new_row.date, new_row.version)
        title = rows[-1].title
        return self._db.write(lambda db: change_notices.store(db, key, title, old_edition, new_edition, comparison))

    def notices(
        self,
        *,
        since: dt.date | dt.datetime | str | None = None,
        report: str | None = None,
        watched_only: bool = False,
        limit: int | None = None,
    ) -> list[Notice]:
        """Change notices, newest first: recorded at or after `since` (a date, a datetime, or YYYY[-MM[-DD]]), of
        `report` only (a report of the library or one watched), of watched reports only, at most `limit`."""
        key = None
        if report is not None:
            try:
                key = self._report(report)[1]
            except NotFoundError:
                key = change_notices.watch_key(self._db, report)
        return change_notices.select(
            self._db,
            since=change_notices.since_bound(since),
            report=key,
            watched_only=watched_only,
            limit=limit,
        )

    def pending_notices(self, target: Target, *, backlog: dt.timedelta) -> list[Notice]:
        """The notices not yet delivered to `target`, oldest first (`library.notices.pending`: a target seen for
        the first time gets those of the `backlog` before then)."""
        return change_notices.pending(self._db, target, backlog)

    def record_delivery(self, notice: int, target: Target, error: str | None = None) -> int:
        """Record one attempt to deliver notice `notice` (its id) to `target`: delivered when `error` is None,
        else failed with that error (and pending still). Returns how many attempts it has had."""
        return self._db.write(lambda db: change_notices.record_delivery(db, notice, target, error))
