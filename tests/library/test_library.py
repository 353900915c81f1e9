"""editions.Library, the same tests on SQLite and on PostgreSQL (the `library_url` fixture)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from query_counter import queries

import editions
from editions.errors import InputWarning
from editions.library import AddStatus, Library, LibraryError, NotFoundError, render_chart
from editions.model import Fact, Source, Span

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "samples").glob("IF99001-*"))


@pytest.fixture
def library(library_url: str) -> Any:
    with Library(library_url) as lib:
        yield lib


@pytest.fixture
def samples(library: Library) -> Library:
    for path in SAMPLES:
        assert library.add(path).status is AddStatus.ADDED
    return library


# --- Where the library is ------------------------------------------------------------------------------------


def test_default_location_is_editions_db_or_the_environment(
    library_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("EDITIONS_LIBRARY", raising=False)
    with Library() as lib:
        assert lib.backend == "sqlite"
        lib.add(SAMPLES[0])
    assert (work / "editions.db").is_file()
    monkeypatch.setenv("EDITIONS_LIBRARY", "")  # empty counts as unset
    with Library() as lib:
        assert [e.ref for e in lib.editions("IF99001")] == ["IF99001@2023-03-14"]
    monkeypatch.setenv("EDITIONS_LIBRARY", library_url)  # a file elsewhere, or a postgresql:// URL
    with Library() as lib:
        assert lib.backend == ("postgres" if library_url.startswith("postgresql://") else "sqlite")
        assert not lib.reports()
        lib.add(SAMPLES[1])
    with Library(library_url) as lib:
        assert [e.ref for e in lib.editions("IF99001")] == ["IF99001@2024-06-02"]
    with Library(work / "editions.db") as lib:  # the default file was left alone
        assert [e.ref for e in lib.editions("IF99001")] == ["IF99001@2023-03-14"]


# --- Storing and loading back ---------------------------------------------------------------------------------


def test_editions_load_back_equal(samples: Library) -> None:
    for path in SAMPLES:
        edition = editions.read(path)
        assert samples.get(edition.id) == edition
    assert samples.get("IF99001") == editions.read(SAMPLES[-1])


def test_every_field_round_trips(library: Library) -> None:
    edition = editions.read(SAMPLES[0])
    odd = dataclasses.replace(
        edition,
        version=7,
        source=Source("pdf", "https://example.org/a b.pdf", dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC)),
        facts=(
            *edition.facts,
            Fact("fraction", Span(0, 3), 0, 0.6667, None, True, "share ‘quoted’ — measure"),
            Fact("office_holder", Span(0, 3), 0, "Zoë Ödegaard", "former Prime Minister", False, ""),
            Fact("count", Span(0, 3), 0, None, None, False, ""),
            Fact("money", Span(0, 3), 0, 2_000_000_000_000, "USD", False, "x"),
        ),
    )
    library.add(odd)
    back = library.get(odd.id)
    assert back == odd
    assert isinstance(back.facts[-4].value, float) and isinstance(back.facts[-1].value, int)


def test_bytes_source_has_no_name(library: Library) -> None:
    data = SAMPLES[0].read_bytes()
    added = library.add(data, "markdown")
    assert added.status is AddStatus.ADDED
    assert library.get(added.edition.ref).source == Source("markdown", None)


# --- Idempotence and sources ------------------------------------------------------------------------------------


def test_adding_twice_is_one_edition(samples: Library) -> None:
    again = samples.add(SAMPLES[1])
    assert again.status is AddStatus.EXISTS
    assert len(samples.editions("IF99001")) == 3
    assert len(samples.sources(again.edition.ref)) == 1


def test_same_text_in_two_formats_is_one_edition_with_two_sources(
    library: Library, tmp_path: Path, writers: Any
) -> None:
    text = writers.edition_text(
        "IF98000", "Harbor Dredging", "May 5, 2024", ["The harbor needs dredging every 3 years. It costs $4 million."]
    )
    txt = tmp_path / "IF98000.txt"
    md = tmp_path / "IF98000.md"
    txt.write_text(text)
    md.write_text(text)
    first = library.add(txt)
    second = library.add(md)
    assert editions.read(txt).id == editions.read(md).id
    assert (first.status, second.status) == (AddStatus.ADDED, AddStatus.NEW_SOURCE)
    assert second.edition.id == first.edition.id
    assert [s.format for s in library.sources("IF98000")] == ["text", "markdown"]
    assert len(library.editions("IF98000")) == 1


def _harbor_pdf(paragraph: str) -> bytes:
    import sys

    sys.path.insert(0, str(REPO / "tests" / "ingest"))  # the generator of test PDFs
    from pdf_fixtures import Line, Page, build, paragraph_lines

    lines = [
        Line(72, 720, "Harbor Dredging: Issues for Congress", 16, "F2"),
        Line(72, 690, "Updated May 5, 2024 (IF98000)", 10),
        Line(72, 660, "Overview", 12, "F2"),
    ]
    lines += [Line(72, 640 - 13 * i, text) for i, text in enumerate(paragraph_lines(paragraph.split(), 80))]
    return build([Page(lines)])


def _harbor_html(paragraph: str) -> str:
    return (
        "<!doctype html><html><head><title>Harbor Dredging: Issues for Congress</title></head><body>"
        "<h1>Harbor Dredging: Issues for Congress</h1><p>Updated May 5, 2024 (IF98000)</p>"
        f"<h2>Overview</h2><p>{paragraph}</p></body></html>"
    )


def test_same_edition_as_pdf_and_html_is_one_edition_with_two_sources(library: Library, tmp_path: Path) -> None:
    paragraph = "The harbor needs dredging every 3 years. It costs $4 million a year, up from $3 million in 2020."
    pdf = tmp_path / "IF98000.pdf"
    html = tmp_path / "IF98000.html"
    pdf.write_bytes(_harbor_pdf(paragraph))
    html.write_text(_harbor_html(paragraph))
    from_pdf, from_html = editions.read(pdf), editions.read(html)
    assert (from_pdf.source.format, from_html.source.format) == ("pdf", "html")
    assert from_pdf.text == from_html.text  # the texts agree ...
    first, second = library.add(pdf), library.add(html)
    assert (first.status, second.status) == (AddStatus.ADDED, AddStatus.NEW_SOURCE)  # ... so: one edition
    assert [(s.format, Path(s.name or "").name) for s in library.sources("IF98000")] == [
        ("pdf", "IF98000.pdf"),
        ("html", "IF98000.html"),
    ]
    assert [e.ref for e in library.editions("IF98000")] == ["IF98000@2024-05-05"]
    assert library.get("IF98000") == from_pdf
    assert library.add(html).status is AddStatus.EXISTS
    # An HTML whose text does not agree (a corrected figure) is another edition of the same day; both kept.
    corrected = tmp_path / "IF98000-corrected.html"
    corrected.write_text(_harbor_html(paragraph.replace("$4 million", "$5 million")))
    with pytest.warns(InputWarning, match=r"names the same edition as IF98000@2024-05-05 .*IF98000\.pdf"):
        assert library.add(corrected).status is AddStatus.ADDED
    listed = library.editions("IF98000")
    assert len(listed) == 2 and {e.date for e in listed} == {dt.date(2024, 5, 5)}
    assert [len(e.sources) for e in listed] == [2, 1]
    assert "$5 million" in library.get("IF98000").text and "$4 million" in library.get("IF98000~1").text


# --- Grouping and ordering --------------------------------------------------------------------------------------


def test_grouped_by_report_number_ordered_by_date(library: Library, tmp_path: Path, writers: Any) -> None:
    w = writers.write_edition
    # Added out of order, two reports interleaved.
    library.add(w(tmp_path, "b2.txt", "IF98002", "Bridges", "June 1, 2024", ["Bridges cost $9 million."]))
    library.add(w(tmp_path, "a1.txt", "IF98001", "Airports", "January 2, 2023", ["Airports cost $1 million."]))
    library.add(w(tmp_path, "b1.txt", "IF98002", "Bridges", "March 1, 2023", ["Bridges cost $8 million."]))
    library.add(w(tmp_path, "a2.txt", "IF98001", "Airports", "February 2, 2024", ["Airports cost $2 million."]))
    assert [r.report for r in library.reports()] == ["IF98001", "IF98002"]
    assert [e.date for e in library.editions("IF98002")] == [dt.date(2023, 3, 1), dt.date(2024, 6, 1)]
    assert [e.ref for e in library.editions("if98001")] == ["IF98001@2023-01-02", "IF98001@2024-02-02"]
    report = next(r for r in library.reports() if r.report == "IF98002")
    assert (report.editions, report.first, report.latest, report.numbered) == (
        2,
        dt.date(2023, 3, 1),
        dt.date(2024, 6, 1),
        True,
    )


def test_same_date_editions_both_kept_and_ordered_by_version(library: Library) -> None:
    base = editions.read(SAMPLES[0])
    reissue = dataclasses.replace(base, text=base.text + " ", version=2)
    first = dataclasses.replace(base, version=1)
    library.add(reissue)
    library.add(first)
    listed = library.editions("IF99001")
    assert [e.version for e in listed] == [1, 2]
    assert len({e.ref for e in listed}) == 2  # same date: the references use the edition ids
    assert library.get("IF99001@v1") == first
    assert library.get("IF99001@2023-03-14") == reissue  # a date names the last edition of that day
    assert library.get("IF99001~1") == first


def test_grouped_by_title_when_no_number_is_printed(library: Library, tmp_path: Path, writers: Any) -> None:
    w = writers.write_edition
    one = library.add(w(tmp_path, "1.txt", None, "U.S.-Japan Relations", "July 8, 2022", ["Japan is an ally."]))
    two = library.add(w(tmp_path, "2.txt", None, "U.S.–Japan Relations", "July 21, 2022", ["Japan is a close ally."]))
    other = library.add(w(tmp_path, "3.txt", None, "U.S.-Korea Relations", "July 21, 2022", ["Korea is an ally."]))
    assert one.edition.report == two.edition.report == "u-s-japan-relations"
    assert other.edition.report != one.edition.report
    # A later edition that prints its number gives the group that number.
    three = library.add(
        w(tmp_path, "4.txt", "IF10199", "U.S.-Japan Relations", "August 1, 2022", ["Japan is the closest ally."])
    )
    assert three.edition.report == "IF10199"
    assert [e.date.isoformat() for e in library.editions("IF10199") if e.date] == [
        "2022-07-08",
        "2022-07-21",
        "2022-08-01",
    ]
    # And an unnumbered edition with that title now joins the numbered report.
    four = library.add(w(tmp_path, "5.txt", None, "U.S.-Japan Relations", "September 1, 2022", ["Japan: ally."]))
    assert four.edition.report == "IF10199"


def test_grouped_by_similar_title_not_only_equal(library: Library, tmp_path: Path, writers: Any) -> None:
    w = writers.write_edition
    title = "Coast Guard Polar Security Cutter Program: Background and Issues for Congress"
    one = library.add(w(tmp_path, "1.txt", None, title, "July 8, 2022", ["The Coast Guard wants 3 cutters."]))
    # A later edition retitled slightly ("Icebreaker" for "Security Cutter" would not be; a plural is).
    two = library.add(
        w(tmp_path, "2.txt", None, title.replace("Cutter Program", "Cutters Program"), "July 8, 2023", ["Now 4."])
    )
    assert one.edition.report == two.edition.report
    assert [e.position for e in library.editions(one.edition.report)] == [1, 2]
    far = library.add(
        w(tmp_path, "3.txt", None, "Coast Guard Icebreaker Procurement", "July 8, 2023", ["Two icebreakers."])
    )
    assert far.edition.report != one.edition.report
    assert len(library.reports()) == 2


# --- References -------------------------------------------------------------------------------------------------


def test_references(samples: Library) -> None:
    e2023, e2024, e2025 = (editions.read(p) for p in SAMPLES)
    assert samples.get("IF99001") == e2025
    assert samples.get("IF99001~1") == e2024
    assert samples.get("IF99001~2") == e2023
    assert samples.get("IF99001@2024-06-02") == e2024
    assert samples.get("IF99001@2024-06-02~1") == e2023
    assert samples.get(e2024.id[:10]) == e2024
    assert samples.get(f"IF99001@{e2023.id[:8]}") == e2023
    assert samples.info("IF99001~1").ref == "IF99001@2024-06-02"
    with pytest.warns(InputWarning, match="IF99001@2024-06-02 is the edition in force"):
        assert samples.get("IF99001@2024-06-03") == e2024  # as of a date: the edition current then
    for bad, words in [
        ("IF00000", "no report"),
        ("IF99001~3", "no edition 3 before"),
        ("IF99001@2020-06-03", "no edition dated 2020-06-03 or earlier"),
        ("IF99001@v9", "version 9"),
        ("IF99001@later", "no edition 'later'"),
    ]:
        with pytest.raises(NotFoundError, match=words):
            samples.get(bad)


def test_percent_changed_between_editions(samples: Library) -> None:
    listed = samples.editions("IF99001")
    assert listed[0].changed is None
    assert all(e.changed is not None and 0 < e.changed < 1 for e in listed[1:])
    latest = editions.read(SAMPLES[-1])
    assert latest.date is not None  # a re-issue the next day, every sentence the same: a new edition, 0% changed
    reissue = dataclasses.replace(latest, text=latest.text + "\n", date=latest.date + dt.timedelta(days=1))
    same = samples.add(reissue)
    assert same.status is AddStatus.ADDED and samples.info(same.edition.ref).changed == 0.0


# --- Atomicity ----------------------------------------------------------------------------------------------------


def test_failed_add_stores_nothing(library: Library) -> None:
    """A failure inside the database, after the report, edition, sources, passages and sentences rows were
    written: a trigger rejects the edition's facts. Nothing of the edition may remain."""
    edition = editions.read(SAMPLES[0])
    assert edition.facts
    db = library._db
    if library.backend == "sqlite":
        trigger = ("CREATE TRIGGER no_facts BEFORE INSERT ON facts BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",)
        drop = "DROP TRIGGER no_facts"
    else:
        trigger = (
            "CREATE FUNCTION no_facts() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$",
            "CREATE TRIGGER no_facts BEFORE INSERT ON facts FOR EACH ROW EXECUTE FUNCTION no_facts()",
        )
        drop = "DROP TRIGGER no_facts ON facts"
    db.write(lambda d: [d.execute(sql) for sql in trigger])
    with pytest.raises(Exception, match="disk on fire"):
        library.add(edition)
    for table in ("reports", "editions", "sources", "passages", "sentences", "facts"):
        assert db.query(f"SELECT count(*) FROM {table}")[0][0] == 0, table
    assert not library.reports()
    assert not library.search("military personnel").hits
    with pytest.raises(NotFoundError):
        library.get(edition.id)
    db.write(lambda d: d.execute(drop))
    assert library.add(edition).status is AddStatus.ADDED
    assert library.get(edition.id) == edition


