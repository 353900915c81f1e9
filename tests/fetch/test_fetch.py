"""`editions fetch` against the fake Congress.gov (tests/fetch/fake_congress.py): editions with provenance,
re-runs that download nothing, the API's limits, errors and traps, the bot check, gaps, the mirror import."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fake_congress import FakeClock, FakeCongress, harbor_report

from editions.fetch import FetchError, FetchSettings, Outcome, ReportFetched, open_fetcher
from editions.fetch.mirror import import_mirror
from editions.library import Library


def _fetch(
    library: Library, fake: FakeCongress, clock: FakeClock, cache: Path, reports: list[str], **options: object
) -> list[ReportFetched]:
    settings = FetchSettings(api_key="test-key", api_url=fake.api_url, cache_dir=cache, **options)  # type: ignore[arg-type]
    with open_fetcher(library, settings, clock=clock) as fetcher:
        return fetcher.fetch(reports)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_five_versions_become_five_editions_with_provenance_and_a_rerun_downloads_nothing(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    report = fake.add(harbor_report(versions=5))
    library = Library(tmp_path / "lib.db")
    (result,) = _fetch(library, fake, clock, tmp_path / "cache", ["if90001"])
    assert result.error is None
    listed = library.editions("IF90001")
    assert [e.version for e in listed] == [1, 2, 3, 4, 5]
    assert [e.date.isoformat() if e.date else None for e in listed] == [v.date for v in report.versions.values()]
    for number, info in enumerate(listed, start=1):
        pdf = next(s for s in info.sources if s.format == "pdf")
        assert pdf.name == fake.pdf_url(report, number)
        assert pdf.sha256 == _sha256(report.pdf(number))
        assert pdf.api_version == number
        assert pdf.retrieved_at is not None
    # The current version is also read from its HTML page: one edition, two sources.
    assert sorted(s.format for s in listed[-1].sources) == ["html", "pdf"]
    html = next(s for s in listed[-1].sources if s.format == "html")
    assert (html.name, html.api_version, html.sha256) == (fake.html_url(report), 5, _sha256(report.html_page()))
    assert "54,000 vessels" in library.get("IF90001").text and "53,250 vessels" in library.get("IF90001~1").text
    assert fake.file_downloads() == 6  # five PDFs and the HTML page
    # About one request a second, on the fake clock: every request after the first waited its turn.
    requests = len(fake.requests)
    assert sum(clock.sleeps) >= requests - 1 - 1e-9

    before = len(fake.requests)
    (again,) = _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"])
    assert not again.added and all(not f.downloaded for f in again.files)
    assert fake.file_downloads() == 6  # nothing downloaded again ...
    new_requests = fake.requests[before:]
    assert [(path, status) for _, path, status in new_requests] == [
        ("/v3/crsreport/IF90001", 200),  # ... the detail, and the HTML page asked "changed?" (304)
        ("/crs_external_products/IF/HTML/IF90001.html", 304),
    ]
    assert len(library.editions("IF90001")) == 5
    assert [len(e.sources) for e in library.editions("IF90001")] == [1, 1, 1, 1, 2]


def test_429_with_retry_after_waits_that_long_on_the_clock_and_goes_on(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    fake.add(harbor_report(versions=2))
    fake.throttle("30")
    library = Library(tmp_path / "lib.db")
    (result,) = _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"])
    assert result.error is None
    assert 30.0 in clock.sleeps
    assert [status for _, path, status in fake.requests if path.startswith("/v3/")] == [429, 200]
    assert len(library.editions("IF90001")) == 2


def test_a_retry_after_beyond_an_hour_ends_the_run_with_one_sentence(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    fake.add(harbor_report(versions=1))
    fake.throttle("43200")  # the demo key: until midnight
    (result,) = _fetch(Library(tmp_path / "lib.db"), fake, clock, tmp_path / "cache", ["IF90001"])
    assert result.error is not None and "rate limit" in result.error and "43200 s" in result.error
    assert 43200.0 not in clock.sleeps


def test_unknown_report_and_application_error_are_reported_and_the_others_fetched(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    fake.add(harbor_report(versions=1))
    fake.app_errors.add("R45122")
    library = Library(tmp_path / "lib.db")
    results = _fetch(library, fake, clock, tmp_path / "cache", ["IF99999", "R45122", "IF90001"])
    errors = {r.report: r.error for r in results}
    assert errors["IF99999"] is not None and "no CRS product 'IF99999'" in errors["IF99999"]
    assert errors["R45122"] is not None and "ValueError: invalid literal" in errors["R45122"]
    assert errors["IF90001"] is None and len(library.editions("IF90001")) == 1


def test_the_detail_is_trusted_over_the_lagging_list_version(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    fake.add(harbor_report(versions=3)).list_version = 1
    library = Library(tmp_path / "lib.db")
    settings = FetchSettings(api_key="test-key", api_url=fake.api_url, cache_dir=tmp_path / "cache")
    with open_fetcher(library, settings, clock=clock) as fetcher:
        (listed,) = list(fetcher.api.listing(since="2025-12-01"))
        assert (listed.id, listed.version) == ("IF90001", 1)
        fetcher.fetch([listed.id])
    assert [e.version for e in library.editions("IF90001")] == [1, 2, 3]


def test_the_list_is_paged_newest_first_each_id_once_while_reports_move_to_the_top(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    for n in range(7):
        fake.add(harbor_report(f"IF9000{n}", versions=1)).update_date = f"2026-01-0{n + 1}T10:00:00Z"
    settings = FetchSettings(api_key="test-key", api_url=fake.api_url, cache_dir=tmp_path / "cache")
    with open_fetcher(Library(tmp_path / "lib.db"), settings, clock=clock) as fetcher:
        seen = []
        for item in fetcher.api.listing(page_size=3):
            seen.append(item.id)
            if len(seen) == 2:  # updated while we page: moves to the top, the rest shift down a place
                fake.reports["IF90000"].update_date = "2026-02-01T00:00:00Z"
        # IF90004 came round again on the second page and is given once; IF90000 moved above the walk (the next
        # update meets it: its update date is newer than the newest this walk saw).
        assert seen == ["IF90006", "IF90005", "IF90004", "IF90003", "IF90002", "IF90001"]
        assert [i.id for i in fetcher.api.listing(since="2026-01-05")] == ["IF90000", "IF90006", "IF90005", "IF90004"]


def test_bot_challenge_on_html_falls_back_to_the_pdf_and_never_stores_the_challenge(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    report = fake.add(harbor_report(versions=2))
    report.pdf_in_formats = False  # the detail lists only the HTML ...
    report.html_challenge = True  # ... which answers the bot check
    library = Library(tmp_path / "lib.db")
    (result,) = _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"], formats=("html",))
    assert result.notes == ("IF90001: the HTML page answered with the host's bot check, so its PDF is used instead.",)
    assert [f.outcome for f in result.files if f.task.format == "html"] == [Outcome.CHALLENGED]
    listed = library.editions("IF90001")
    assert [e.version for e in listed] == [1, 2]
    assert all(s.format == "pdf" for e in listed for s in e.sources)
    assert listed[-1].sources[0].name == fake.pdf_url(report, 2)  # built from the HTML URL's folder
    cached = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert b"Just a moment" not in cached
    assert "Just a moment" not in library.get("IF90001").text


def test_missing_version_numbers_are_gaps_skipped_and_not_asked_for_again(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    report = fake.add(harbor_report(versions=5))
    del report.versions[3]
    library = Library(tmp_path / "lib.db")
    (result,) = _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"])
    assert [e.version for e in library.editions("IF90001")] == [1, 2, 4, 5]
    assert [f.task.version for f in result.files if f.outcome is Outcome.MISSING] == [3]
    before = fake.count("/crs_external_products/IF/PDF/IF90001/IF90001.3.pdf")
    _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"])
    assert fake.count("/crs_external_products/IF/PDF/IF90001/IF90001.3.pdf") == before == 1


def test_a_changed_cached_file_is_downloaded_again_and_an_unknown_format_is_refused(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    report = fake.add(harbor_report(versions=1))
    library = Library(tmp_path / "lib.db")
    _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"])
    # The HTML is one URL for every version: republished with a corrected figure, it is fetched again.
    report.versions[1].paragraphs[0] = report.versions[1].paragraphs[0].replace("50,000", "50,500")
    (result,) = _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"])
    html = next(f for f in result.files if f.task.format == "html")
    assert html.downloaded and html.outcome is Outcome.ADDED
    with pytest.raises(FetchError, match="--formats takes pdf and html"):
        _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"], formats=("docx",))


def test_import_from_an_everycrsreport_mirror_folder_and_url_checks_every_sha1(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    report = fake.add(harbor_report(versions=4))
    folder = fake.write_mirror(tmp_path / "mirror")
    settings = FetchSettings(api_key="", cache_dir=tmp_path / "cache")
    library = Library(tmp_path / "lib.db")
    (result,) = import_mirror(library, str(folder), ["IF90001"], settings, clock=clock)
    assert result.error is None
    listed = library.editions("IF90001")
    assert [e.date.isoformat() if e.date else None for e in listed] == [v.date for v in report.versions.values()]
    first = listed[0].sources[0]
    assert first.url == fake.pdf_url(report, 1) and first.sha256 == _sha256(report.pdf(1))
    assert first.name is not None and first.name.startswith(str(folder / "files"))
    # Again: nothing read. Over HTTP into another library: the same editions; a file not matching its SHA-1 is
    # refused.
    (again,) = import_mirror(library, str(folder), ["IF90001"], settings, clock=clock)
    assert {f.outcome for f in again.files} == {Outcome.KNOWN}
    corrupt = next((folder / "files").glob("2025-01-06_*"))
    corrupt.write_bytes(corrupt.read_bytes() + b"\n% tampered")
    other = Library(tmp_path / "other.db")
    (remote,) = import_mirror(other, fake.mirror_url, ["IF90001"], settings, clock=clock)
    assert len(other.editions("IF90001")) == 4 and remote.error is None
    third = Library(tmp_path / "third.db")
    (local,) = import_mirror(third, str(folder), ["IF90001"], settings, clock=clock)
    failed = [f for f in local.files if f.outcome is Outcome.FAILED]
    assert len(failed) == 1 and "SHA-1" in (failed[0].message or "")
    assert len(third.editions("IF90001")) == 3


def test_server_errors_are_retried_with_back_off_and_a_low_budget_slows_the_pace(
    tmp_path: Path, fake: FakeCongress, clock: FakeClock
) -> None:
    fake.add(harbor_report(versions=1))
    fake.fail_queue.extend([503, 502])
    library = Library(tmp_path / "lib.db")
    (result,) = _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"], rate=0)
    assert result.error is None and len(library.editions("IF90001")) == 1
    assert clock.sleeps[:2] == [2.0, 4.0]  # backing off 2, then 4 seconds
    # Under a tenth of the hour's 5,000 requests left: requests are spread at 5,000 an hour (0.72 s apart).
    fake.remaining = 100
    clock.sleeps.clear()
    _fetch(library, fake, clock, tmp_path / "cache", ["IF90001"], rate=0)
    assert clock.sleeps and all(abs(s - 0.72) < 1e-6 for s in clock.sleeps)


def test_parallel_jobs_fetch_the_same_editions(tmp_path: Path, fake: FakeCongress, clock: FakeClock) -> None:
    fake.add(harbor_report("IF90001", versions=5))
    fake.add(harbor_report("IF90002", versions=3))
    library = Library(tmp_path / "lib.db")
    results = _fetch(library, fake, clock, tmp_path / "cache", ["IF90001", "IF90002"], jobs=3)
    assert [len(r.added) for r in results] == [5, 3]
    assert [e.version for e in library.editions("IF90001")] == [1, 2, 3, 4, 5]
    assert [e.version for e in library.editions("IF90002")] == [1, 2, 3]
