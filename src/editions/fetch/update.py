"""`editions update`: poll the catalogue for what changed since the last run, fetch the new editions of the
reports followed (or of all), and tell a new edition from a metadata-only update.

The list is walked newest update first until it meets the newest update date the previous run saw (kept in the
library, per API URL), so a run asks for one page when little changed. The catalogue's `updateDate` also moves
on metadata-only changes: an update is a new edition only when a file of the report's current version has a text
the library does not hold (the version's PDF URL is new, or the HTML page's content changed). Idempotent: a
second run finds nothing new; the marker moves only when every report looked at was fetched, so a failed run is
redone by the next. `UpdateScheduler` runs updates in the background of `editions serve`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from editions.fetch.fetcher import Fetcher, Outcome, ReportFetched
from editions.fetch.http import FetchError
from editions.library import Library, NotFoundError, Notice

LOG = logging.getLogger("editions.update")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class NewEdition:
    """An edition that an update found published since the library last had the report (not a back-fill of an
    older version, not the first edition of a report new to the library)."""

    report: str
    ref: str
    edition_id: str
    version: int | None
    url: str


@dataclass(frozen=True, slots=True)
class UpdateResult:
    looked_at: tuple[str, ...]
    """Reports whose catalogue entry moved since the last run (and were followed), or followed reports new to
    the library."""
    new_editions: tuple[NewEdition, ...]
    metadata_only: tuple[str, ...]
    """Reports looked at whose update brought no new edition."""
    fetched: tuple[ReportFetched, ...]
    seen_until: str | None
    """The newest catalogue update date this run saw: where the next run stops."""
    notices: tuple[Notice, ...] = ()
    """The change notice of each new edition (against the edition before it), as the library keeps it."""

    @property
    def failed(self) -> tuple[ReportFetched, ...]:
        return tuple(
            r for r in self.fetched if r.error is not None or any(f.outcome is Outcome.FAILED for f in r.files)
        )


NewEditionsHook = Callable[[Library, Sequence[NewEdition]], None]
"""Called once per update run with the new editions it added (none: not called): where change notices and
alerts are made from them."""


def marker_key(api_url: str) -> str:
    return f"update.seen_until {api_url.rstrip('/')}"


def parse_duration(text: str) -> float:
    """'1h' → 3600.0; seconds, or a number with s, m, h or d. Raises ValueError."""
    m = _DURATION.match(text)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(text)
    return float(m.group(1)) * _UNIT[m.group(2).lower()]


def library_reports(library: Library) -> list[str]:
    """The reports with a printed number in the library: what `update` follows when told no watch list."""
    return [r.report for r in library.reports() if r.numbered]


def followed_reports(library: Library) -> list[str]:
    """What `update` follows when given no report numbers: the watch list, or, when nothing is watched, the
    library's numbered reports."""
    return [w.report for w in library.watched()] or library_reports(library)


def _has_editions(library: Library, report: str) -> bool:
    try:
        return bool(library.editions(report))
    except NotFoundError:
        return False


def update(
    library: Library,
    fetcher: Fetcher,
    *,
    followed: Iterable[str] | None,
    since: str | None = None,
    on_new: NewEditionsHook | None = None,
) -> UpdateResult:
    """One update run. `followed`: the reports to keep up to date (None: every report in the catalogue). The
    first run over all reports needs `since` (an ISO date); later runs go from where the last one stopped."""
    key = marker_key(fetcher.api.base_url)
    last = library.setting(key)
    follow = None if followed is None else {r.strip().upper() for r in followed if r.strip()}
    start = last or since
    if start is None and follow is None:
        raise FetchError("the first `editions update --all` needs --since DATE (YYYY-MM-DD): where to start.")
    moved: list[str] = []
    newest: str | None = None
    if start is not None:
        for item in fetcher.api.listing(since=start):
            if last is not None and item.update_date <= last:
                break  # met what the last run saw
            newest = newest or item.update_date
            if follow is None or item.id in follow:
                moved.append(item.id)
    else:
        newest = next((item.update_date for item in fetcher.api.listing(page_size=1)), None)
    # A followed report the library does not have yet is fetched whole (its back-fill makes no notices).
    missing = [r for r in sorted(follow or ()) if r not in moved and not _has_editions(library, r)]
    looked_at = [*moved, *missing]
    results = fetcher.fetch(looked_at)
    new: list[NewEdition] = []
    metadata_only: list[str] = []
    for result in results:
        if result.error is not None:
            continue
        fresh = [
            NewEdition(result.report, f.ref, f.edition_id, f.task.version, f.task.url)
            for f in result.files
            if f.outcome is Outcome.ADDED and f.task.current and f.ref and f.edition_id
        ]
        if result.had_editions and fresh:
            new.extend(fresh)
        elif not result.added:
            metadata_only.append(result.report)
    # Each new edition is compared with the one before it and the notice kept, before anything is told or sent:
    # a run killed after this point leaves notices that `editions notify` (or the next update) still delivers.
    notices = tuple(n for e in new if (n := library.record_notice(e.edition_id)) is not None)
    outcome = UpdateResult(tuple(looked_at), tuple(new), tuple(metadata_only), tuple(results), newest, notices)
    if new and on_new is not None:
        on_new(library, outcome.new_editions)
    if not outcome.failed and newest is not None and (last is None or newest > last):
        library.set_setting(key, newest)
    return outcome


class UpdateScheduler:
    """Runs `run` every `every` seconds in a daemon thread, one run at a time (a run still going when the next is
    due makes that one wait), logging each run's outcome; `stop` ends it after the current run."""

    def __init__(self, run: Callable[[], UpdateResult], every: float) -> None:
        self.run = run
        self.every = every
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="editions-update", daemon=True)

    def start(self) -> None:
        LOG.info("updating every %s", dt.timedelta(seconds=self.every))
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._stop.wait(self.every)

    def run_once(self) -> None:
        try:
            result = self.run()
        except Exception as exc:  # a failed run is logged and the next one tries again
            LOG.warning("update failed: %s", " ".join(str(exc).split()) or type(exc).__name__)
        else:
            LOG.info(
                "update: %d reports looked at, %d new editions%s, %d metadata-only, %d failed",
                len(result.looked_at),
                len(result.new_editions),
                "" if not result.new_editions else f" ({', '.join(e.ref for e in result.new_editions)})",
                len(result.metadata_only),
                len(result.failed),
            )
        self.runs += 1
