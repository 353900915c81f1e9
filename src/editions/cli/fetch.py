"""Fetching from the publishers (editions.fetch): `fetch`, `update`, and the background updates of `serve`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from editions.cli.common import (
    _LIBRARY_OPTION,
    EXIT_ERROR,
    _user_errors,
    error,
    usage_error,
    warn,
)
from editions.library import Library

if TYPE_CHECKING:
    from rich.progress import Progress

    from editions.fetch import Fetched, FetchSettings, ReportFetched

_API_KEY_OPTION = typer.Option(
    "--api-key",
    envvar="CONGRESS_API_KEY",
    help="Your Congress.gov API key (free from https://api.data.gov/signup/).",
    show_default=False,
)
DEFAULT_API_URL = "https://api.congress.gov/v3"
_API_URL_OPTION = typer.Option(
    "--api-url", envvar="EDITIONS_CONGRESS_API", help="The Congress.gov API, or a mirror or test server standing in."
)
_FORMATS_OPTION = typer.Option("--formats", help="Which current formats to download (comma-separated): pdf, html.")
_CACHE_OPTION = typer.Option(
    "--cache",
    envvar="EDITIONS_CACHE",
    help="Where downloaded files are kept, so that re-runs download nothing unchanged.",
    show_default="~/.cache/editions/files",
)
_RATE_OPTION = typer.Option("--rate", min=0.0, help="At most this many requests a second (0: no limit).")
_JOBS_OPTION = typer.Option("--jobs", "-j", min=1, max=32, help="Download and read this many files at once.")


def _fetch_settings(
    api_key: str | None, api_url: str, formats: str, cache: Path | None, rate: float, jobs: int
) -> FetchSettings:
    from editions.fetch import FetchSettings

    return FetchSettings(
        api_key=api_key or "",
        api_url=api_url,
        cache_dir=cache,
        rate=rate,
        jobs=jobs,
        formats=tuple(f.strip().lower() for f in formats.split(",") if f.strip()),
    )


def _fetch_progress() -> Progress:
    """A progress bar on a terminal (stderr); nothing otherwise, where each file gets its line on stdout."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
        redirect_stdout=sys.stdout.isatty(),
    )


def _fetched_line(fetched: Fetched) -> str | None:
    from editions.fetch import Outcome

    task = fetched.task
    if fetched.outcome in (Outcome.KNOWN, Outcome.MISSING):
        return None
    what = f"{task.report} {task.format}" + (f" v{task.version}" if task.version is not None else "")
    detail = fetched.ref or fetched.message or ""
    return f"{fetched.outcome.value:<11} {what:<20} {detail}  {task.url if fetched.ref else ''}".rstrip()


def _fetch_summary(results: Sequence[ReportFetched]) -> tuple[str, bool]:
    from editions.fetch import Outcome

    counts: dict[str, int] = {}
    downloaded = 0
    failed = False
    for result in results:
        failed = failed or result.error is not None
        for f in result.files:
            counts[f.outcome.value] = counts.get(f.outcome.value, 0) + 1
            downloaded += f.downloaded
            failed = failed or f.outcome is Outcome.FAILED
    reports = len(results)
    line = (
        f"{reports} report{'s' if reports != 1 else ''}: {counts.get('added', 0)} editions added, "
        f"{counts.get('new source', 0)} new sources, "
        f"{counts.get('exists', 0) + counts.get('known', 0)} already in the library, "
        f"{counts.get('missing', 0)} version numbers missing, {counts.get('failed', 0)} failed; "
        f"{downloaded} file{'s' if downloaded != 1 else ''} downloaded"
    )
    return line, failed


