"""The watch list and change notices, against SQLite and PostgreSQL: a notice is recorded once per pair of
editions, its headline names the figure that changed ("54,000" → "55,000") with its sentence, and the filters
(since, report, watched only) choose what they say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from editions import Library
from editions.library import LibraryError, NotFoundError

REPORT = "IF97001"
TITLE = "Republic of Ostrava: Forces and Funding"


def _paragraphs(troops: str, funding: str) -> list[str]:
    return [
        f"The United States keeps about {troops} troops in Ostrava under a 2011 agreement. "
        "Both governments review the agreement every five years.",
        f"Congress provided {funding} in assistance to Ostrava in FY2025. "
        "Most of it paid for coastal patrol boats and training.",
        "The Ostravan parliament debates the cost of the partnership each spring.",
    ]


def _editions(writers: Any, folder: Path) -> list[Path]:
    return [
        writers.write_edition(folder, "a.txt", REPORT, TITLE, "March 3, 2025", _paragraphs("54,000", "$40 million")),
        writers.write_edition(folder, "b.txt", REPORT, TITLE, "October 1, 2026", _paragraphs("55,000", "$40 million")),
    ]


@pytest.fixture()
def library(library_url: str, writers: Any, tmp_path: Path) -> Any:
    with Library(library_url) as lib:
        for path in _editions(writers, tmp_path):
            lib.add(path)
        yield lib


def test_a_notice_names_the_figure_that_changed_and_is_recorded_once(library: Library) -> None:
    notice = library.record_notice(REPORT)
    assert notice is not None
    assert notice.report == REPORT and notice.report_title == TITLE
    assert (notice.old.ref, notice.new.ref) == (f"{REPORT}@2025-03-03", f"{REPORT}@2026-10-01")
    assert notice.new.date == dt.date(2026, 10, 1)
    assert notice.title == f"{REPORT} updated: 2026-10-01"
    first = notice.headline[0]
    assert first.kind == "figure"
    assert "54,000" in first.text and "55,000" in first.text and "→" in first.text
    assert "troops in Ostrava" in first.text  # the sentence it is in
    assert notice.figures == 1
    assert notice.compare_path == f"/compare/{REPORT}@2025-03-03/{REPORT}@2026-10-01"
    assert "figure — " in notice.text() and f"editions diff {REPORT}@2025-03-03 {REPORT}@2026-10-01" in notice.text()
    assert notice.text("https://e.example.org/").endswith(f"https://e.example.org{notice.compare_path}")

    again = library.record_notice(f"{REPORT}@2026-10-01", f"{REPORT}@2025-03-03")
    assert again == notice
    assert [n.id for n in library.notices()] == [notice.id]
    assert library.notices()[0].uuid == notice.uuid


def test_the_first_edition_has_no_notice_and_pairs_stay_within_a_report(
    library: Library, writers: Any, tmp_path: Path
) -> None:
    assert library.record_notice(f"{REPORT}~1") is None
    other = writers.write_edition(tmp_path, "c.txt", "IF97002", "Another Report", "May 5, 2026", ["One sentence."])
    library.add(other)
    with pytest.raises(LibraryError, match="one report"):
        library.record_notice("IF97002", REPORT)
    with pytest.raises(NotFoundError):
        library.record_notice("IF97003")
    assert library.notices() == []


def test_notices_are_filtered_by_time_report_and_watch_list(library: Library) -> None:
    notice = library.record_notice(REPORT)
    assert notice is not None
    day = notice.created_at.date()
    assert library.notices(since=day) == [notice]
    assert library.notices(since=notice.created_at) == [notice]
    assert library.notices(since=day + dt.timedelta(days=1)) == []
    assert library.notices(since=str(day.year + 1)) == []
    assert library.notices(report=REPORT.lower()) == [notice]
    assert library.notices(report="IF10199") == []  # a report number not (yet) in the library
    assert library.notices(watched_only=True) == []
    library.watch([REPORT])
    assert library.notices(watched_only=True) == [notice]
    assert library.notices(limit=0) == []
    with pytest.raises(LibraryError, match="not a date"):
        library.notices(since="last week")


def test_watch_list(library: Library) -> None:
    assert library.watch(["if97001", "IF10199", "r45122", "IF10199"]) == [REPORT, "IF10199", "R45122"]
    assert library.watch(["IF10199"]) == ["IF10199"]  # watching again is no error
    listed = {w.report: w for w in library.watched()}
    assert sorted(listed) == ["IF10199", REPORT, "R45122"]
    assert (listed[REPORT].title, listed[REPORT].editions, listed[REPORT].latest) == (TITLE, 2, dt.date(2026, 10, 1))
    assert (listed["IF10199"].title, listed["IF10199"].editions, listed["IF10199"].latest) == (None, 0, None)

    with pytest.raises(LibraryError, match="not a report number"):
        library.watch(["../etc/passwd"])
    with pytest.raises(LibraryError, match="not on the watch list"):
        library.unwatch(["R45122", "IF55555"])
    assert len(library.watched()) == 3  # nothing removed when one of them was not watched
    assert library.unwatch(["r45122"]) == ["R45122"]
    assert [w.report for w in library.watched()] == ["IF10199", REPORT]
    with pytest.raises(TypeError):
        library.watch("IF10199")


def test_notices_and_watches_outlive_the_process(library_url: str, writers: Any, tmp_path: Path) -> None:
    with Library(library_url) as lib:
        for path in _editions(writers, tmp_path):
            lib.add(path)
        lib.watch(["IF10199"])
        recorded = lib.record_notice(REPORT)
    with Library(library_url) as lib:
        assert lib.notices() == [recorded]
        assert [w.report for w in lib.watched()] == ["IF10199"]
        lib.remove(REPORT)  # a notice names its editions as they were: removing them leaves it whole
        assert lib.notices() == [recorded]


def test_a_new_edition_without_a_change_of_content_says_so(library_url: str, writers: Any, tmp_path: Path) -> None:
    sentence = "The United States keeps about 54,000 troops in Ostrava under a 2011 agreement."
    with Library(library_url) as lib:
        lib.add(writers.write_edition(tmp_path, "a.txt", REPORT, TITLE, "March 3, 2025", [f"{sentence} It rains."]))
        lib.add(writers.write_edition(tmp_path, "b.txt", REPORT, TITLE, "May 5, 2025", [f"{sentence} It  rains!"]))
        notice = lib.record_notice(REPORT)
    assert notice is not None and notice.figures == 0
    assert [h.kind for h in notice.headline] == ["unchanged"]
    assert notice.lines[0].startswith("unchanged — No change in content")


def test_deliveries_are_recorded_per_notice_and_target(library: Library) -> None:
    from editions.library import Target

    notice = library.record_notice(REPORT)
    assert notice is not None
    hook, mail = Target.of("json://127.0.0.1:9/hook", "json://127.0.0.1:9/hook"), Target.of("mailto://a:b@x", "m")
    week = dt.timedelta(days=7)
    assert library.pending_notices(hook, backlog=week) == [notice]
    assert library.record_delivery(notice.id, hook, "refused") == 1  # failed: still pending
    assert library.record_delivery(notice.id, hook, "refused again") == 2
    assert library.pending_notices(hook, backlog=week) == [notice]
    assert library.record_delivery(notice.id, hook) == 3  # delivered
    assert library.pending_notices(hook, backlog=week) == []
    assert library.pending_notices(mail, backlog=week) == [notice]  # another target has its own record
