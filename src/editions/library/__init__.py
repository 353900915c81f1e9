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
import itertools
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from editions.errors import EditionsError, InputWarning
from editions.ingest import DEFAULT_MAX_BYTES
from editions.library import _codec, _compare, prepared, searching
from editions.library import notices as change_notices
from editions.library import summary as report_summary
from editions.library._db import Database, LibraryError, NotFoundError
from editions.library.answers import (
    Added,
    AddStatus,
    EditionInfo,
    FileResult,
    Neighbours,
    Removed,
    ReportInfo,
    ReportOverview,
)
from editions.library.changes import Changes
from editions.library.figures import Figures
from editions.library.notices import Notice, NoticeEdition, Target, Watch
from editions.library.paths import Skipped, expand_paths, scan_paths
from editions.library.refs import name as _ref
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
from editions.library.store import TITLE_SIMILARITY as TITLE_SIMILARITY
from editions.library.store import title_key as title_key
from editions.library.summary import ReportSummary
from editions.library.timeline import Timeline, TimelinePoint, render_chart
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
    "Neighbours",
    "NotFoundError",
    "Notice",
    "NoticeEdition",
    "Removed",
    "ReportHits",
    "ReportInfo",
    "ReportOverview",
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
_URL = re.compile(r"^postgres(?:ql)?://", re.I)


def default_location() -> str:
    return os.environ.get(ENV) or DEFAULT_PATH


def open_database(location: str) -> Database:
    if _URL.match(location):
        from editions.library.postgres import PostgresDatabase

        return PostgresDatabase(location)
    from editions.library.sqlite import SqliteDatabase

    return SqliteDatabase(location)


# --- The library ------------------------------------------------------------------------------------------------


class Library(Changes, Figures):
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

    def add_bytes(self, data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Added:
        """Add an edition sent as bytes (an upload): `name` names its source and its extension picks the reader,
        as a file's name does; more than `max_bytes` is refused with `InputError` (as `editions.read` does).
        A new edition's report is prepared at once (`prepare`), so that its page opens without making its
        summary. Issues `InputWarning`s as `add` does."""
        import editions

        edition = editions.read(data, max_bytes=max_bytes, name=name)
        added = self.add(edition)
        if added.status == AddStatus.ADDED:
            self.prepare([added.edition.report])
        return added

    def add_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        on_result: Callable[[FileResult], None] | None = None,
        prepare: bool = True,
        on_prepare: Callable[[int, int], None] | None = None,
    ) -> list[FileResult]:
        """Add every file (directories expanded with `expand_paths`), each in its own transaction; a file that
        fails is reported in its result and the others are still added. Then, with `prepare`, `prepare` every
        report whose summary is missing or stale (`unprepared`): those that gained an edition, and those an
        interrupted earlier add left without one. Progress: `on_result` is called with each file's result as it
        is done, `on_prepare` with (reports prepared, reports to prepare), first (0, n) before preparing."""
        results: list[FileResult] = []
        for path in scan_paths(paths):
            result = (
                self._add_file(path) if isinstance(path, Path) else FileResult(path.path, None, skipped=path.reason)
            )
            results.append(result)
            if on_result is not None:
                on_result(result)
        if prepare:
            todo = self.unprepared()
            if on_prepare is None:
                self.prepare(todo)
            else:
                on_prepare(0, len(todo))
                done = itertools.count(1)
                self.prepare(todo, on_report=lambda _: on_prepare(next(done), len(todo)))
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

    # --- Merging and removing ------------------------------------------------------------------------------------

    def remove(self, ref: str, *, source: str | None = None) -> Removed:
        """Remove the edition `ref` names, with its passages, facts, summaries and index entries; or, with
        `source` (a format such as 'pdf', or a source's file name), only that source of it (the edition goes
        when its last source does; when the source shown goes, the best one left is shown). One transaction."""
        _, key, rows, position = self._resolve(ref)
        row = rows[position]
        name = _ref(key, row, rows)
        removed: Removed = self._db.write(lambda db: self._remove(db, row, key, name, source))
        return removed

    # --- Reading --------------------------------------------------------------------------------------------

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
        return self._latest(reports, depth)

    def editions(self, report: str, *, compare: bool = False) -> list[EditionInfo]:
        """A report's editions, oldest first, each with the share of sentences changed since the previous one:
        `editions.compare`'s `sentences_changed` when the pair has been compared (with `compare=True`, every
        pair not compared yet is compared now, and kept), else counted on identical sentences."""
        report_pk, key = self._report(report)
        rows = self._rows(self._db, report_pk)
        if compare and _compare.available():
            self._compare_consecutive(rows)
        sources = self._sources(self._db, [r.pk for r in rows])
        changed = self._changes(rows)
        return [self._info(key, rows, i, sources.get(r.pk, ()), changed[i]) for i, r in enumerate(rows)]

    def neighbours(self, ref: str) -> Neighbours:
        """The edition `ref` names (as `info` describes it), with the editions before and after it in its report
        (as `editions` lists them)."""
        info = self.info(ref)
        siblings = self.editions(info.report)
        position = info.position - 1
        return Neighbours(
            info,
            siblings[position - 1] if position > 0 else None,
            siblings[position + 1] if position + 1 < len(siblings) else None,
            len(siblings),
        )

    def overview(self, report: str, figure: str = "") -> ReportOverview:
        """What a report's page shows (`report` may be any reference to one of its editions): its editions, the
        latest brief and the figures charted (`summary`); with `figure`, that figure's timeline first, instead of
        a charted one stating the same."""
        key = self.info(report).report
        summary = self.summary(key)  # first: making it may keep the latest comparison, which % changed reads
        rows = self.editions(key)
        timelines = list(summary.timelines)
        asked = None
        if figure:
            asked = self.timeline(key, figure)
            timelines = [asked, *[t for t in timelines if t.query != figure and t.statements != asked.statements]]
        return ReportOverview(key, tuple(rows), summary.brief, tuple(timelines), asked)

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
        return prepared.unprepared(self._db) if self._derived else []

    def _summary(self, report_pk: int, key: str) -> tuple[ReportSummary, bool]:
        """The report's summary, and whether it was made now (else it was kept)."""
        rows = self._rows(self._db, report_pk)
        made_from = prepared.stamp(rows)
        found = prepared.kept(self._db, report_pk, made_from) if self._derived else None
        if found is not None:
            return found, False
        latest = None
        if len(rows) >= 2 and _compare.available():
            latest = self._compare_pks(rows[-2].pk, rows[-1].pk)
        made = ReportSummary(
            None if latest is None else latest.brief,
            tuple(report_summary.tracked_figures(latest, lambda words: self._timelines(report_pk, key, rows, words))),
        )
        if self._derived:
            self._db.write(lambda db: prepared.keep(db, report_pk, made_from, made))
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
