"""An add that stopped before it made the report summaries (killed, or a library write failed) leaves them for
the next add: every add prepares what is missing or stale, not only the reports it added to."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli_runner import run_editions

from editions.library import Library

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return run_editions(*args, timeout=300)


def _summaries(db: str) -> dict[str, str]:
    with Library(db) as lib:
        rows = lib._db.query("SELECT r.key, s.editions FROM summaries s JOIN reports r ON r.pk = s.report_pk")
    return {str(key): str(made_from) for key, made_from in rows}


def test_add_again_makes_a_deleted_summary(library_url: str) -> None:
    db = library_url
    assert run("add", SAMPLES, "-L", db).returncode == 0
    made = _summaries(db)
    assert list(made) == ["IF99001"]
    with Library(db) as lib:
        lib._db.write(lambda d: d.execute("DELETE FROM summaries"))
        assert lib.unprepared() == ["IF99001"]

    again = run("add", SAMPLES, "-L", db)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1].startswith("3 files: 0 added, 0 new sources, 3 already in the library")
    assert _summaries(db) == made
    with Library(db) as lib:
        assert lib.unprepared() == []


def test_add_again_remakes_a_summary_an_interrupted_add_left_stale(library_url: str) -> None:
    db = library_url
    first, second, third = sorted(p for p in SAMPLES.glob("IF99001-*"))
    assert run("add", first, second, "-L", db).returncode == 0
    two = _summaries(db)["IF99001"]
    with Library(db) as lib:  # the third edition stored, then stopped before its summary was made
        lib.add_files([third], prepare=False)
        assert lib.unprepared() == ["IF99001"]
    assert _summaries(db)["IF99001"] == two

    again = run("add", third, "-L", db)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0].startswith("exists")
    assert _summaries(db)["IF99001"] != two
    with Library(db) as lib:
        assert lib.unprepared() == []
        assert lib.prepare() == 0  # what the add made is what a full prepare would keep


def test_library_add_files_prepares_what_is_missing(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    with Library(db) as lib:
        lib.add_files([SAMPLES], prepare=False)
        assert lib.unprepared() == ["IF99001"]
        lib.add_files([SAMPLES])  # nothing new to add; the summary is made all the same
        assert lib.unprepared() == []
