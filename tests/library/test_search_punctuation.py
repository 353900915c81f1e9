"""Words joined by typographic punctuation (an em or en dash, an ellipsis) are found one by one, on SQLite and
on PostgreSQL, whose text parser, in a cluster without a locale (the test server is made with `initdb
--no-locale`), reads every non-ASCII character as a letter and so would index "cost—the" as one word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editions.library import Library

PARAGRAPHS = [
    "The program\u2019s cost\u2014the largest in its history\u2014rose to $5 billion in FY2024.",
    "Officials called the award a turning\u2014point\u2014for the fleet\u2019s shipyards.",
    "Deliveries slipped from 2025\u20132027 to 2028 onward, the Navy said\u2026twice.",
]


@pytest.fixture
def dashes(library_url: str, tmp_path: Path, writers: Any) -> Iterator[Library]:
    with Library(library_url) as lib:
        lib.add(
            writers.write_edition(tmp_path, "a.txt", "IF90002", "Shipbuilding: Background", "March 3, 2024", PARAGRAPHS)
        )
        yield lib


def stored(lib: Library) -> list[str]:
    """The edition's sentences as stored (the reader makes quotes straight)."""
    edition = lib.get("IF90002")
    return [edition.text_of(s) for s in edition.sentences]


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("cost", 0),
        ("largest", 0),
        ("history rose", 0),
        ('"cost the largest"', 0),
        ("turning", 1),
        ('"a turning point for the fleet"', 1),
        ("2025", 2),
        ("2027", 2),
        ("said", 2),
        ("twice", 2),
    ],
)
def test_words_joined_by_typographic_punctuation_are_found(dashes: Library, query: str, sentence: int) -> None:
    results = dashes.search(query)
    assert results.total == 1, [h.text for h in results.hits]
    assert results.hits[0].text == stored(dashes)[sentence]


def test_the_hit_keeps_its_punctuation_and_marks_the_word(dashes: Library) -> None:
    hit = dashes.search("cost history").hits[0]
    assert hit.text == stored(dashes)[0]
    assert [hit.text[m.start : m.end] for m in hit.marks] == ["cost", "history"]
    assert hit.highlighted() == (
        "The program's [cost]\u2014the largest in its [history]\u2014rose to $5 billion in FY2024."
    )


def test_a_query_written_with_the_same_punctuation_finds_it(dashes: Library) -> None:
    assert [h.text for h in dashes.search("cost\u2014the largest").hits] == [stored(dashes)[0]]
    assert [h.text for h in dashes.search("\u201cturning\u2014point\u201d").hits] == [stored(dashes)[1]]
    assert [h.text for h in dashes.search("said\u2026twice").hits] == [stored(dashes)[2]]


def test_a_library_made_before_finds_them_once_migrated(library_url: str, tmp_path: Path, writers: Any) -> None:
    path = writers.write_edition(tmp_path, "a.txt", "IF90002", "Shipbuilding: Background", "March 3, 2024", PARAGRAPHS)
    with Library(library_url, _schema=9) as old:
        old.add(path)
    with Library(library_url) as lib:
        assert [h.text for h in lib.search("cost").hits] == [stored(lib)[0]]
        assert lib.search("twice").total == 1


def test_a_removed_edition_leaves_no_words_to_find(dashes: Library) -> None:
    assert dashes.search("shipyards").total == 1
    dashes.remove("IF90002")
    results = dashes.search("shipyards")
    assert (results.total, results.hits) == (0, ())
