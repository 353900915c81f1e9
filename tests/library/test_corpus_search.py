"""Search over a library of the whole shared corpus and the seeds, on SQLite and PostgreSQL: the report's argument
ranks first, the total is the true count (checked against every stored edition's sentences), and the pages
together give every hit exactly once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from editions.library import Library

pytestmark = pytest.mark.slow

# Each query with, for each of its words, the forms both stemmers take for it in these texts.
QUERIES = {
    "Energy Star": (r"\benerg(?:y|ies)\b", r"\bstars?\b"),
    "munitions": (r"\bmunitions?\b",),
}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus(request: pytest.FixtureRequest, shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    with Library(url) as lib:
        results = lib.add_files([shared / "corpus", shared / "seeds"])
        assert all(r.ok for r in results)
        yield lib


def brute_force(lib: Library, words: tuple[str, ...]) -> set[tuple[str, str]]:
    """(report, sentence) of every stored edition's sentence holding every word."""
    patterns = [re.compile(w, re.I) for w in words]
    found = set()
    for report in lib.reports():
        for info in lib.editions(report.report):
            edition = lib.get(info.ref)
            for s in edition.sentences:
                text = edition.text_of(s)
                if all(p.search(text) for p in patterns):
                    found.add((report.report, text))
    return found


def test_body_sentences_first(corpus: Library) -> None:
    energy = sorted(corpus.search("Energy Star").hits, key=lambda h: h.rank)
    assert energy[0].role == "body" and len(energy[0].text.split()) >= 4, energy[0]
    munitions = sorted(corpus.search("munitions").hits, key=lambda h: h.rank)
    assert [h.role for h in munitions[:2]] == ["body", "body"]
    assert all(len(h.text.split()) >= 4 for h in munitions[:2]), munitions[:2]


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_totals_are_true_and_pages_cover_every_hit_once(corpus: Library, query: str) -> None:
    expected = brute_force(corpus, QUERIES[query])
    first = corpus.search(query, limit=20)
    paged: list[tuple[str, str]] = []
    for page in range(first.pages):
        results = corpus.search(query, limit=20, offset=page * 20)
        assert results.total == first.total
        paged += [(g.report, h.text) for g in results.groups for h in g.hits]
    assert len(paged) == len(set(paged)) == first.total
    assert first.reports == len({report for report, _ in paged})
    missed = expected - set(paged)
    if corpus.backend == "postgres":
        # PostgreSQL's parser reads a word with a sign glued to it ("STAR®") as another word; FTS5 splits it off.
        assert all(re.search(r"\w[®™©]", text) for _, text in missed), missed
        expected -= missed
    assert set(paged) == expected, (set(paged) - expected, missed)
    assert first.total == len(expected) > 20
