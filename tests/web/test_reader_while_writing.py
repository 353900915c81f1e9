"""Issue 18 item 3: a large upload must not stall the other requests of the server. The bound: a request that
only reads never waits for a write transaction (reads go through SQLite connections of their own, and WAL lets
them read while one connection writes); it shares the CPU with the add, nothing more.

Checked by the order of events on a live server, not by the clock: while a large edition's write transaction
is open (seen from outside: another connection cannot take the write lock), pages and API calls that read are
answered, before the upload is, with the library as it was before the write."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import httpx

from editions import Library
from editions.web import create_app

from .conftest import SAMPLES, TOKEN, ServerThread

BIG_REPORT = "IF98001"


def large_edition(size: int) -> bytes:
    """A Markdown edition of about `size` bytes: many sections of distinct sentences, each with its figures."""
    parts = [f"# A Large Generated Report\n\nUpdated May 1, 2024 ({BIG_REPORT})\n"]
    total, n = 0, 0
    while total < size:
        sentences = " ".join(
            f"The agency counted {n * 7 + k:,} cases in district {k} of region {n} during {2000 + k % 24}."
            for k in range(12)
        )
        chunk = f"\n## Region {n}\n\n{sentences}\n"
        parts.append(chunk)
        total, n = total + len(chunk), n + 1
    return "".join(parts).encode()


def write_lock_held(db: Path) -> bool:
    """Whether some connection holds the library's write lock now (then this one cannot take it)."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        return True
    finally:
        probe.close()


def test_readers_are_answered_while_a_large_add_writes(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    lib = Library(db)
    lib.add_files([SAMPLES / "IF99001-2023-03-14.md", SAMPLES / "IF99001-2024-06-02.md"])
    events: list[str] = []
    upload: dict[str, httpx.Response] = {}
    data = large_edition(900 * 1024)
    try:
        with ServerThread(create_app(lib, token=TOKEN, max_upload=4 * 1024 * 1024)) as running:

            def add() -> None:
                upload["response"] = httpx.post(
                    running.url + "/api/editions",
                    files={"file": (f"{BIG_REPORT}-2024-05-01.md", data)},
                    headers={"Authorization": f"Bearer {TOKEN}"},
                    timeout=600,
                )
                events.append("upload answered")

            adding = threading.Thread(target=add)
            adding.start()
            while not write_lock_held(db):  # the upload is read first; then its edition is stored
                assert adding.is_alive(), "the upload was answered before its write transaction was seen"
                time.sleep(0.005)
            events.append("write transaction open")
            reports = httpx.get(running.url + "/api/reports", timeout=600)
            page = httpx.get(running.url + "/reports/IF99001", timeout=600)
            found = httpx.get(running.url + "/api/search", params={"q": "agency counted"}, timeout=600)
            events.append("readers answered")
            adding.join(600)
            after = httpx.get(running.url + "/api/reports", timeout=60).json()["reports"]
            assert {r["report"] for r in after} == {"IF99001", BIG_REPORT}
    finally:
        lib.close()
    assert upload["response"].status_code == 201, upload["response"].text
    assert events == ["write transaction open", "readers answered", "upload answered"]
    # What the readers saw is the library before the large edition's transaction committed.
    assert [r["report"] for r in reports.json()["reports"]] == ["IF99001"]
    assert page.status_code == 200 and "IF99001" in page.text
    assert found.status_code == 200 and all(g["report"] != BIG_REPORT for g in found.json()["groups"])
