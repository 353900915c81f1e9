"""Fetch a report's editions from Congress.gov into a library: its current formats, then its earlier versions
from the numbered PDF URLs down to version 1 (a missing number is a gap, skipped).

With `jobs` > 1, files are downloaded in that many threads and read (parsed) in that many processes; the calling
thread alone writes to the library, one transaction per file, so an interrupted run leaves whole editions only
and a re-run picks up where it stopped: a versioned PDF already a source in the library is not asked for again
(its URL names one version forever), the HTML page (one URL for every version) is asked for conditionally.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import re
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import editions
from editions.errors import EditionsError, InputWarning
from editions.fetch.api import DEFAULT_API_URL, KEY_HELP, ApiKeyError, CongressApi, FileLink, ReportDetail
from editions.fetch.cache import FileCache, default_cache_dir, sha256_of
from editions.fetch.http import DEFAULT_RATE, BotChallenge, Clock, FetchError, PoliteClient, is_bot_challenge
from editions.library import AddStatus, Library, NotFoundError
from editions.model import Edition

FORMATS = ("pdf", "html")
_VERSIONED_PDF = re.compile(r"^(?P<base>.*/)(?P<id>[A-Za-z0-9]+)\.(?P<version>\d+)\.pdf$")
_HTML = re.compile(r"^(?P<dir>.*/)HTML/(?P<id>[A-Za-z0-9]+)(?:\.web)?\.html$")


class Outcome(StrEnum):
    ADDED = "added"
    NEW_SOURCE = "new source"
    EXISTS = "exists"
    """Downloaded (or its cached copy confirmed unchanged) and already in the library."""
    KNOWN = "known"
    """A versioned PDF already a source in the library: not asked for."""
    MISSING = "missing"
    """The server has no such file (a gap in the version numbers)."""
    CHALLENGED = "challenged"
    """The host answered with its bot check; nothing stored."""
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileTask:
    report: str
    format: str
    url: str
    version: int | None
    current: bool
    """A file of the report's current version (else a back-fill of an earlier one)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """What became of one file."""

    task: FileTask
    outcome: Outcome
    ref: str | None = None
    """The edition's reference in the library, when the file was read."""
    edition_id: str | None = None
    downloaded: bool = False
    """Bytes came over the network (not a 304, not the cache, not skipped)."""
    message: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportFetched:
    report: str
    detail: ReportDetail | None
    files: tuple[Fetched, ...]
    had_editions: int
    """How many editions the library held of this report before."""
    error: str | None = None
    notes: tuple[str, ...] = ()
    """Sentences for the user (a bot check met and what was used instead)."""

    @property
    def added(self) -> tuple[Fetched, ...]:
        return tuple(f for f in self.files if f.outcome is Outcome.ADDED)


@dataclass(frozen=True, slots=True)
class Download:
    url: str
    data: bytes
    sha256: str
    retrieved_at: dt.datetime
    fresh: bool
    """Bytes came over the network (200), not a 304 or a cached copy."""


class Downloader:
    """Files through the cache: a conditional GET when a copy is cached; the copy kept when it answers 304."""

    def __init__(self, client: PoliteClient, cache: FileCache) -> None:
        self.client = client
        self.cache = cache

    def get(self, url: str) -> Download | None:
        """The file, or None when the server has none (404, 410). Raises `BotChallenge`, `FetchError`."""
        if self.cache.is_missing(url):
            return None
        cached = self.cache.get(url)
        headers: dict[str, str] = {}
        if cached is not None:
            if cached[0].etag:
                headers["If-None-Match"] = cached[0].etag
            if cached[0].last_modified:
                headers["If-Modified-Since"] = cached[0].last_modified
        response = self.client.get(url, headers=headers)
        if is_bot_challenge(response):
            raise BotChallenge(f'{url} answered with the host\'s bot check ("Just a moment..."), not the file.')
        if response.status == 304 and cached is not None:
            entry, data = cached
            return Download(url, data, entry.sha256, dt.datetime.fromisoformat(entry.retrieved_at), fresh=False)
        if response.status in (404, 410):
            return None
        if response.status != 200:
            raise FetchError(f"{url} answered HTTP {response.status}.")
        data = response.content
        if cached is not None and cached[0].sha256 == sha256_of(data):
            entry = cached[0]
            return Download(url, data, entry.sha256, dt.datetime.fromisoformat(entry.retrieved_at), fresh=True)
        entry = self.cache.put(
            url, data, etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified")
        )
        return Download(url, data, entry.sha256, dt.datetime.fromisoformat(entry.retrieved_at), fresh=True)


def pdf_url(link: FileLink, version: int) -> str | None:
    """The URL of `version`'s PDF, from any file URL of the report the API gave."""
    if m := _VERSIONED_PDF.match(link.url):
        return f"{m.group('base')}{m.group('id')}.{version}.pdf"
    if m := _HTML.match(link.url):
        return f"{m.group('dir')}PDF/{m.group('id')}/{m.group('id')}.{version}.pdf"
    return None


