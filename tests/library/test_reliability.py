"""The library under crashes and concurrency, with real processes: kill -9 in the middle of adding a directory,
two writers and a reader at once. Both backends (the `library_url` fixture)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import editions
from editions.library import AddStatus, Library

ADD_SCRIPT = """
import sys
from editions.library import Library
with Library(sys.argv[1]) as lib:
    for r in lib.add_files(sys.argv[2:], on_result=lambda r: print(r.path.name, r.added.status if r.added else
                           "FAILED " + str(r.error), flush=True)):
        pass
"""

# The same, with every file read first: then nearly all the time is spent inside add's transactions, so the
# kill lands in one of them (the script above spends most of its time reading files).
ADD_PREREAD_SCRIPT = """
import sys
import editions
from editions.library import Library, expand_paths
loaded = [editions.read(p) for p in expand_paths(sys.argv[2:])]
with Library(sys.argv[1]) as lib:
    for edition in loaded:
        print(edition.report, lib.add(edition).status, flush=True)
"""

READ_SCRIPT = """
import os, sys
from editions.library import Library
stop = sys.argv[2]
searches = 0
with Library(sys.argv[1]) as lib:
    while not os.path.exists(stop):
        results = lib.search("program funding")
        for report in lib.reports()[:3]:
            lib.editions(report.report)
            lib.get(report.report)
        searches += 1
print(searches, flush=True)
"""


_READ: dict[Path, editions.Edition] = {}


def _read_all(files: dict[str, Path]) -> dict[str, editions.Edition]:
    for path in files.values():
        if path not in _READ:
            _READ[path] = editions.read(path)
    return {key: _READ[path] for key, path in files.items()}


def _check_whole(library: Library, files: dict[str, Path]) -> int:
    """Every edition in the library is whole and equal to its file; returns how many there are."""
    expected = _read_all(files)
    db = library._db
    rows = db.query("SELECT pk, id, sentence_count, body FROM editions")
    for pk, edition_id, sentence_count, body in rows:
        assert db.query("SELECT count(*) FROM sentences WHERE edition_pk = ?", (pk,))[0][0] == sentence_count
        facts = len(json.loads(body)["facts"])
        assert db.query("SELECT count(*) FROM facts WHERE edition_pk = ?", (pk,))[0][0] == facts
        assert db.query("SELECT count(*) FROM sources WHERE edition_pk = ?", (pk,))[0][0] >= 1
        stored = library.get(edition_id)
        assert stored == expected[stored.report or ""]
    if library.backend == "sqlite":
        assert db.query("PRAGMA integrity_check")[0][0] == "ok"
        db.write(lambda d: d.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')"))
    return len(rows)


CLI = "editions add"  # the command itself: `python -m editions add DIR --library URL`


def _adder(script: str, library_url: str, folder: Path) -> list[str]:
    if script == CLI:
        return [sys.executable, "-m", "editions", "add", str(folder), "--library", library_url]
    return [sys.executable, "-c", script, library_url, str(folder)]


@pytest.mark.parametrize("script", [ADD_SCRIPT, ADD_PREREAD_SCRIPT, CLI], ids=["reading", "storing", "cli"])
def test_kill_during_directory_add_leaves_whole_editions(
    library_url: str, tmp_path: Path, writers: Any, script: str
) -> None:
    # Editions already read are stored fast: larger ones keep the storing script's kill inside its adds, where
    # small ones were all stored before the kill landed on a quick machine.
    paths = writers.many_editions(tmp_path / "in", 40, sentences=400 if script == ADD_PREREAD_SCRIPT else 40)
    files = {p.stem: p for p in paths}
    Library(library_url).close()  # create it first, so each kill lands in the adding
    rng = random.Random(6)
    counts = []
    for _ in range(3):
        proc = subprocess.Popen(
            _adder(script, library_url, tmp_path / "in"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        for _ in range(rng.randint(3, 8)):  # let it store a few editions, then kill it mid-stream
            proc.stdout.readline()
        time.sleep(rng.uniform(0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        with Library(library_url) as library:
            counts.append(_check_whole(library, files))
    assert counts == sorted(counts) and counts[-1] < len(paths), counts
    # A re-run finishes the job.
    done = subprocess.run(
        _adder(ADD_SCRIPT if script != CLI else CLI, library_url, tmp_path / "in"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    if script == CLI:
        lines = done.stdout.splitlines()
        statuses = [line.split()[0] for line in lines[:-1]]
        assert lines[-1].startswith(f"{len(paths)} files: ") and lines[-1].endswith(" 0 failed"), lines[-1]
    else:
        statuses = [line.split(" ", 1)[1] for line in done.stdout.splitlines()]
    assert len(statuses) == len(paths)
    assert set(statuses) <= {AddStatus.ADDED.value, AddStatus.EXISTS.value}, statuses
    assert AddStatus.EXISTS.value in statuses  # what the killed runs stored is kept, not added again
    with Library(library_url) as library:
        assert _check_whole(library, files) == len(paths)


def test_two_writers_and_a_reader(library_url: str, tmp_path: Path, writers: Any) -> None:
    paths = writers.many_editions(tmp_path / "in", 80, sentences=30)
    files = {p.stem: p for p in paths}
    stop = tmp_path / "stop"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    reader = subprocess.Popen(
        [sys.executable, "-c", READ_SCRIPT, library_url, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # One writer is a script calling the library, the other the `editions add` command a user would run.
    commands = [
        [sys.executable, "-c", ADD_SCRIPT, library_url, *map(str, paths[0::2])],
        [sys.executable, "-m", "editions", "add", *map(str, paths[1::2]), "--library", library_url],
    ]
    writers_ = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for command in commands
    ]
    outputs = [w.communicate(timeout=600) for w in writers_]
    stop.touch()
    read_out, read_err = reader.communicate(timeout=120)
    for (out, err), w in zip(outputs, writers_, strict=True):
        assert w.returncode == 0, err
        assert "locked" not in err.lower() and "busy" not in err.lower(), err
        assert "FAILED" not in out and "failed " not in out, out
    assert len(outputs[0][0].splitlines()) == 40
    assert outputs[1][0].splitlines()[-1] == "40 files: 40 added, 0 new sources, 0 already in the library, 0 failed"
    assert reader.returncode == 0, read_err
    assert "locked" not in read_err.lower()
    assert int(read_out.strip()) > 0
    with Library(library_url) as library:
        assert _check_whole(library, files) == 80
        assert len(library.reports()) == 80