# --- Search -------------------------------------------------------------------------------------------------------


def test_search_cites_editions_sections_sentences(samples: Library) -> None:
    results = samples.search("military personnel")
    assert [g.report for g in results.groups] == ["IF99001"]
    hits = results.groups[0].hits
    assert len(hits) == 2  # two wordings: "About 2,100 …" (2023) and "About 2,500 …" (2024, 2025)
    by_first = {h.first_seen.ref: h for h in hits}
    old = by_first["IF99001@2023-03-14"]
    new = by_first["IF99001@2024-06-02"]
    assert old.text.startswith("About 2,100 U.S. military personnel")
    assert [c.ref for c in new.citations] == ["IF99001@2024-06-02", "IF99001@2025-09-30"]
    assert new.latest.section == ("Security Cooperation",)
    assert new.highlighted().startswith("About 2,500 U.S. [military] [personnel] are stationed")
    cited = samples.get(new.latest.ref)
    assert cited.text_of(cited.sentences[new.latest.sentence]) == new.text


def test_search_stems_and_filters(samples: Library, tmp_path: Path, writers: Any) -> None:
    samples.add(
        writers.write_edition(
            tmp_path, "x.txt", "R40000", "Coast Guard Budget", "May 1, 2020", ["The coast guard stationed ships."]
        )
    )
    assert {g.report for g in samples.search("stationed").groups} == {"IF99001", "R40000"}
    assert {g.report for g in samples.search("stationed", report="r40000").groups} == {"R40000"}
    assert {g.report for g in samples.search("stationed", product="in focus").groups} == {"IF99001"}
    assert {g.report for g in samples.search("stationed", until="2021").groups} == {"R40000"}
    dated = samples.search("military personnel", since="2024-01-01", until="2024-12-31")
    assert {c.ref for h in dated.hits for c in h.citations} == {"IF99001@2024-06-02"}
    assert samples.search("station").hits  # stemmed: "station" finds "stationed"
    assert not samples.search("zyzzyva").hits


