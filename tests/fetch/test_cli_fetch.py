"""`editions fetch` as a user runs it, against the fake Congress.gov: output, key errors, kill -9 mid-download."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run_editions
from fake_congress import FakeCongress, harbor_report

from editions.library import Library, NotFoundError


def _args(fake: FakeCongress, tmp_path: Path, *extra: str) -> list[str]:
    return [
        "fetch",
        *extra,
        "--library",
        str(tmp_path / "lib.db"),
        "--api-url",
        fake.api_url,
        "--cache",
        str(tmp_path / "cache"),
        "--rate",
        "0",
    ]


def test_fetch_prints_a_line_per_edition_and_a_summary(tmp_path: Path, fake: FakeCongress) -> None:
    report = fake.add(harbor_report(versions=3))
    done = run_editions(*_args(fake, tmp_path, "IF90001"), env={"CONGRESS_API_KEY": "test-key"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[:3] for line in lines[:-1]] == [
        ["added", "IF90001", "pdf"],
        ["new", "source", "IF90001"],
        ["added", "IF90001", "pdf"],
        ["added", "IF90001", "pdf"],
    ]
    assert "IF90001@2025-05-12" in lines[0] and "IF90001.3.pdf" in lines[0]
    assert lines[-1] == (
        "1 report: 3 editions added, 1 new sources, 0 already in the library, 0 version numbers missing, 0 failed; "
        "4 files downloaded"
    )
    listed = run_editions("list", "IF90001", "--library", tmp_path / "lib.db", "--format", "json")
    (first, *_) = json.loads(listed.stdout)
    assert first["sources"] == [
        {
            "format": "pdf",
            "name": fake.pdf_url(report, 1),
            "url": fake.pdf_url(report, 1),
            "retrieved_at": first["sources"][0]["retrieved_at"],
            "sha256": hashlib.sha256(report.pdf(1)).hexdigest(),
            "api_version": 1,
        }
    ]
    assert first["sources"][0]["retrieved_at"].endswith("+00:00")
    again = run_editions(*_args(fake, tmp_path, "IF90001"), env={"CONGRESS_API_KEY": "test-key"})
    assert again.returncode == 0 and again.stdout.splitlines()[-1].startswith("1 report: 0 editions added")
    assert again.stdout.splitlines()[-1].endswith("0 files downloaded")


@pytest.mark.parametrize(
    ("key", "sentence"),
    [
        ("", "no Congress.gov API key; get a free key at https://api.data.gov/signup/"),
        ("wrong-key", "the API key is not valid; get a free key at https://api.data.gov/signup/"),
        ("old-key", "the API key is disabled; get a free key at https://api.data.gov/signup/"),
    ],
)
def test_a_missing_invalid_or_disabled_key_is_one_sentence_and_exit_1(
    tmp_path: Path, fake: FakeCongress, key: str, sentence: str
) -> None:
    fake.add(harbor_report(versions=1))
    fake.disabled_keys.add("old-key")
    done = run_editions(*_args(fake, tmp_path, "IF90001", "--api-key", key), env={"CONGRESS_API_KEY": ""})
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"editions: {sentence}") and line.endswith("--api-key or $CONGRESS_API_KEY.")
    assert fake.file_downloads() == 0


def test_usage_errors_say_what_to_do(tmp_path: Path, fake: FakeCongress) -> None:
    done = run_editions(*_args(fake, tmp_path, "--all"), env={"CONGRESS_API_KEY": "test-key"})
    assert done.returncode == 2 and "--all needs --since DATE" in done.stderr
    done = run_editions(*_args(fake, tmp_path), env={"CONGRESS_API_KEY": "test-key"})
    assert done.returncode == 2 and "name the reports to fetch" in done.stderr


def test_fetch_all_since_walks_the_catalogue(tmp_path: Path, fake: FakeCongress) -> None:
    fake.add(harbor_report("IF90001", versions=1)).update_date = "2026-03-01T10:00:00Z"
    fake.add(harbor_report("IF90002", versions=2)).update_date = "2026-02-01T10:00:00Z"
    fake.add(harbor_report("IF90003", versions=1)).update_date = "2025-06-01T10:00:00Z"
    done = run_editions(*_args(fake, tmp_path, "--all", "--since", "2026-01-01"), env={"CONGRESS_API_KEY": "test-key"})
    assert done.returncode == 0, done.stderr
    with Library(tmp_path / "lib.db") as library:
        assert [r.report for r in library.reports()] == ["IF90001", "IF90002"]


def test_kill_9_in_the_middle_of_a_download_then_the_rerun_completes(tmp_path: Path, fake: FakeCongress) -> None:
    report = fake.add(harbor_report(versions=5))
    fake.hold = "/crs_external_products/IF/PDF/IF90001/IF90001.2.pdf"  # half of version 2's PDF, then nothing
    env = {**os.environ, "CONGRESS_API_KEY": "test-key", "EDITIONS_LIBRARY": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "editions", *_args(fake, tmp_path, "IF90001")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert fake.held.wait(120), "the fetch never reached version 2"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    fake.hold = None
    fake.release.set()
    cache = tmp_path / "cache"
    # Every cache entry is whole (its data hashes to its record); the half-sent PDF is nowhere.
    for record in cache.glob("*.json"):
        entry = json.loads(record.read_text())
        data = record.with_suffix(".data").read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    half = report.pdf(2)[: len(report.pdf(2)) // 2]
    assert all(p.read_bytes() != half for p in cache.rglob("*") if p.is_file())
    with Library(tmp_path / "lib.db") as library:
        try:
            before = {e.version: e.id for e in library.editions("IF90001")}
        except NotFoundError:  # killed before the first edition was stored
            before = {}
        for version in before:
            assert library.get(f"IF90001@v{version}").sentences  # whole editions only
    assert 2 not in before
    done = run_editions(*_args(fake, tmp_path, "IF90001"), env={"CONGRESS_API_KEY": "test-key"})
    assert done.returncode == 0, done.stderr
    assert list(cache.glob("tmp/*")) == []
    with Library(tmp_path / "lib.db") as library:
        listed = library.editions("IF90001")
        assert [e.version for e in listed] == [1, 2, 3, 4, 5]
        assert {e.version: e.id for e in listed if e.version in before} == before
        names = [s.name for e in listed for s in e.sources]
        assert len(names) == len(set(names)) == 6  # five PDFs and the HTML, none twice
    for version in before:  # what the killed run stored was not asked for again
        assert fake.count(f"/crs_external_products/IF/PDF/IF90001/IF90001.{version}.pdf") == 1


def test_fetch_from_a_mirror_folder(tmp_path: Path, fake: FakeCongress) -> None:
    fake.add(harbor_report(versions=3))
    folder = fake.write_mirror(tmp_path / "mirror")
    done = run_editions(*_args(fake, tmp_path, "IF90001", "--from", str(folder)), env={"CONGRESS_API_KEY": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("1 report: 3 editions added")
    assert fake.requests == []  # a folder: nothing asked of any server
    missing = run_editions(*_args(fake, tmp_path, "IF90009", "--from", str(folder)))
    assert missing.returncode == 1 and "the mirror has no report IF90009" in missing.stderr
