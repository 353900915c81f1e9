"""A search's counts: how many sentences and in how many reports, on SQLite and PostgreSQL; and, past the number
of matches SQLite counts reports for, the command line, the web page and the API say the reports were not
counted rather than leave a number out silently."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from editions.library import Library
from editions.web.app import create_app

REPORTS = 30
SENTENCES = 40


@pytest.fixture
def programs(library_url: str, tmp_path: Path, writers: Any) -> Iterator[Library]:
    """30 reports of 40 distinct sentences each, every sentence saying "million"."""
    with Library(library_url) as lib:
        lib.add_files(writers.many_editions(tmp_path / "in", REPORTS, sentences=SENTENCES))
        yield lib


def test_reports_are_counted_past_a_thousand_matches(programs: Library) -> None:
    results = programs.search("million", limit=5)
    assert results.total == REPORTS * SENTENCES > 1000
    assert results.reports == REPORTS
    bridges = programs.search("million bridges")  # two sentences in ten
    assert (bridges.total, bridges.reports) == (REPORTS * SENTENCES // 5, REPORTS)


def test_past_the_bound_every_face_says_the_reports_were_not_counted(
    programs: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    if programs.backend != "sqlite":
        pytest.skip("PostgreSQL always counts the reports")
    from editions.library import sqlite

    monkeypatch.setattr(sqlite, "REPORTS_COUNTED", 500)
    results = programs.search("million", limit=5)
    assert (results.total, results.reports) == (REPORTS * SENTENCES, None)
    client = TestClient(create_app(programs), base_url="http://localhost")
    page = client.get("/search", params={"q": "million"})
    assert "1200 sentences (too many to count their reports)" in page.text
    assert client.get("/api/search", params={"q": "million"}).json()["reports"] is None
    assert programs.search("bridges", limit=5).reports == REPORTS  # 240 matches, under the bound: counted
    from editions.cli import _counted

    assert _counted(results) == "1,200 sentences (too many to count their reports)"