@pytest.mark.parametrize("query", ['"', "AND", "OR NOT", "*", "(", "a:b", "NEAR(x y)", "   ", "’", "-troops", "'"])
def test_search_never_fails_on_odd_queries(samples: Library, query: str) -> None:
    samples.search(query)


def test_search_uses_the_full_text_index(samples: Library) -> None:
    db = samples._db
    if samples.backend == "sqlite":
        sql = db.query("SELECT sql FROM sqlite_master WHERE name = 'passages_fts'")[0][0]
        assert "fts5" in sql.lower()
        plan = " ".join(str(r) for r in db.query("EXPLAIN QUERY PLAN " + _FTS_PLAN, ("personnel",)))
        assert "VIRTUAL TABLE INDEX" in plan
    else:
        (definition,) = db.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'passage_words_tsv'")[0]
        assert "USING gin (tsv)" in definition
        # A tiny table: without sequential scans the planner shows that it can use the index.
        db.query("SELECT set_config('enable_seqscan', 'off', false)")
        plan = " ".join(
            str(r[0])
            for r in db.query(
                "EXPLAIN SELECT pk FROM passage_words WHERE tsv @@ websearch_to_tsquery('english'::regconfig, ?)",
                ("personnel",),
            )
        )
        db.query("SELECT set_config('enable_seqscan', 'on', false)")
        assert "passage_words_tsv" in plan
    assert samples.search("personnel").hits


