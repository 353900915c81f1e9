"""`editions add | list | search | timeline` and `diff` with library references, run for real in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cli_runner import run_editions

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


def run(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_editions(*args, env=env, timeout=300)


def test_add_list_search_timeline_diff(tmp_path: Path, library_url: str) -> None:
    db = library_url  # a SQLite file, or a PostgreSQL database: the same commands, the same answers
    missing = tmp_path / "missing.md"
    added = run("add", SAMPLES, missing, "--library", db)
    assert added.returncode == 1, added.stderr  # one file failed, the others were still added
    lines = added.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["added", "added", "added", "skipped", "failed"]
    assert "IF99001@2024-06-02" in lines[1]
    assert "README.md: not an edition" in lines[3]  # a folder's README is skipped, saying why
    assert f"{missing}" in lines[4] and "does not exist" in lines[4]
    assert lines[-1] == "4 files: 3 added, 0 new sources, 0 already in the library, 1 failed, 1 skipped (not editions)"
    assert "Traceback" not in added.stderr
    assert "━" not in added.stderr  # no progress bar when standard error is not a terminal
    from editions.library import Library

    with Library(db) as lib:  # the report it added to has its page summary made and kept
        kept = lib._db.query("SELECT r.key, s.body FROM summaries s JOIN reports r ON r.pk = s.report_pk")
        assert [k for k, _ in kept] == ["IF99001"] and "military personnel" in str(kept[0][1])
        assert lib.prepare() == 0

    again = run("add", SAMPLES / "IF99001-2024-06-02.md", "-L", db, "--format", "json")
    assert again.returncode == 0
    assert json.loads(again.stdout)[0]["status"] == "exists"

    piped = run("list", "-L", db).stdout.splitlines()  # into a pipe: a header and one unwrapped line per report
    assert len(piped) == 2 and piped[0].split()[:2] == ["Report", "Editions"]
    assert piped[1].split()[:2] == ["IF99001", "3"] and piped[1].endswith("Veldoria: Background and U.S. Relations")
    reports = run("list", "-L", db, "-f", "json")
    assert [r["report"] for r in json.loads(reports.stdout)] == ["IF99001"]
    listed = run("list", "IF99001", "-L", db)
    assert listed.returncode == 0
    assert "IF99001@2025-09-30" in listed.stdout and "%" in listed.stdout
    data = json.loads(run("list", "if99001", "-L", db, "-f", "json").stdout)
    assert data[0]["changed"] is None and 0 < data[1]["changed"] < 1

    found = run("search", "military personnel", "-L", db)
    assert found.returncode == 0
    assert "IF99001@2025-09-30 · Security Cooperation" in found.stdout
    assert "first seen IF99001@2024-06-02" in found.stdout
    found_json = json.loads(run("search", "military personnel", "--until", "2023", "-L", db, "-f", "json").stdout)
    assert [c["ref"] for g in found_json["groups"] for h in g["hits"] for c in h["citations"]] == ["IF99001@2023-03-14"]
    assert "No sentence" in run("search", "zyzzyva", "-L", db).stdout
    marked = run("search", "military personnel", "-L", db, "-f", "markdown").stdout
    assert marked.startswith("## IF99001: ")
    assert "- About 2,500 U.S. **military** **personnel** are stationed" in marked
    assert "(IF99001@2025-09-30 · Security Cooperation · sentence " in marked
    assert "IF99001" in run("search", "military", "--product", "In Focus", "-L", db).stdout
    assert "No sentence" in run("search", "military", "--product", "Insight", "-L", db).stdout
    assert "Security Cooperation" in run("search", "military", "--report", "if99001", "-L", db).stdout
    other = run("search", "military", "--report", "IF99002", "-L", db)
    assert other.returncode == 1 and other.stderr.startswith("editions: no report 'IF99002'")

    chart = run("timeline", "IF99001", "military personnel", "-L", db)
    assert chart.returncode == 0
    assert "About 2,100" in chart.stdout and "█" in chart.stdout
    points = json.loads(run("timeline", "IF99001", "military personnel", "-L", db, "-f", "json").stdout)["points"]
    assert [p["value"] for p in points] == [2100, 2500, 2500]
    rows = run("timeline", "IF99001", "military personnel", "-L", db, "-f", "csv").stdout.splitlines()
    assert rows[0].split(",")[:3] == ["report", "query", "date"] and len(rows) == 4
    assert [row.split(",")[7] for row in rows[1:]] == ["2100", "2500", "2500"]
    nothing = run("timeline", "IF99001", "submarines", "-L", db)
    assert nothing.returncode == 1 and nothing.stderr.startswith("editions: no figure about 'submarines'")

    compared = run("diff", "IF99001~1", "IF99001", "-L", db, "-f", "json")
    assert compared.returncode == 0, compared.stderr
    assert json.loads(compared.stdout)["new"]["date"] == "2025-09-30"
    by_date = run("diff", "IF99001@2023-03-14", "IF99001@2025-09-30", "-L", db, "-f", "json")
    assert by_date.returncode == 0, by_date.stderr
    dates = json.loads(by_date.stdout)
    assert (dates["old"]["date"], dates["new"]["date"]) == ("2023-03-14", "2025-09-30")
    terminal = run("diff", "IF99001@2023-03-14", "IF99001~1", "-L", db)
    assert terminal.returncode == 0, terminal.stderr
    assert "2,100" in terminal.stdout and "2,500" in terminal.stdout


def test_library_from_the_environment_and_errors(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    assert run("add", SAMPLES / "IF99001-2023-03-14.md", env={"EDITIONS_LIBRARY": str(db)}).returncode == 0
    assert "IF99001" in run("list", env={"EDITIONS_LIBRARY": str(db)}).stdout

    unknown = run("list", "IF00000", "-L", db)
    assert unknown.returncode == 1 and unknown.stderr.startswith("editions: no report 'IF00000'")
    bad_ref = run("diff", "IF99001~4", "IF99001", "-L", db)
    assert bad_ref.returncode == 1 and "no edition 4 before" in bad_ref.stderr

    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 50)
    refused = run("list", "-L", notes)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "not an Editions library" in refused.stderr

    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("add", empty, "-L", db)
    assert nothing.returncode == 2 and "no edition files" in nothing.stderr


def test_read_commands_never_create_a_library(tmp_path: Path) -> None:
    for args in (["list"], ["search", "x"], ["timeline", "IF1", "x"], ["diff", "IF1~1", "IF1"]):
        result = subprocess.run(
            [sys.executable, "-m", "editions", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={k: v for k, v in os.environ.items() if k != "EDITIONS_LIBRARY"},
            timeout=120,
        )
        assert result.returncode == 1, args
        assert result.stderr.startswith("editions: there is no library at editions.db"), result.stderr
    typo = run("diff", tmp_path / "old.md", "new.md")
    assert typo.returncode == 1 and "does not exist" in typo.stderr
    assert list(tmp_path.iterdir()) == []


def test_add_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """Standard error on a pseudo-terminal, as in an interactive shell: the bar counts the files; the result lines
    and the summary still go to standard output."""
    import pty

    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("IF99001-*")):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    controller, terminal = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("EDITIONS_LIBRARY", "NO_COLOR", "CI")}
    environment.update({"COLUMNS": "100", "TERM": "xterm", "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "editions", "add", str(folder), "-L", str(tmp_path / "lib.db")],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=environment,
    )
    os.close(terminal)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    assert proc.wait(timeout=300) == 1  # broken.pdf failed
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "adding" in screen and "━" in screen
    assert "0/4" in screen and "4/4" in screen
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["added", "added", "added", "failed"]  # in name order
    assert lines[-1] == "4 files: 3 added, 0 new sources, 0 already in the library, 1 failed"
