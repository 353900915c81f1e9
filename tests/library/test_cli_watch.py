"""`editions watch`, `editions changes` and `editions notify` run as a user runs them: the watch list kept in the
library, notices listed newest first with their headlines, alerts sent to a real local receiver and kept when it
fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_runner import run_editions
from http_receiver import Receiver

from editions import Library

REPORT = "IF97021"


def _library(tmp_path: Path, writers: Any) -> Path:
    db = tmp_path / "cli.db"
    paragraphs = [
        "The United States keeps about {} troops in Ostrava under a 2011 agreement.",
        "The Ostravan parliament debates the cost of the partnership each spring.",
    ]
    with Library(db) as lib:
        for name, date, troops in (("a.txt", "March 3, 2025", "54,000"), ("b.txt", "October 1, 2026", "55,000")):
            path = writers.write_edition(
                tmp_path, name, REPORT, "Forces in Ostrava", date, [p.format(troops) for p in paragraphs]
            )
            lib.add(path)
        lib.record_notice(REPORT)
    return db


def test_watch_add_list_remove(tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    added = run_editions("watch", "add", "if10199", "R45122", "-L", db)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Watching IF10199, R45122.\n"
    listed = run_editions("watch", "list", "-L", db)
    assert listed.stdout.splitlines()[1:] == [
        "IF10199  0                 (not in the library yet)",
        "R45122   0                 (not in the library yet)",
    ]
    as_json = json.loads(run_editions("watch", "list", "-L", db, "--format", "json").stdout)
    assert [w["report"] for w in as_json] == ["IF10199", "R45122"]
    removed = run_editions("watch", "remove", "r45122", "-L", db)
    assert removed.stdout == "No longer watching R45122.\n"
    missing = run_editions("watch", "remove", "R45122", "-L", db)
    assert missing.returncode == 1
    assert missing.stderr == "editions: 'R45122' is not on the watch list; `editions watch list` shows it.\n"
    bad = run_editions("watch", "add", "not a report", "-L", db)
    assert bad.returncode == 1 and "is not a report number" in bad.stderr and bad.stderr.count("\n") == 1


def test_changes_lists_notices_with_their_headlines(tmp_path: Path, writers: Any) -> None:
    db = _library(tmp_path, writers)
    shown = run_editions("changes", "-L", db)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith(f"{REPORT} updated: 2026-10-01  {REPORT}@2025-03-03 → {REPORT}@2026-10-01, recorded ")
    assert lines[1].startswith("  figure — ") and "“about 54,000” → “about 55,000”" in lines[1]
    assert f"  editions diff {REPORT}@2025-03-03 {REPORT}@2026-10-01" in lines

    data = json.loads(run_editions("changes", "-L", db, "--format", "json", "--report", REPORT.lower()).stdout)
    (notice,) = data["notices"]
    assert notice["title"] == f"{REPORT} updated: 2026-10-01" and notice["figures"] == 1
    assert notice["headline"][0]["kind"] == "figure" and "55,000" in notice["headline"][0]["text"]

    later = run_editions("changes", "-L", db, "--since", "2999-01-01")
    assert later.returncode == 0 and later.stdout.startswith("No change notices since 2999-01-01")
    bad = run_editions("changes", "-L", db, "--since", "yesterday")
    assert bad.returncode == 1 and "is not a date" in bad.stderr


def test_notify_sends_pending_notices_and_keeps_failed_ones(tmp_path: Path, writers: Any) -> None:
    db = _library(tmp_path, writers)
    config = tmp_path / "config.toml"
    with Receiver() as receiver:
        config.write_text(
            f'notify = ["{receiver.url()}"]\nbase_url = "https://editions.example.org"\n', encoding="utf-8"
        )
        receiver.status = 500
        failed = run_editions("notify", "-L", db, "--config", config)
        assert failed.returncode == 1
        assert "could not send" in failed.stderr and "kept for next time" in failed.stderr
        receiver.status = 200
        sent = run_editions("notify", "-L", db, "--config", config)
        assert sent.returncode == 0, sent.stderr
        assert sent.stdout.startswith(f"sent {REPORT} updated: 2026-10-01 to json://127.0.0.1:{receiver.port}/hook")
        (body,) = receiver.bodies
        assert "55,000" in body["message"] and "https://editions.example.org/compare/" in body["message"]
        again = run_editions("notify", "-L", db, "--config", config)
        assert again.stdout == "Nothing to send: every notice has been delivered.\n"
    none = run_editions("notify", "-L", db, env={"EDITIONS_CONFIG": "", "XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert none.returncode == 2 and "give an Apprise URL" in none.stderr