_FTS_PLAN = "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?"


def test_first_seen_exact(samples: Library) -> None:
    found = samples.first_seen("memorandum on energy cooperation")
    assert [f.report for f in found] == ["IF99001"]
    assert found[0].exact.ref == "IF99001@2023-03-14"
    assert found[0].citation.ref == "IF99001@2023-03-14"
    assert found[0].history[0][1] == "The two governments signed a memorandum on energy cooperation in 2021."


def test_first_seen_follows_rewording(samples: Library) -> None:
    # 2025 recasts the Overview's first sentence ("Veldoria, a parliamentary democracy of about 9.5 million
    # people …"); its history goes back through 2024 to 2023's wording ("… about 9.4 million people …").
    found = samples.first_seen("democracy of about 9.5 million people")
    assert found[0].exact.ref == "IF99001@2025-09-30"
    assert found[0].citation.ref == "IF99001@2023-03-14"
    assert [c.ref for c, _ in found[0].history] == ["IF99001@2023-03-14", "IF99001@2024-06-02", "IF99001@2025-09-30"]
    assert "9.4 million" in found[0].history[0][1]


# --- Timelines ----------------------------------------------------------------------------------------------------


def test_timeline_follows_a_figure(samples: Library) -> None:
    timeline = samples.timeline("IF99001", "military personnel")
    assert [p.value for p in timeline.points] == [2100, 2500, 2500]
    assert [p.date for p in timeline.points] == [dt.date(2023, 3, 14), dt.date(2024, 6, 2), dt.date(2025, 9, 30)]
    assert timeline.points[0].text == "About 2,100"
    assert "military personnel" in (timeline.points[0].sentence_text or "")
    chart = render_chart(timeline)
    assert chart.splitlines()[0].startswith("2023-03-14") and "About 2,100" in chart
    assert timeline.to_dict()["points"][1]["value"] == 2500