def fetch(
    reports: Annotated[
        list[str] | None, typer.Argument(help="Report numbers, e.g. IF10199 R45122.", show_default=False)
    ] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    source: Annotated[
        str,
        typer.Option(
            "--from",
            help="congress (the Congress.gov API), everycrsreport (everycrsreport.com), or the URL or folder of an "
            "EveryCRSReport-style mirror.",
        ),
    ] = "congress",
    all_reports: Annotated[
        bool, typer.Option("--all", help="Every report the catalogue lists as updated since --since.")
    ] = False,
    since: Annotated[str | None, typer.Option("--since", help="With --all: updated on or after (YYYY-MM-DD).")] = None,
    api_key: Annotated[str | None, _API_KEY_OPTION] = None,
    api_url: Annotated[str, _API_URL_OPTION] = DEFAULT_API_URL,
    formats: Annotated[str, _FORMATS_OPTION] = "pdf,html",
    cache: Annotated[Path | None, _CACHE_OPTION] = None,
    rate: Annotated[float, _RATE_OPTION] = 1.0,
    jobs: Annotated[int, _JOBS_OPTION] = 1,
    backfill: Annotated[
        bool, typer.Option("--backfill/--no-backfill", help="Also fetch every earlier version's PDF.")
    ] = True,
) -> None:
    """Fetch reports' editions from Congress.gov (the current formats, and every earlier version from the
    numbered PDFs) or from an EveryCRSReport mirror, into the library. Each file becomes a source of its edition
    with its provenance (URL, retrieved-at, SHA-256, version number). Re-runs download nothing unchanged; an
    interrupted run is picked up where it stopped. Exit code 1 if any report or file failed."""
    import datetime as dt

    from editions.fetch import open_fetcher
    from editions.fetch.mirror import EVERYCRSREPORT_URL, import_mirror

    ids = [r for r in reports or [] if r.strip()]
    if all_reports and ids:
        usage_error("give report numbers or --all, not both.")
    if not all_reports and not ids:
        usage_error("name the reports to fetch (e.g. editions fetch IF10199), or --all --since DATE.")
    if all_reports and not since:
        usage_error("--all needs --since DATE (YYYY-MM-DD): the whole catalogue is ~100,000 editions.")
    if since:
        try:
            dt.date.fromisoformat(since[:10])
        except ValueError:
            usage_error(f"--since {since!r} is not a date; write it like 2026-10-01.")
    from editions.config import load_config

    with _user_errors():
        config = load_config()
    if api_url == DEFAULT_API_URL and config.api_url:
        api_url = config.api_url
    settings = _fetch_settings(api_key or config.api_key, api_url, formats, cache, rate, jobs)
    results: list[ReportFetched] = []
    with _user_errors():
        lib = Library(library)
    progress = _fetch_progress()
    task = progress.add_task("fetching", total=None)

    def tell(fetched: Fetched) -> None:
        line = _fetched_line(fetched)
        if line is not None:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        progress.advance(task)

    with _user_errors(), lib, progress:
        if source.lower() != "congress":
            mirror = EVERYCRSREPORT_URL if source.lower() == "everycrsreport" else source
            if all_reports:
                usage_error("--all is for the Congress.gov catalogue; name the reports to import from a mirror.")
            results.extend(import_mirror(lib, mirror, ids, settings, on_file=tell))
        else:
            with open_fetcher(lib, settings, on_file=tell) as fetcher:
                if all_reports:
                    assert since is not None
                    ids = [item.id for item in fetcher.api.listing(since=since)]
                results.extend(fetcher.fetch(ids, backfill=backfill))
    for result in results:
        for note in result.notes:
            warn(note)
        if result.error:
            error(f"{result.report}: {result.error}")
    line, failed = _fetch_summary(results)
    sys.stdout.write(line + "\n")
    if failed:
        raise typer.Exit(EXIT_ERROR)


def _followed(library: Library, reports: list[str], all_reports: bool) -> list[str] | None:
    """The reports an update follows: those named, else (without --all) the watch list, else the library's
    numbered reports."""
    from editions.fetch.update import followed_reports

    if all_reports:
        return None
    return reports or followed_reports(library)


def _deliver(lib: Library, targets: list[str], base_url: str | None) -> bool:
    """Send the notices not yet delivered to each target; a line per delivery. False when one failed (it is
    kept and tried again next time)."""
    from editions.notify import deliver_pending

    made = deliver_pending(lib, targets, base_url=base_url)
    for d in made:
        if d.delivered:
            sys.stdout.write(f"sent {d.notice.title} to {d.target}\n")
        else:
            error(
                f"could not send {d.notice.title} to {d.target} (attempt {d.attempts}; kept for next time): {d.error}"
            )
    return all(d.delivered for d in made)


