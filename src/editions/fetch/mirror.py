"""Import a report's whole history from EveryCRSReport.com or a mirror of its layout (a URL or a folder).

Layout (../shared/SOURCES.md): `reports.csv` (`number,url,sha1,…`, sha1 of the report's JSON), `reports/{ID}.json`
(`versions`, newest first, each with its `date` and `formats`: `filename`, `sha1` of the file, the congress.gov
`url`), files at `files/{DATE}_{ID}_{SHA1}.{pdf|html}`. Every SHA-1 given is checked; a file that does not match
is not added. Each file becomes a source of its edition, named by where it was read, with the congress.gov URL
the mirror states as its address.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import editions
from editions.errors import EditionsError, InputWarning
from editions.fetch.api import pdf_version
from editions.fetch.cache import FileCache, default_cache_dir, sha256_of
from editions.fetch.fetcher import Downloader, Fetched, FetchSettings, FileTask, Outcome, ReportFetched
from editions.fetch.http import Clock, FetchError, PoliteClient
from editions.library import AddStatus, Library, NotFoundError
from editions.model import Edition

EVERYCRSREPORT_URL = "https://www.everycrsreport.com"


class _Mirror:
    """Reads files of the mirror: from its folder, or over HTTP through the cache."""

    def __init__(self, location: str, downloader: Downloader | None) -> None:
        self.location = location.rstrip("/")
        self.remote = location.startswith(("http://", "https://"))
        self.downloader = downloader

    def where(self, relative: str) -> str:
        return f"{self.location}/{relative}" if self.remote else str(Path(self.location) / relative)

    def read(self, relative: str) -> tuple[bytes, dt.datetime] | None:
        """The file's bytes and when they were retrieved, or None if the mirror has no such file."""
        where = self.where(relative)
        if not self.remote:
            path = Path(where)
            if not path.is_file():
                return None
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0)
            return path.read_bytes(), stamp
        assert self.downloader is not None
        got = self.downloader.get(where)
        return None if got is None else (got.data, got.retrieved_at)


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _date(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def import_mirror(
    library: Library,
    location: str,
    reports: Iterable[str],
    settings: FetchSettings,
    *,
    on_file: Callable[[Fetched], None] | None = None,
    clock: Clock | None = None,
) -> list[ReportFetched]:
    """Each report's every version (in `settings.formats`) from the mirror at `location` into `library`, oldest
    first; files already sources of the library are not read again. Then `Library.prepare`."""
    if not location.startswith(("http://", "https://")) and not Path(location).is_dir():
        raise FetchError(f"{location} is neither an http(s) URL nor a folder of an EveryCRSReport-style mirror.")
    results: list[ReportFetched] = []
    with PoliteClient(rate=settings.rate, clock=clock) as client:
        cache = FileCache(settings.cache_dir or default_cache_dir())
        mirror = _Mirror(location, Downloader(client, cache))
        listed = _listing(mirror)
        for report_id in dict.fromkeys(r.strip().upper() for r in reports if r.strip()):
            try:
                results.append(_import_report(library, mirror, report_id, listed, settings, on_file))
            except FetchError as exc:
                results.append(ReportFetched(report_id, None, (), 0, error=str(exc)))
    library.prepare(sorted({f.ref.split("@")[0] for r in results for f in r.added if f.ref}))
    return results


def _listing(mirror: _Mirror) -> dict[str, str]:
    """reports.csv's SHA-1 of each report's JSON, by report number (empty when the mirror has no reports.csv)."""
    got = mirror.read("reports.csv")
    if got is None:
        return {}
    rows = csv.DictReader(io.StringIO(got[0].decode("utf-8", errors="replace")))
    return {row["number"].upper(): row.get("sha1") or "" for row in rows if row.get("number")}


def _import_report(
    library: Library,
    mirror: _Mirror,
    report_id: str,
    listed: dict[str, str],
    settings: FetchSettings,
    on_file: Callable[[Fetched], None] | None,
) -> ReportFetched:
    got = mirror.read(f"reports/{report_id}.json")
    if got is None:
        raise FetchError(f"the mirror has no report {report_id} ({mirror.where(f'reports/{report_id}.json')}).")
    data = got[0]
    if listed.get(report_id) and listed[report_id] != _sha1(data):
        raise FetchError(f"{report_id}.json does not match the SHA-1 reports.csv gives for it; not imported.")
    try:
        record: dict[str, Any] = json.loads(data)
    except ValueError:
        raise FetchError(f"{mirror.where(f'reports/{report_id}.json')} is not JSON.") from None
    try:
        infos = library.editions(report_id)
        known = {s.name for e in infos for s in e.sources if s.name}
    except NotFoundError:
        infos, known = [], set()
    results: list[Fetched] = []
    versions = [v for v in record.get("versions") or () if isinstance(v, dict)]
    for position, version in enumerate(reversed(versions)):
        for item in version.get("formats") or ():
            fmt = str(item.get("format", "")).lower() if isinstance(item, dict) else ""
            if fmt not in settings.formats or not item.get("filename"):
                continue
            where = mirror.where(str(item["filename"]))
            stated = str(item.get("url") or "") or None
            task = FileTask(report_id, fmt, where, pdf_version(stated or ""), current=position == len(versions) - 1)
            fetched = (
                Fetched(task, Outcome.KNOWN)
                if where in known
                else _import_file(library, mirror, task, item, _date(version.get("date")), stated)
            )
            results.append(fetched)
            if on_file is not None:
                on_file(fetched)
    return ReportFetched(report_id, None, tuple(results), len(infos))


def _import_file(
    library: Library,
    mirror: _Mirror,
    task: FileTask,
    item: dict[str, Any],
    date: dt.date | None,
    stated: str | None,
) -> Fetched:
    try:
        got = mirror.read(str(item["filename"]))
    except FetchError as exc:
        return Fetched(task, Outcome.FAILED, message=str(exc))
    if got is None:
        return Fetched(task, Outcome.MISSING, message="not in the mirror")
    data, retrieved = got
    if item.get("sha1") and str(item["sha1"]).lower() != _sha1(data):
        return Fetched(task, Outcome.FAILED, message="its SHA-1 is not the one the report's JSON gives; not added")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            edition = editions.read(data, task.format, name=task.url)
        except EditionsError as exc:
            return Fetched(task, Outcome.FAILED, message=" ".join(str(exc).split()))
        edition = _with_provenance(edition, task, data, retrieved, date, stated)
        added = library.add(edition)
    outcome = {AddStatus.ADDED: Outcome.ADDED, AddStatus.NEW_SOURCE: Outcome.NEW_SOURCE}.get(
        added.status, Outcome.EXISTS
    )
    notes = tuple(str(w.message) for w in caught if issubclass(w.category, InputWarning))
    return Fetched(task, outcome, added.edition.ref, added.edition.id, downloaded=True, warnings=notes)


def _with_provenance(
    edition: Edition, task: FileTask, data: bytes, retrieved: dt.datetime, date: dt.date | None, stated: str | None
) -> Edition:
    source = dataclasses.replace(
        edition.source,
        name=task.url,
        url=edition.source.url or stated,
        retrieved_at=retrieved,
        sha256=sha256_of(data),
        api_version=task.version,
    )
    return dataclasses.replace(
        edition,
        source=source,
        date=edition.date or date,
        version=edition.version if edition.version is not None else task.version,
    )
