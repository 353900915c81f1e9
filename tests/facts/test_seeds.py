"""Every figure of both seeds, with its kind, value and unit (issue 4), and the measure-matching property.

The seeds are read from ../shared at test time (never copied here); the expectations name figures only by
kind, value and unit, in text order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import editions
from editions.facts import extract, measure_similarity
from editions.model import Edition, Fact

EXPECTED_2018: list[tuple[str, object, str | None]] = [
    ("year", "1952", None),  # the alliance formed in …
    ("count", 50000, None),  # U.S. troops, approximate
    ("year", "2018", None),
    # "the two governments": a determiner, not a count (naming.determiner)
    ("rank", 4, None),  # trading partner
    ("rank", 2, None),  # source of foreign direct investment
    ("rank", 2, None),  # foreign holders of U.S. treasuries
    ("date", "2018-09-26", None),
    ("rank", 1, None),  # largest export
    ("year", "2017", None),
    ("date", "2012-12", None),
    ("office_holder", "Shinzo Abe", "Prime Minister"),
    ("year", "2016", None),
    ("duration", 10, "year"),  # "the past decade"
    ("year", "2015", None),
]

EXPECTED_2022: list[tuple[str, object, str | None]] = [
    ("year", "1951", None),
    ("count", 54000, None),  # U.S. troops, approximate
    # "the two countries": a determiner
    ("rank", 4, None),  # trading partner
    ("rank", 1, None),  # source of foreign direct investment
    ("rank", 1, None),  # foreign holders of Treasury securities
    # "the two countries": a determiner
    ("count", 3, "meeting"),
    ("office_holder", "Kishida Fumio", "Prime Minister"),
    ("money", 300_000_000, "USD"),  # written with an escaped dollar sign in the Markdown
    ("money", 600_000_000, "USD"),
    ("date", "2022-07-08", None),
    ("office_holder", "Shinzo Abe", "former Prime Minister"),
    ("duration", 2, "day"),
    ("percent", 57, "percent"),
    ("percent", 60, "percent"),
    ("percent", 60, "percent"),  # approximate ("over")
    ("year", "2025", None),
    ("duration", 3, "year"),
    ("percent", 2, "percent"),
    ("percent", 1, "percent"),
    ("count", 3, "document"),
    ("date", "2022", None),  # the end of 2022
    ("date", "2022", None),  # "this year", resolved against the edition's date
    ("duration", 10, "year"),  # "a decade ago": a duration (naming a period, as the reader sees it)
    ("range", "1945/1952", "year"),
    ("year", "1945", None),
    ("year", "1952", None),
    ("fraction", 0.6667, None),
    ("date", "200", None),  # the early 2000s: a decade
    ("money", 2_000_000_000, "USD"),  # approximate, per year
    # "the two governments": a determiner
    ("duration", 4, "year"),
    ("date", "2021-12", None),
    ("percent", 25, "percent"),
    ("fraction", 0.5, None),  # "over half"
    ("percent", 1, "percent"),  # "less than"
    ("date", "2022-09", None),
    ("office_holder", "Denny Tamaki", "Governor"),  # incumbent in a gubernatorial election
    # "the two countries": a determiner
    ("range", "1910/1945", "year"),
    ("year", "1910", None),  # a range of years is also its two years
    ("year", "1945", None),
    ("duration", 5, "year"),
    ("count", 2, None),
    ("count", 3, "economy"),
    ("year", "2021", None),
    ("rank", 5, None),
    ("money", 112_200_000_000, "USD"),
    ("money", 167_800_000_000, "USD"),
    ("rank", 4, None),
    ("percent", 46, "percent"),
    ("year", "2030", None),
    ("year", "2013", None),
    ("year", "2021", None),
    ("percent", 2.2, "percent"),
    ("percent", 4.5, "percent"),
    ("year", "2020", None),
    ("date", "2022-05", None),
    ("money", 21_000_000_000, "USD"),
    ("duration", 24, "year"),
    ("date", "2022-07", None),
    ("rank", 1, None),  # "Top" in the figure caption
    ("year", "2021", None),
    ("count", 2, "deal"),
    ("count", 11, "nation"),
    ("year", "2017", None),
    ("office_holder", "Biden", "President"),
    ("date", "2022-05", None),
    ("count", 13, "country"),
]

APPROXIMATE_2022 = {54000, 2_000_000_000, 25, 0.5}


def _facts(path: Path) -> tuple[Edition, tuple[Fact, ...]]:
    edition = editions.read(path)
    return edition, extract(edition.text, edition.sentences, anchor=edition.date)


@pytest.fixture(scope="module")
def old(seed_2018: Path) -> tuple[Edition, tuple[Fact, ...]]:
    return _facts(seed_2018)


@pytest.fixture(scope="module")
def new(seed_2022: Path) -> tuple[Edition, tuple[Fact, ...]]:
    return _facts(seed_2022)


def test_every_figure_of_the_2018_seed(old: tuple[Edition, tuple[Fact, ...]]) -> None:
    _, facts = old
    assert [(f.kind, f.value, f.unit) for f in facts] == EXPECTED_2018


def test_every_figure_of_the_2022_seed(new: tuple[Edition, tuple[Fact, ...]]) -> None:
    _, facts = new
    assert [(f.kind, f.value, f.unit) for f in facts] == EXPECTED_2022


def test_spans_and_sentences_point_into_the_edition(new: tuple[Edition, tuple[Fact, ...]]) -> None:
    edition, facts = new
    for f in facts:
        sentence = edition.sentences[f.sentence]
        assert sentence.span.contains(f.span)
        assert edition.text_of(f).strip() == edition.text_of(f)
    assert {f.value for f in facts if f.approximate} == APPROXIMATE_2022 | {60, 1}


def _near(edition: Edition, facts: tuple[Fact, ...], kind: str, value: object, word: str) -> list[Fact]:
    """Facts of `kind` and `value` with `word` within 80 characters after them."""
    return [
        f
        for f in facts
        if f.kind == kind and f.value == value and word in edition.text[f.span.end : f.span.end + 80].lower()
    ]


def _best(fact: Fact, candidates: tuple[Fact, ...]) -> Fact:
    return max(candidates, key=lambda c: measure_similarity(fact.measure, c.measure))


@pytest.mark.parametrize(
    ("name", "old_key", "new_key"),
    [
        ("troops", ("count", 50000, ""), ("count", 54000, "")),
        ("FDI", ("rank", 2, "direct investment"), ("rank", 1, "direct investment")),
        ("Treasuries", ("rank", 2, "holders"), ("rank", 1, "holders")),
        ("trading partner", ("rank", 4, "trading partner"), ("rank", 4, "trading partner")),
    ],
)
def test_measures_match_across_editions(
    old: tuple[Edition, tuple[Fact, ...]],
    new: tuple[Edition, tuple[Fact, ...]],
    name: str,
    old_key: tuple[str, object, str],
    new_key: tuple[str, object, str],
) -> None:
    old_edition, old_facts = old
    new_edition, new_facts = new
    old_fact = _near(old_edition, old_facts, *old_key)[0]
    new_candidates = _near(new_edition, new_facts, *new_key)
    assert new_candidates, name
    # The 2018 figure's best match among all 2022 figures is the same measure …
    assert _best(old_fact, new_facts) in new_candidates, name
    # … and each 2022 figure of that measure finds the 2018 figure as its best match.
    for new_fact in new_candidates:
        assert _best(new_fact, old_facts) == old_fact, name


def test_office_holders_of_the_same_office_match(
    old: tuple[Edition, tuple[Fact, ...]], new: tuple[Edition, tuple[Fact, ...]]
) -> None:
    (_, old_facts), (_, new_facts) = old, new
    abe = next(f for f in old_facts if f.kind == "office_holder")
    holders = tuple(f for f in new_facts if f.kind == "office_holder")
    assert _best(abe, holders).value == "Kishida Fumio"  # the current holder, not former PM Abe