def test_timeline_of_reworded_measure_and_rank(samples: Library) -> None:
    spending = samples.timeline("IF99001", "defense spending")
    assert [p.value for p in spending.points] == [1.6, 1.8, 2]
    rank = samples.timeline("IF99001", "trading partner")
    assert [p.value for p in rank.points] == [3, 3, 2]
    assert "█" not in render_chart(rank)  # a bar would misstate a rank


def test_timeline_of_nothing(samples: Library) -> None:
    timeline = samples.timeline("IF99001", "submarines")
    assert not timeline.found
    assert len(timeline.points) == 3
    assert "not stated" in render_chart(timeline)


def test_timelines_equal_one_timeline_per_figure(samples: Library) -> None:
    """The batch reads the report's facts once; every figure comes out as `timeline` gives it alone, in the
    order asked, repeats and figures not found included."""
    latest = samples.get("IF99001")
    words = [f.measure for f in latest.facts] + ["military personnel", "submarines", "defense spending", "troops"]
    words.append(words[0])
    batch = samples.timelines("if99001", words)
    alone = [samples.timeline("IF99001", w) for w in words]
    assert batch == alone
    assert [t.query for t in batch] == words
    assert len(batch[0].points) == 3 and sum(t.found for t in batch) >= len(latest.facts)
    assert [p.value for p in batch[len(latest.facts)].points] == [2100, 2500, 2500]  # "military personnel"
    assert queries(samples, lambda: samples.timelines("IF99001", words)) == queries(
        samples, lambda: samples.timeline("IF99001", "troops")
    )
    assert samples.timelines("IF99001", []) == []
    with pytest.raises(TypeError):
        samples.timelines("IF99001", "troops")
    with pytest.raises(NotFoundError):
        samples.timelines("IF00000", ["troops"])


