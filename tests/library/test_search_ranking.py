"""Search ranks the report's argument first, tells the true total, pages through every hit, filters by role and
writes CSV: on SQLite and PostgreSQL, with editions written here."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run_editions
from fastapi.testclient import TestClient

from editions.library import Library
from editions.library.search import CITED_PER_HIT, CSV_COLUMNS, search_csv
from editions.web.app import create_app

FIRST = [
    "Turbines.",
    "Congress funded turbine research at $40 million in FY2023. Turbine siting rules differ from state to state.",
    "Figure 1. Turbine Capacity by State, 2023",
    "Source: Department of Energy, turbine survey.",
]
# The next edition keeps every sentence but one, and adds one.
SECOND = [
    "Turbines.",
    "Congress funded turbine research at $45 million in FY2024. Turbine siting rules differ from state to state.",
    "Figure 1. Turbine Capacity by State, 2023",
    "Source: Department of Energy, turbine survey.",
]


@pytest.fixture
def turbines(library_url: str, tmp_path: Path, writers: Any) -> Iterator[Library]:
    folder = tmp_path / "in"
    folder.mkdir()
    title = "Wind Turbines: Background and Issues"
    with Library(library_url) as lib:
        for name, date, paragraphs in (("a.txt", "March 3, 2024", FIRST), ("b.txt", "May 6, 2025", SECOND)):
            lib.add(writers.write_edition(folder, name, "IF90001", title, date, paragraphs, section="Turbine Siting"))
        yield lib


def test_body_sentences_rank_before_fragments_captions_and_sources(turbines: Library) -> None:
    results = turbines.search("turbine")
    ranked = sorted(results.hits, key=lambda h: h.rank)
    assert [h.rank for h in ranked] == [1, 2, 3, 4, 5, 6]
    assert {h.text for h in ranked[:3]} == {
        "Congress funded turbine research at $40 million in FY2023.",
        "Congress funded turbine research at $45 million in FY2024.",
        "Turbine siting rules differ from state to state.",
    }
    assert [h.role for h in ranked[:3]] == ["body"] * 3
    assert ranked[3].text == "Turbines."  # a body fragment: after whole sentences, before captions and sources
    assert [h.role for h in ranked[4:]] in (["caption", "source"], ["source", "caption"])
    assert (results.total, results.reports) == (6, 1)


def test_one_hit_per_sentence_however_many_editions_print_it(turbines: Library) -> None:
    hits = turbines.search('"siting rules"').hits
    assert len(hits) == 1
    assert [c.ref for c in hits[0].citations] == ["IF90001@2024-03-03", "IF90001@2025-05-06"]
    assert hits[0].first_seen.ref == "IF90001@2024-03-03"
    # the date filter counts and cites only the editions in range
    later = turbines.search("turbine", since="2025")
    assert later.total == 5 and all(c.ref == "IF90001@2025-05-06" for h in later.hits for c in h.citations)


def test_role_filter(turbines: Library) -> None:
    body = turbines.search("turbine", within="body")
    assert body.total == 4 and {h.role for h in body.hits} == {"body"}
    assert [h.text for h in turbines.search("turbine", within="captions").hits] == [FIRST[2]]
    assert [h.text for h in turbines.search("turbine", within="notes").hits] == [FIRST[3]]
    with pytest.raises(ValueError, match="body, captions, notes"):
        turbines.search("turbine", within="headings")


def test_pages_and_csv(turbines: Library) -> None:
    pages = [turbines.search("turbine", limit=4, offset=offset) for offset in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 2, 0] and all(p.total == 6 and p.pages == 2 for p in pages)
    assert [p.page for p in pages[:2]] == [1, 2]
    texts = [h.text for p in pages for h in p.hits]
    assert len(texts) == len(set(texts)) == 6
    rows = list(csv.DictReader(io.StringIO(search_csv(pages[1]))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["rank"] for r in rows] == ["5", "6"]
    assert {r["role"] for r in rows} == {"caption", "source"}
    caption = next(r for r in rows if r["role"] == "caption")
    assert caption["editions"] == "2" and caption["first_seen"] == "IF90001@2024-03-03"
    assert caption["latest_date"] == "2025-05-06" and caption["section"] == "Turbine Siting"


def test_cli_pages_filters_and_writes_csv(turbines: Library, library_url: str) -> None:
    if turbines.backend != "sqlite":
        pytest.skip("the command line reads the same library code; once is enough")
    turbines.close()
    shown = run_editions("search", "turbine", "--library", library_url, "--limit", "2", timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "6 sentences in 1 report; 1–2 shown (page 1 of 3; next: --page 2)" in shown.stdout
    last = run_editions("search", "turbine", "--library", library_url, "-n", "2", "--page", "3", timeout=120)
    assert "5–6 shown (page 3 of 3)" in last.stdout and "Figure 1. Turbine Capacity" in last.stdout
    out = run_editions(
        "search", "turbine", "--in", "body", "--format", "csv", "--library", library_url, timeout=120
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["role"] for r in rows] == ["body"] * 4 and rows[-1]["sentence"] == "Turbines."


SHARED = "The commission reviews pipeline safety rules every year."


@pytest.fixture
def reprinted(library_url: str, tmp_path: Path, writers: Any) -> Iterator[Library]:
    """One report of 200 editions that all print SHARED; the newest also repeats it 300 times."""
    folder = tmp_path / "in"
    folder.mkdir()
    start = dt.date(2001, 1, 1)
    with Library(library_url) as lib:
        for n in range(EDITIONS):
            day = start + dt.timedelta(days=31 * n)
            paragraphs = [f"{SHARED} Edition {n} counts {n + 3} inspectors."]
            if n == EDITIONS - 1:
                paragraphs += [SHARED] * REPEATS
            date = f"{day:%B} {day.day}, {day.year}"
            lib.add(writers.write_edition(folder, f"e{n}.txt", "IF90002", "Pipeline Safety", date, paragraphs))
        yield lib


EDITIONS = 200
REPEATS = 300


def test_a_hit_carries_a_few_citations_and_exact_counts(reprinted: Library) -> None:
    results = reprinted.search("pipeline safety rules")
    (hit,) = results.hits
    assert (hit.editions, hit.sentences) == (EDITIONS, EDITIONS + REPEATS)
    assert 2 <= len(hit.citations) <= CITED_PER_HIT
    assert hit.first_seen.ref == "IF90002@2001-01-01"
    assert hit.latest.ref == reprinted.editions("IF90002")[-1].ref
    assert len({c.edition for c in hit.citations}) == len(hit.citations)  # one per edition
    # the API's JSON stays small however many editions print the sentence
    client = TestClient(create_app(reprinted), base_url="http://localhost")
    answer = client.get("/api/search", params={"q": "pipeline safety rules"})
    assert answer.status_code == 200
    (api_hit,) = answer.json()["groups"][0]["hits"]
    assert (api_hit["editions"], api_hit["sentences"]) == (EDITIONS, EDITIONS + REPEATS)
    assert len(api_hit["citations"]) <= CITED_PER_HIT and len(answer.content) < 4000
    # within a date range the counts are of that range
    later = reprinted.search("pipeline safety rules", since="2016-01-01").hits[0]
    in_range = [e for e in reprinted.editions("IF90002") if e.date and e.date >= dt.date(2016, 1, 1)]
    assert later.editions == len(in_range) and later.sentences == len(in_range) + REPEATS


def test_the_other_citations_page_through_every_sentence_once(reprinted: Library) -> None:
    hit = reprinted.search("pipeline safety rules").hits[0]
    pages = [
        reprinted.citations(hit.latest.ref, hit.latest.sentence, offset=offset, limit=150)
        for offset in range(0, EDITIONS + REPEATS + 150, 150)
    ]
    assert [len(p.citations) for p in pages] == [150, 150, 150, 50, 0]
    assert all(p.total == EDITIONS + REPEATS and p.editions == EDITIONS and p.text == SHARED for p in pages)
    cited = [(c.ref, c.sentence) for p in pages for c in p.citations]
    assert len(set(cited)) == len(cited) == EDITIONS + REPEATS
    refs = [e.ref for e in reprinted.editions("IF90002")]
    assert [ref for ref, _ in cited] == [*refs, *[refs[-1]] * REPEATS]  # edition order, then sentence order
    client = TestClient(create_app(reprinted), base_url="http://localhost")
    ref, sentence = hit.latest.ref, hit.latest.sentence
    answer = client.get(f"/api/editions/{ref}/sentences/{sentence}/citations", params={"offset": 450, "limit": 100})
    assert answer.status_code == 200 and answer.json()["total"] == EDITIONS + REPEATS
    assert [c["sentence"] for c in answer.json()["citations"]] == [c.sentence for c in pages[3].citations]
    missing = client.get(f"/api/editions/{ref}/sentences/5000/citations")
    assert missing.status_code == 404 and "has no sentence 5000" in missing.json()["error"]


@pytest.mark.parametrize("window", [1, 2])
def test_a_small_rank_window_keeps_tiers_and_pages_whole(
    turbines: Library, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """Relevance orders only the newest `window` matches of each tier; the tiers, the total and the pages stay
    whole (the prose tier skips the matches of the other tiers, which the index marks)."""
    from editions.library import postgres, sqlite

    monkeypatch.setattr(sqlite, "RANK_WINDOW", window)
    monkeypatch.setattr(postgres, "RANK_WINDOW", window)
    hits = [h for offset in range(0, 6, 2) for h in turbines.search("turbine", limit=2, offset=offset).hits]
    assert [h.rank for h in hits] == [1, 2, 3, 4, 5, 6]
    assert [h.role for h in hits[:4]] == ["body"] * 4 and hits[3].text == "Turbines."
    assert {h.role for h in hits[4:]} == {"caption", "source"}
    assert len({h.text for h in hits}) == 6
    body = [
        h for offset in range(0, 4, 3) for h in turbines.search("turbine", within="body", limit=3, offset=offset).hits
    ]
    assert [h.text for h in body][3] == "Turbines." and len({h.text for h in body}) == 4
