"""Issue 15's second acceptance point, end to end: `editions update` (the command, run as a user runs it) against
the fake Congress.gov, a watch list, the Atom feed and an alert to a local json:// receiver. A new version is
one edition, one change notice naming the figure that moved, one feed entry and one delivery; a metadata-only
update is none of them; a receiver that was down gets the notice on the next run."""

from __future__ import annotations

from pathlib import Path

import feedparser
from cli_runner import run_editions
from fake_congress import FakeCongress, harbor_report, harbor_version
from fastapi.testclient import TestClient
from http_receiver import Receiver

from editions.library import Library
from editions.web import create_app


def _update(fake: FakeCongress, tmp_path: Path, *extra: str) -> list[str]:
    return [
        "update",
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


def _env(tmp_path: Path) -> dict[str, str]:
    # No settings file of whoever runs the tests: an empty config folder of the test's own.
    return {"CONGRESS_API_KEY": "test-key", "XDG_CONFIG_HOME": str(tmp_path / "config"), "EDITIONS_CONFIG": ""}


def _feed_entries(library: Path, report: str) -> list[feedparser.FeedParserDict]:
    with Library(library) as lib:
        response = TestClient(create_app(lib), base_url="http://localhost").get(f"/reports/{report}.atom")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return list(parsed.entries)


def test_a_new_version_is_one_notice_one_feed_entry_and_one_alert(tmp_path: Path, fake: FakeCongress) -> None:
    report = fake.add(harbor_report(versions=5))
    db = tmp_path / "lib.db"
    watched = run_editions("watch", "add", "IF90001", "--library", db)
    assert watched.returncode == 0, watched.stderr
    with Receiver() as receiver:
        first = run_editions(*_update(fake, tmp_path, "--notify", receiver.url()), env=_env(tmp_path))
        assert first.returncode == 0, first.stderr
        with Library(db) as lib:  # a watched report new to the library is fetched whole: no notice for its past
            assert len(lib.editions("IF90001")) == 5 and lib.notices() == []
        assert receiver.bodies == [] and _feed_entries(db, "IF90001") == []

        report.versions[6] = harbor_version(6)
        report.update_date = "2026-02-09T18:00:00Z"
        second = run_editions(*_update(fake, tmp_path, "--notify", receiver.url()), env=_env(tmp_path))
        assert second.returncode == 0, second.stderr
        assert "new edition" in second.stdout and "IF90001 updated: v6, 2026-02-09" in second.stdout
        with Library(db) as lib:
            assert len(lib.editions("IF90001")) == 6
            (notice,) = lib.notices()
        assert (notice.old.version, notice.new.version) == (5, 6)
        figure_lines = [line for line in notice.lines if "54,000" in line and "55,000" in line]
        assert figure_lines and notice.lines[0] == figure_lines[0], notice.lines  # the figure first
        (entry,) = _feed_entries(db, "IF90001")
        assert entry.title == "IF90001 updated: v6, 2026-02-09"
        assert "54,000" in entry.summary and "55,000" in entry.summary
        (body,) = receiver.bodies
        assert "IF90001 updated: v6, 2026-02-09" in body["title"] and "55,000" in body["message"]

        report.update_date = "2026-03-01T09:00:00Z"  # the catalogue entry moves, the files do not
        touched = run_editions(*_update(fake, tmp_path, "--notify", receiver.url()), env=_env(tmp_path))
        assert touched.returncode == 0, touched.stderr
        assert "metadata only" in touched.stdout and "notice" not in touched.stdout
        with Library(db) as lib:
            assert len(lib.editions("IF90001")) == 6 and len(lib.notices()) == 1
        assert len(receiver.bodies) == 1 and len(_feed_entries(db, "IF90001")) == 1


def test_a_notice_the_receiver_missed_is_sent_by_the_next_update(tmp_path: Path, fake: FakeCongress) -> None:
    report = fake.add(harbor_report(versions=2))
    with Receiver() as receiver:
        first = run_editions(*_update(fake, tmp_path, "IF90001", "--notify", receiver.url()), env=_env(tmp_path))
        assert first.returncode == 0, first.stderr
        report.versions[3] = harbor_version(3)
        report.update_date = "2026-02-09T18:00:00Z"
        receiver.status = 500  # down while the new edition comes in
        missed = run_editions(*_update(fake, tmp_path, "IF90001", "--notify", receiver.url()), env=_env(tmp_path))
        assert missed.returncode == 1 and "kept for next time" in missed.stderr
        assert receiver.bodies == []
        receiver.status = 200
        later = run_editions(*_update(fake, tmp_path, "IF90001", "--notify", receiver.url()), env=_env(tmp_path))
        assert later.returncode == 0, later.stderr
        (body,) = receiver.bodies
        assert "IF90001 updated: v3" in body["title"]
        with Library(tmp_path / "lib.db") as lib:
            assert len(lib.notices()) == 1
