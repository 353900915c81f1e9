"""The library calls the faces used to compose themselves (issue 17): a report's overview, an edition's
neighbours, adding uploaded bytes, the progress of preparing; on SQLite and PostgreSQL."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

import editions
from editions.errors import InputWarning
from editions.library import AddStatus, Library, NotFoundError

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "samples").glob("IF99001-*"))


@pytest.fixture
def library(library_url: str) -> Any:
    with Library(library_url) as lib:
        yield lib


def test_neighbours_are_the_editions_before_and_after(library: Library) -> None:
    library.add_files(SAMPLES)
    middle = library.neighbours("IF99001~1")
    assert middle.edition.ref == "IF99001@2024-06-02"
    assert middle.previous is not None and middle.previous.ref == "IF99001@2023-03-14"
    assert middle.following is not None and middle.following.ref == "IF99001@2025-09-30"
    assert middle.count == 3
    # each neighbour carries its share changed, as `editions` lists it
    assert middle.following.changed == library.editions("IF99001")[2].changed is not None
    first = library.neighbours("IF99001@2023-03-14")
    assert first.previous is None and first.following is not None and first.following.position == 2
    latest = library.neighbours("IF99001")
    assert latest.following is None and latest.previous is not None and latest.previous.position == 2


def test_overview_is_what_the_report_page_shows(library: Library) -> None:
    library.add_files(SAMPLES)
    overview = library.overview("IF99001")
    assert overview.report == "IF99001"
    assert [e.ref for e in overview.editions] == [e.ref for e in library.editions("IF99001")]
    summary = library.summary("IF99001")
    assert overview.brief == summary.brief and overview.brief
    assert overview.timelines == summary.timelines and overview.asked is None
    asked = library.overview("IF99001@2023-03-14", "military personnel")  # any reference names the report
    assert asked.report == "IF99001"
    assert asked.asked is not None and asked.asked.query == "military personnel"
    assert asked.timelines[0] == asked.asked
    assert [p.value for p in asked.asked.points] == [
        p.value for p in library.timeline("IF99001", "military personnel").points
    ]
    assert all(t.statements != asked.asked.statements for t in asked.timelines[1:])


def test_add_bytes_adds_and_prepares_the_report(library: Library) -> None:
    data = SAMPLES[0].read_bytes()
    added = library.add_bytes(data, SAMPLES[0].name)
    assert added.status is AddStatus.ADDED and added.edition.ref == "IF99001@2023-03-14"
    assert added.edition.sources[0].name == SAMPLES[0].name
    assert library.unprepared() == []  # the report's summary was made with the add
    assert library.add_bytes(data, SAMPLES[0].name).status is AddStatus.EXISTS
    with pytest.raises(editions.InputError, match="limit"):
        library.add_bytes(SAMPLES[1].read_bytes(), SAMPLES[1].name, max_bytes=100)
    assert [e.ref for e in library.editions("IF99001")] == ["IF99001@2023-03-14"]


def test_add_bytes_warns_as_reading_does(library: Library) -> None:
    data = SAMPLES[0].read_bytes().replace(b"Veldoria", b"Veld\xffria", 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        added = library.add_bytes(data, "IF99001-2023-03-14.md")
    assert added.status is AddStatus.ADDED
    assert any("UTF-8" in str(w.message) for w in caught if issubclass(w.category, InputWarning))


def test_add_files_reports_the_progress_of_preparing(library: Library) -> None:
    calls: list[tuple[int, int]] = []
    results = library.add_files(SAMPLES, on_prepare=lambda done, total: calls.append((done, total)))
    assert [r.added.status for r in results if r.added] == [AddStatus.ADDED] * 3
    assert calls == [(0, 1), (1, 1)]  # one report to prepare, then it is done
    calls.clear()
    library.add_files(SAMPLES, on_prepare=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 0)]  # nothing new: nothing to prepare


def test_neighbours_of_an_unknown_reference(library: Library) -> None:
    library.add_files(SAMPLES[:1])
    with pytest.raises(NotFoundError):
        library.neighbours("IF99001~3")
