"""Issue 18 item 3: a large upload is added in a child process that opens the library itself, so its memory
goes back to the system when the child exits and the server's readers do not share an interpreter with it.
Checked on live servers: the edition added is the one an in-process add makes and the pages show it at once
(their caches are keyed by what the library holds); a bad large upload gets the reader's own sentence; the
`editions serve` process's memory after a ~10 MB upload stays near what it was before."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

import editions
from editions import Library
from editions.web import create_app, upload
from editions.web.upload import IN_CHILD_FROM

from .conftest import REPO, SAMPLES, TOKEN, ServerThread

REPORT = "IF99001"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def large_edition(size: int, year: int = 2026) -> bytes:
    """A Markdown edition of the samples' report, about `size` bytes: sections of distinct sentences with
    figures."""
    parts = [f"# A Large Generated Report\n\nUpdated May 1, {year} ({REPORT})\n"]
    total, n = 0, 0
    while total < size:
        sentences = " ".join(
            f"The office recorded {n * 11 + k:,} claims in county {k} of state {n} during {1990 + k % 30}."
            for k in range(12)
        )
        chunk = f"\n## State {n}\n\n{sentences}\n"
        parts.append(chunk)
        total, n = total + len(chunk), n + 1
    return "".join(parts).encode()


def sample_library(path: Path) -> Library:
    lib = Library(path)
    lib.add_files([SAMPLES / "IF99001-2023-03-14.md", SAMPLES / "IF99001-2024-06-02.md"])
    return lib


def test_a_large_upload_is_added_in_a_child_and_shown_at_once(tmp_path: Path) -> None:
    data = large_edition(IN_CHILD_FROM + 200 * 1024)
    lib = sample_library(tmp_path / "served.db")
    with ServerThread(create_app(lib, token=TOKEN)) as running, httpx.Client(base_url=running.url) as client:
        # The pages are made (and cached) before the upload; after it they must show the new edition.
        assert "2026-05-01" not in client.get(f"/reports/{REPORT}").text
        assert "2026-05-01" not in client.get("/").text
        answer = client.post("/api/editions", files={"file": ("large.md", data)}, headers=AUTH, timeout=600)
        assert answer.status_code == 201, answer.text
        added = answer.json()
        report_page = client.get(f"/reports/{REPORT}").text
        library_page = client.get("/").text
        served = client.get(f"/api/editions/{added['ref']}").json()
    lib.close()
    assert added["report"] == REPORT and added["date"] == "2026-05-01" and added["status"] == "added"
    assert "2026-05-01" in report_page and added["ref"] in report_page
    assert "2026-05-01" in library_page

    # The same edition an add in this process makes of the same bytes.
    with sample_library(tmp_path / "here.db") as here:
        made_here = upload.add_edition(here, data, "large.md", 25 * 1024 * 1024)
        stored_here = here.get(made_here["ref"])
    assert made_here == added
    assert served["id"] == stored_here.id
    assert len(served["sentences"]) == len(stored_here.sentences) > 1000


def test_a_bad_large_upload_answers_400_with_the_readers_sentence(tmp_path: Path) -> None:
    data = bytes(range(256)) * ((IN_CHILD_FROM + 4096) // 256)  # no format's bytes
    try:
        editions.read(data, name="noise.bin")
    except editions.InputError as exc:
        sentence = " ".join(str(exc).split())
    else:
        raise AssertionError("the noise was read as an edition")
    lib = sample_library(tmp_path / "served.db")
    with ServerThread(create_app(lib, token=TOKEN)) as running, httpx.Client(base_url=running.url) as client:
        answer = client.post("/api/editions", files={"file": ("noise.bin", data)}, headers=AUTH, timeout=600)
        reports = client.get("/api/reports").json()["reports"]
    lib.close()
    assert answer.status_code == 400
    assert answer.json() == {"error": sentence}
    assert [r["editions"] for r in reports if r["report"] == REPORT] == [2]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc")
def test_the_servers_memory_after_a_large_upload_stays_near_where_it_was(tmp_path: Path) -> None:
    data = large_edition(10 * 1024 * 1024)
    env = {**os.environ, "EDITIONS_TOKEN": TOKEN, "EDITIONS_LIBRARY": str(tmp_path / "lib.db")}
    server = subprocess.Popen(
        [sys.executable, "-m", "editions", "serve", "--samples", "--port", "0"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split(" at ", 1)[1].strip().rstrip("/")
        with httpx.Client(base_url=url, timeout=900) as client:
            for path in ("/", f"/reports/{REPORT}", "/api/search?q=troops", "/api/reports"):
                client.get(path).raise_for_status()
            before = _rss_mb(server.pid)
            answer = client.post("/api/editions", files={"file": ("large.md", data)}, headers=AUTH)
            assert answer.status_code == 201, answer.text
            assert answer.json()["ref"] in client.get(f"/reports/{REPORT}").text
            after = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(30)
    assert after < before + 100, f"{before:.0f} MB before the upload, {after:.0f} MB after"


def _children_adding() -> list[int]:
    """This process's children running `python -m editions.web.upload`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # it ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"editions.web.upload" in command:
            found.append(int(entry.name))
    return found


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the child in /proc")
def test_a_child_killed_mid_add_answers_500_stores_nothing_and_the_next_upload_works(tmp_path: Path) -> None:
    data = large_edition(IN_CHILD_FROM + 100 * 1024)
    library_path = tmp_path / "served.db"
    lib = sample_library(library_path)
    # Another connection holds the library's write lock, so the child reads the upload and then waits to
    # write it: it is killed there, in the middle of its add.
    blocker = sqlite3.connect(library_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with (
        ServerThread(create_app(lib, token=TOKEN)) as running,
        httpx.Client(base_url=running.url, timeout=600) as client,
        ThreadPoolExecutor(1) as pool,
    ):
        sent = pool.submit(client.post, "/api/editions", files={"file": ("large.md", data)}, headers=AUTH)
        deadline = time.monotonic() + 120
        while not (children := _children_adding()):
            assert time.monotonic() < deadline and not sent.done(), "no child process started"
            time.sleep(0.05)
        child = children[0]
        # Its CPU time stops growing once it waits for the lock (SQLite's busy handler sleeps).
        last, still = _cpu_ticks(child), 0
        while still < 8 and time.monotonic() < deadline:
            time.sleep(0.25)
            ticks = _cpu_ticks(child)
            last, still = ticks, still + 1 if ticks == last else 0
        os.kill(child, signal.SIGKILL)
        answer = sent.result(timeout=60)
        blocker.execute("ROLLBACK")
        blocker.close()
        editions_after_kill = [
            r["editions"] for r in client.get("/api/reports").json()["reports"] if r["report"] == REPORT
        ]
        again = client.post("/api/editions", files={"file": ("large.md", data)}, headers=AUTH)
        editions_after_retry = [
            r["editions"] for r in client.get("/api/reports").json()["reports"] if r["report"] == REPORT
        ]
    lib.close()
    assert answer.status_code == 500
    assert answer.json() == {
        "error": "large.md could not be added: the process adding it was stopped by SIGKILL before it answered; "
        "an edition is stored whole or not at all, so the upload can be sent again."
    }
    assert editions_after_kill == [2]
    with sqlite3.connect(library_path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert again.status_code == 201, again.text
    assert again.json()["status"] == "added" and again.json()["date"] == "2026-05-01"
    assert editions_after_retry == [3]