def read_download(task: FileTask, download: Download) -> Edition:
    """The downloaded file read as an edition, with its provenance as its source, and the catalogue's version
    where the document states none."""
    edition = editions.read(download.data, task.format, name=task.url)
    source = dataclasses.replace(
        edition.source,
        name=task.url,
        url=edition.source.url or task.url,
        retrieved_at=download.retrieved_at,
        sha256=download.sha256,
        api_version=task.version,
    )
    version = edition.version if edition.version is not None else task.version
    return dataclasses.replace(edition, source=source, version=version)


def read_file(task: FileTask, download: Download) -> _Read:
    """`read_download`, with its warnings and its one-sentence error kept (run in a reader process too)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            edition = read_download(task, download)
        except EditionsError as exc:
            return _Read(task, None, Outcome.FAILED, download.fresh, " ".join(str(exc).split()), ())
    notes = tuple(str(w.message) for w in caught if issubclass(w.category, InputWarning))
    return _Read(task, edition, Outcome.EXISTS, download.fresh, None, notes)


@dataclass(frozen=True, slots=True)
class _Read:
    task: FileTask
    edition: Edition | None
    outcome: Outcome
    downloaded: bool
    message: str | None
    warnings: tuple[str, ...]


class Fetcher:
    """Fetches reports into `library`. `on_file` is called (in the calling thread) for each file's outcome."""

    def __init__(
        self,
        library: Library,
        api: CongressApi,
        downloader: Downloader,
        *,
        formats: Iterable[str] = FORMATS,
        jobs: int = 1,
        on_file: Callable[[Fetched], None] | None = None,
    ) -> None:
        self.library = library
        self.api = api
        self.downloader = downloader
        self.formats = tuple(formats)
        self.jobs = max(1, jobs)
        self.on_file = on_file

    def fetch(self, reports: Iterable[str], *, backfill: bool = True) -> list[ReportFetched]:
        """Each report's current formats and (with `backfill`) its earlier versions; then the page summary of
        each report that gained an edition is made (`Library.prepare`)."""
        results: list[ReportFetched] = []
        # One job runs in the calling thread: a single worker thread would only trade the GIL back and forth
        # with the writer at every network read.
        with contextlib.ExitStack() as stack:
            pool = readers = None
            if self.jobs > 1:
                pool = stack.enter_context(
                    ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="editions-fetch")
                )
                # Spawned, not forked: a fork copies this process's threads' locks (HTTP pool, a server's) held.
                readers = stack.enter_context(
                    ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"))
                )
            for report_id, planned in self._plans(reports, backfill):
                results.append(self._run(report_id, planned, pool, readers))
        touched = sorted({f.ref.split("@")[0] for r in results for f in r.added if f.ref})
        self.library.prepare(touched)
        return results

    def _plans(
        self, reports: Iterable[str], backfill: bool
    ) -> Iterator[tuple[str, tuple[ReportDetail, list[FileTask], set[str], int] | str]]:
        for report_id in dict.fromkeys(r.strip().upper() for r in reports if r.strip()):
            try:
                yield report_id, self.plan(report_id, backfill=backfill)
            except ApiKeyError:
                raise
            except FetchError as exc:
                yield report_id, str(exc)

    def known_urls(self, report_id: str) -> tuple[set[str], int]:
        """The file URLs already sources of the report's editions, and how many editions it has."""
        try:
            infos = self.library.editions(report_id)
        except NotFoundError:
            return set(), 0
        return {s.name for e in infos for s in e.sources if s.name}, len(infos)

    def plan(self, report_id: str, *, backfill: bool = True) -> tuple[ReportDetail, list[FileTask], set[str], int]:
        """The report's detail and the files to ask for: the current formats (`formats`), then (with
        `backfill`) each earlier version's PDF not yet in the library, newest first."""
        detail = self.api.detail(report_id)
        known, count = self.known_urls(detail.id)
        tasks: list[FileTask] = []
        for link in detail.formats:
            if link.format in self.formats:
                version = link.version if link.format == "pdf" else detail.current_version
                tasks.append(FileTask(detail.id, link.format, link.url, version, current=True))
        current = detail.current_version
        template = next((link for link in detail.formats if pdf_url(link, 1) is not None), None)
        wants_pdf = "pdf" in self.formats or not tasks
        if wants_pdf and current is not None and template is not None and not any(t.format == "pdf" for t in tasks):
            url = pdf_url(template, current)
            assert url is not None
            tasks.append(FileTask(detail.id, "pdf", url, current, current=True))
        if backfill and current is not None and template is not None:
            for version in range(current - 1, 0, -1):
                url = pdf_url(template, version)
                assert url is not None
                tasks.append(FileTask(detail.id, "pdf", url, version, current=False))
        return detail, tasks, known, count

    def _run(
        self,
        report_id: str,
        planned: tuple[ReportDetail, list[FileTask], set[str], int] | str,
        pool: ThreadPoolExecutor | None,
        readers: ProcessPoolExecutor | None = None,
    ) -> ReportFetched:
        if isinstance(planned, str):
            return ReportFetched(report_id, None, (), 0, error=planned)
        detail, tasks, known, count = planned
        results: list[Fetched] = []
        notes: list[str] = []
        pending: deque[Future[_Read]] = deque()
        challenged = False
        for task in tasks:
            if task.format == "pdf" and task.url in known:
                results.append(self._tell(Fetched(task, Outcome.KNOWN)))
            elif pool is None:
                read = self._download_and_read(task)
                challenged = challenged or (read.outcome is Outcome.CHALLENGED and read.task.format == "html")
                results.append(self._tell(self._write(read)))
            else:
                pending.append(pool.submit(self._download_and_read, task, readers))
        while pending:
            read = pending.popleft().result()
            challenged = challenged or (read.outcome is Outcome.CHALLENGED and read.task.format == "html")
            results.append(self._tell(self._write(read)))
        if challenged:
            # The HTML is one URL for every version: behind the bot check, the current version's PDF stands in.
            notes.append(f"{report_id}: the HTML page answered with the host's bot check, so its PDF is used instead.")
            has_pdf = any(t.format == "pdf" and t.current for t in tasks)
            template = next((link for link in detail.formats if pdf_url(link, 1) is not None), None)
            if not has_pdf and template is not None and detail.current_version is not None:
                url = pdf_url(template, detail.current_version)
                assert url is not None
                task = FileTask(detail.id, "pdf", url, detail.current_version, current=True)
                fetched = Fetched(task, Outcome.KNOWN) if url in known else self._write(self._download_and_read(task))
                results.append(self._tell(fetched))
        return ReportFetched(report_id, detail, tuple(results), count, notes=tuple(notes))

    def _tell(self, fetched: Fetched) -> Fetched:
        if self.on_file is not None:
            self.on_file(fetched)
        return fetched

    def _download_and_read(self, task: FileTask, readers: ProcessPoolExecutor | None = None) -> _Read:
        """The file's bytes (in a download thread when jobs > 1) and their reading (in a reader process when jobs
        > 1: PDFium is not thread-safe, and reading is what takes the time); nothing touches the library here."""
        try:
            download = self.downloader.get(task.url)
        except BotChallenge as exc:
            return _Read(task, None, Outcome.CHALLENGED, False, str(exc), ())
        except FetchError as exc:
            return _Read(task, None, Outcome.FAILED, False, str(exc), ())
        if download is None:
            return _Read(task, None, Outcome.MISSING, False, None, ())
        if readers is None:
            return read_file(task, download)
        return readers.submit(read_file, task, download).result()

    def _write(self, read: _Read) -> Fetched:
        """In the calling thread: the reading added to the library (one transaction)."""
        if read.outcome is Outcome.MISSING and not read.task.current:
            self.downloader.cache.mark_missing(read.task.url)
        if read.edition is None:
            return Fetched(read.task, read.outcome, downloaded=read.downloaded, message=read.message)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            added = self.library.add(read.edition)
        notes = read.warnings + tuple(str(w.message) for w in caught if issubclass(w.category, InputWarning))
        outcome = {
            AddStatus.ADDED: Outcome.ADDED,
            AddStatus.NEW_SOURCE: Outcome.NEW_SOURCE,
            AddStatus.EXISTS: Outcome.EXISTS,
        }[added.status]
        return Fetched(
            read.task,
            outcome,
            ref=added.edition.ref,
            edition_id=added.edition.id,
            downloaded=read.downloaded,
            warnings=notes,
        )


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """What a fetch or update run is told by its options (or their environment variables)."""

    api_key: str
    api_url: str = DEFAULT_API_URL
    cache_dir: Path | None = None
    """None: `default_cache_dir()`."""
    rate: float = DEFAULT_RATE
    jobs: int = 1
    formats: tuple[str, ...] = FORMATS


@contextlib.contextmanager
def open_fetcher(
    library: Library,
    settings: FetchSettings,
    *,
    clock: Clock | None = None,
    on_file: Callable[[Fetched], None] | None = None,
) -> Iterator[Fetcher]:
    """A `Fetcher` with its HTTP client and cache, closed on exit. Raises `ApiKeyError` without a key."""
    if not settings.api_key.strip():
        raise ApiKeyError(f"no Congress.gov API key; {KEY_HELP}.")
    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown or not settings.formats:
        raise FetchError(f"--formats takes {' and '.join(FORMATS)} (comma-separated), not {','.join(unknown)!r}.")
    cache = FileCache(settings.cache_dir or default_cache_dir())
    with PoliteClient(rate=settings.rate, clock=clock) as client:
        api = CongressApi(client, settings.api_url, settings.api_key.strip())
        yield Fetcher(
            library, api, Downloader(client, cache), formats=settings.formats, jobs=settings.jobs, on_file=on_file
        )
