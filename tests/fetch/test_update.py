"""`editions update` against the fake Congress.gov: a new version is one new edition handed to the hook, a
metadata-only update is none, runs are idempotent; `serve --update-every` runs it in the background."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from cli_runner import run_editions
from fake_congress import FakeClock, FakeCongress, harbor_report, harbor_version

from editions.fetch import FetchError, FetchSettings, open_fetcher
from editions.fetch.update import NewEdition, UpdateResult, parse_duration, update
from editions.library import Library


class Hook:
    """What the new-editions hook was called with, run by run."""

    def __init__(self) -> None:
        self.calls: list[list[NewEdition]] = []

    def __call__(self, library: Library, new: Sequence[NewEdition]) -> None:
        self.calls.append(list(new))


def _update(
    library: Library,
    fake: FakeCongress,
    clock: FakeClock,
    cache: Path,
    followed: list[str] | None,
    hook: Hook,
    since: str | None = None,
) -> UpdateResult:
    settings = FetchSettings(api_key="test-key", api_url=fake.api_url, cache_dir=cache)
    with open_fetcher(library, settings, clock=clock) as fetcher:
        return update(library, fetcher, followed=followed, since=since, on_new=hook)


def test_a_new_version_is_one_new_edition_and_a_metadata_only_update_is_none(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    report = fake.add(harbor_report(versions=5))
    library = Library(tmp_path / "lib.db")
    hook = Hook()
    cache = tmp_path / "cache"
    first = _update(library, fake, clock, cache, ["IF90001"], hook)
    # A followed report new to the library is fetched whole: five editions, none of them "new".
    assert first.looked_at == ("IF90001",) and first.new_editions == () and hook.calls == []
    assert len(library.editions("IF90001")) == 5

    report.versions[6] = harbor_version(6)
    report.update_date = "2026-02-09T18:00:00Z"
    before = len(fake.requests)
    second = _update(library, fake, clock, cache, ["IF90001"], hook)
    (new,) = second.new_editions
    assert (new.report, new.version, new.url) == ("IF90001", 6, fake.pdf_url(report, 6))
    assert new.ref == "IF90001@2026-02-09" and hook.calls == [[new]]
    assert "55,000 vessels" in library.get("IF90001").text and len(library.editions("IF90001")) == 6
    # One list page, the detail, the new PDF and the HTML page: the five versions known were not asked for.
    assert [p for _, p, _ in fake.requests[before:]] == [
        "/v3/crsreport",
        "/v3/crsreport/IF90001",
        "/crs_external_products/IF/PDF/IF90001/IF90001.6.pdf",
        "/crs_external_products/IF/HTML/IF90001.html",
    ]

    again = _update(library, fake, clock, cache, ["IF90001"], hook)  # idempotent: nothing moved
    assert again.looked_at == () and again.new_editions == () and len(hook.calls) == 1

    report.update_date = "2026-03-01T09:00:00Z"  # the catalogue entry moves, the files do not
    touched = _update(library, fake, clock, cache, ["IF90001"], hook)
    assert touched.looked_at == ("IF90001",) and touched.metadata_only == ("IF90001",)
    assert touched.new_editions == () and len(hook.calls) == 1 and len(library.editions("IF90001")) == 6


def test_update_all_needs_a_start_and_follows_only_what_moved(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    fake.add(harbor_report("IF90001", versions=2)).update_date = "2026-01-10T10:00:00Z"
    fake.add(harbor_report("IF90002", versions=1)).update_date = "2025-01-10T10:00:00Z"
    library = Library(tmp_path / "lib.db")
    hook = Hook()
    with pytest.raises(FetchError, match="needs --since DATE"):
        _update(library, fake, clock, tmp_path / "cache", None, hook)
    result = _update(library, fake, clock, tmp_path / "cache", None, hook, since="2026-01-01")
    assert result.looked_at == ("IF90001",) and [r.report for r in library.reports()] == ["IF90001"]
    assert result.seen_until == "2026-01-10T10:00:00Z"
    assert _update(library, fake, clock, tmp_path / "cache", None, hook).looked_at == ()


def test_update_cli_prints_new_editions_and_metadata_only(tmp_path: Path, fake: FakeCongress) -> None:
    report = fake.add(harbor_report(versions=2))
    args = ["--library", tmp_path / "lib.db", "--api-url", fake.api_url, "--cache", tmp_path / "cache", "--rate", "0"]
    env = {"CONGRESS_API_KEY": "test-key"}
    assert run_editions("fetch", "IF90001", *args, env=env).returncode == 0
    report.versions[3] = harbor_version(3)
    report.update_date = "2026-02-01T00:00:00Z"
    done = run_editions("update", *args, "--since", "2026-01-01", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == [
        f"new edition    IF90001@2025-05-12           {fake.pdf_url(report, 3)}",
        "notice         IF90001 updated: v3, 2025-05-12",  # then the notice's headline lines, indented
    ]
    assert lines[2].startswith(" " * 15 + "figure — ") and "“16” → “19”" in done.stdout
    assert lines[-1] == "1 report looked at: 1 new editions, 0 metadata-only updates, 0 failed"
    report.update_date = "2026-02-02T00:00:00Z"
    done = run_editions("update", *args, env=env)
    assert done.stdout.splitlines() == [
        "metadata only  IF90001",
        "1 report looked at: 0 new editions, 1 metadata-only updates, 0 failed",
    ]


def test_durations() -> None:
    assert [parse_duration(t) for t in ("1h", "30m", "90", "2d", "45s")] == [3600, 1800, 90, 172800, 45]
    for bad in ("", "0h", "1w", "soon"):
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_serve_update_every_updates_in_the_background_and_logs_it(tmp_path: Path, fake: FakeCongress) -> None:
    report = fake.add(harbor_report(versions=2))
    library = tmp_path / "lib.db"
    env = {
        **os.environ,
        "CONGRESS_API_KEY": "test-key",
        "EDITIONS_CONGRESS_API": fake.api_url,
        "EDITIONS_CACHE": str(tmp_path / "cache"),
    }
    first = run_editions("fetch", "IF90001", "--library", library, "--rate", "0", env=env)
    assert first.returncode == 0, first.stderr
    report.versions[3] = harbor_version(3)
    report.update_date = "2026-02-01T00:00:00Z"
    with Library(library) as lib:  # where the last update got to: before the new version
        lib.set_setting(f"update.seen_until {fake.api_url}", "2026-01-05T15:00:00Z")
    proc = subprocess.Popen(
        [sys.executable, "-m", "editions", "serve", "--library", library, "--port", "0", "--update-every", "1h"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    logged: list[str] = []
    found = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            logged.append(line)
            if "update:" in line or "update failed" in line:
                found.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert found.wait(120), "".join(logged)
    finally:
        proc.terminate()
        proc.wait(30)
    assert any("update: 1 reports looked at, 1 new editions (IF90001@2025-05-12)" in line for line in logged), logged
    with Library(library) as lib:
        assert [e.version for e in lib.editions("IF90001")] == [1, 2, 3]