def test_latest_editions_equal_info_of_each(samples: Library, tmp_path: Path, writers: Any) -> None:
    """Every report's last editions in a few queries, each equal to `info`'s answer (sources, reference and
    % changed, from identical sentences or from a kept comparison)."""
    samples.add(writers.write_edition(tmp_path, "one.txt", "IF77001", "One", "May 1, 2024", ["40 ships."]))
    expected = {
        key: [samples.info(f"{key}~{back}") for back in range(min(2, n) - 1, -1, -1)]
        for key, n in ((r.report, r.editions) for r in samples.reports())
    }
    assert samples.latest_editions() == expected
    assert queries(samples, samples.latest_editions) <= 5
    assert [e.position for e in expected["IF99001"]] == [2, 3] and expected["IF77001"][0].changed is None
    assert samples.latest_editions(["IF77001", "nothing"]) == {"IF77001": expected["IF77001"]}
    assert samples.latest_editions([]) == {}
    deep = samples.latest_editions(["IF99001"], depth=5)["IF99001"]
    assert deep == samples.editions("IF99001")
    samples.compare("IF99001~1", "IF99001")  # a kept comparison's share replaces the counted one
    kept = samples.latest_editions(["IF99001"])["IF99001"]
    assert kept == [samples.info("IF99001~1"), samples.info("IF99001")]