def update(
    reports: Annotated[
        list[str] | None,
        typer.Argument(
            help="Follow these reports (default: the watch list, or the library's numbered reports when nothing "
            "is watched).",
            show_default=False,
        ),
    ] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    all_reports: Annotated[bool, typer.Option("--all", help="Every report in the catalogue.")] = False,
    notify_urls: Annotated[
        list[str] | None,
        typer.Option(
            "--notify",
            help="Send each change notice to this Apprise URL (repeatable; also the settings file's notify list).",
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="The settings file (default: $XDG_CONFIG_HOME/editions/config.toml)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Where a first run starts (YYYY-MM-DD); later runs go on from there.")
    ] = None,
    api_key: Annotated[str | None, _API_KEY_OPTION] = None,
    api_url: Annotated[str, _API_URL_OPTION] = DEFAULT_API_URL,
    formats: Annotated[str, _FORMATS_OPTION] = "pdf,html",
    cache: Annotated[Path | None, _CACHE_OPTION] = None,
    rate: Annotated[float, _RATE_OPTION] = 1.0,
    jobs: Annotated[int, _JOBS_OPTION] = 1,
) -> None:
    """Poll Congress.gov for reports updated since the last run (newest first, until it meets what the last run
    saw) and fetch their new editions; an update that brings no new edition is told as metadata-only. Each new
    edition is compared with the one before it and a change notice kept (editions changes lists them; the feeds
    show them), then sent to each --notify URL. Safe to run again and from cron or a systemd timer: a second run
    finds nothing new, and a notice not delivered is sent by the next. Exit code 1 if any report or delivery
    failed."""
    from editions.config import load_config
    from editions.fetch import open_fetcher
    from editions.fetch.update import update as run_update

    if all_reports and reports:
        usage_error("give report numbers or --all, not both.")
    with _user_errors():
        config = load_config(config_file)
    targets = [*config.notify, *(notify_urls or [])]
    if api_url == DEFAULT_API_URL and config.api_url:
        api_url = config.api_url
    settings = _fetch_settings(api_key or config.api_key, api_url, formats, cache, rate, jobs)
    with _user_errors():
        lib = Library(library)
    with _user_errors(), lib:
        with open_fetcher(lib, settings) as fetcher:
            result = run_update(lib, fetcher, followed=_followed(lib, reports or [], all_reports), since=since)
        for fetched in result.fetched:
            for note in fetched.notes:
                warn(note)
            if fetched.error:
                error(f"{fetched.report}: {fetched.error}")
        for edition in result.new_editions:
            sys.stdout.write(f"{'new edition':<14} {edition.ref:<28} {edition.url}\n")
        for report in result.metadata_only:
            sys.stdout.write(f"{'metadata only':<14} {report}\n")
        for notice in result.notices:
            sys.stdout.write(f"{'notice':<14} {notice.title}\n")
            for line in notice.lines[:3]:
                sys.stdout.write(f"{'':<14} {line}\n")
        n = len(result.looked_at)
        sys.stdout.write(
            f"{n} report{'s' if n != 1 else ''} looked at: {len(result.new_editions)} new editions, "
            f"{len(result.metadata_only)} metadata-only updates, {len(result.failed)} failed\n"
        )
        sys.stdout.flush()
        delivered = _deliver(lib, targets, config.base_url) if targets else True
    if result.failed or not delivered:
        raise typer.Exit(EXIT_ERROR)


@contextmanager
def _background_updates(location: str, every: str) -> Iterator[None]:
    """`editions update` every `every` in a background thread of `serve` (own library connection, one run at a
    time, logged on stderr), with the key from $CONGRESS_API_KEY."""
    import logging

    from editions.config import load_config
    from editions.fetch import FetchSettings, open_fetcher
    from editions.fetch.update import LOG, UpdateResult, UpdateScheduler, parse_duration
    from editions.fetch.update import update as run_update
    from editions.notify import deliver_pending

    try:
        seconds = parse_duration(every)
    except ValueError:
        usage_error(f"--update-every {every!r} is not a duration; write it like 1h, 30m or 90s.")
    with _user_errors():
        config = load_config()
    settings = FetchSettings(
        api_key=os.environ.get("CONGRESS_API_KEY", "") or (config.api_key or ""),
        api_url=os.environ.get("EDITIONS_CONGRESS_API") or config.api_url or DEFAULT_API_URL,
        cache_dir=Path(os.environ["EDITIONS_CACHE"]) if os.environ.get("EDITIONS_CACHE") else None,
    )
    if not settings.api_key.strip():
        error(
            "--update-every needs a Congress.gov API key in $CONGRESS_API_KEY (free from https://api.data.gov/signup/)."
        )
        raise typer.Exit(EXIT_ERROR)

    def run() -> UpdateResult:
        with Library(location) as lib:
            with open_fetcher(lib, settings) as fetcher:
                result = run_update(lib, fetcher, followed=_followed(lib, [], False))
            if config.notify:  # a failed delivery is kept and sent by a later run
                deliver_pending(lib, list(config.notify), base_url=config.base_url)
            return result

    if not LOG.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s editions: %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    scheduler = UpdateScheduler(run, seconds)
    scheduler.start()
    try:
        yield
    finally:
        scheduler.stop(timeout=5)