# --- Schema ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("older", [1, 2, 3])
def test_older_schema_migrates(library_url: str, older: int) -> None:
    from editions.library.schema import LATEST

    with Library(library_url, _schema=older) as old:
        assert old.schema_version() == older
        for path in SAMPLES[:2]:
            old.add(path)
    with Library(library_url) as lib:
        assert lib.schema_version() == LATEST
        versions = lib._db.query("SELECT version, description FROM schema_version ORDER BY version")
        assert [v for v, _ in versions] == list(range(1, LATEST + 1)) and all(d for _, d in versions)
        assert lib.search("military personnel").hits  # the index holds what the older version stored
        assert lib.get("IF99001") == editions.read(SAMPLES[1])
        lib.add(SAMPLES[2])  # and what is added after the migration
        assert [c.ref for c in lib.search("democracy of about 9.5 million").hits[0].citations] == ["IF99001@2025-09-30"]
        if lib.backend == "postgres":  # versions 3 and 10: the GIN index is updated in place
            (options,) = lib._db.query("SELECT reloptions FROM pg_class WHERE relname = 'passage_words_tsv'")[0]
            assert options == ["fastupdate=off"]


def test_newer_schema_is_refused(library_url: str) -> None:
    with Library(library_url) as lib:
        lib._db.write(lambda db: db.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')"))
    with pytest.raises(LibraryError, match="newer Editions"):
        Library(library_url)


def test_not_a_library_is_refused(library_url: str, tmp_path: Path) -> None:
    if library_url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(library_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE customers (id int)")
        with pytest.raises(LibraryError, match="not an Editions library"):
            Library(library_url)
        return
    text = tmp_path / "notes.txt"
    text.write_text("my notes, not a database\n" * 100)
    with pytest.raises(LibraryError, match="not an Editions library"):
        Library(text)
    assert text.read_text().startswith("my notes")  # left untouched
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (id int)")
    with pytest.raises(LibraryError, match="not an Editions library"):
        Library(other)
    with pytest.raises(LibraryError, match="is a directory"):
        Library(tmp_path)
    with pytest.raises(LibraryError, match="does not exist"):
        Library(tmp_path / "missing" / "x.db")


def test_compare_by_reference_and_changed_shares(samples: Library) -> None:
    old, new = samples.get("IF99001~1"), samples.get("IF99001")
    comparison = samples.compare("IF99001~1", "IF99001")
    assert comparison == editions.compare(old, new)
    listed = samples.editions("IF99001", compare=True)
    assert listed[2].changed == pytest.approx(comparison.stats["sentences_changed"])
    assert listed[1].changed == pytest.approx(
        editions.compare(samples.get("IF99001~2"), old).stats["sentences_changed"]
    )


@pytest.mark.parametrize("window", [2000, 10])
def test_search_pages_cover_every_match_once_with_a_true_total(
    library: Library, tmp_path: Path, writers: Any, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    from editions.library import postgres, sqlite

    monkeypatch.setattr(sqlite, "RANK_WINDOW", window)  # relevance orders the newest `window` matches
    monkeypatch.setattr(postgres, "RANK_WINDOW", window)
    for path in writers.many_editions(tmp_path / "in", 6, sentences=10):
        library.add(path)
    first = library.search("program", limit=7)
    assert (first.total, first.reports, len(first), first.pages) == (60, 6, 7, 9)
    seen: list[str] = []
    for page in range(first.pages):
        results = library.search("program", limit=7, offset=page * 7)
        assert results.total == 60
        ranks = sorted(h.rank for h in results.hits)
        assert ranks == list(range(page * 7 + 1, page * 7 + 1 + len(results)))
        seen += [h.text for h in results.hits]
    assert len(seen) == len(set(seen)) == 60
    past = library.search("program", limit=7, offset=60)
    assert (len(past), past.total) == (0, 60)
    filtered = library.search("program", report="IF80001", limit=3)
    assert (filtered.total, filtered.reports, len(filtered)) == (10, 1, 3)
