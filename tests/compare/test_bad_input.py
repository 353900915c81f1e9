"""Bad input for `compare`: identical editions, an empty side, nothing shared, huge repetition, huge
sentences. Each must give a correct comparison; the sizes are large enough that a quadratic step would not
finish in any reasonable test run."""

from __future__ import annotations

from collections.abc import Callable

from editions.compare import compare
from editions.compare.align import align
from editions.model import Edition, LinkKind
from tests.compare.conftest import assert_links_partition, assert_partition

ReadFn = Callable[..., Edition]

BODY = (
    "# Report\n\n## Overview\n\nThe agency counted 1,200 facilities in 2021. Officials expect about 1,500 by 2025. "
    "The program costs $2 billion a year.\n\n## Outlook\n\nCongress may revisit the program next year.\n"
)


def test_identical_editions(edition_of: ReadFn) -> None:
    e = edition_of(BODY)
    c = compare(e, e)
    assert_partition(c)
    assert all(link.kind is LinkKind.SAME for link in c.links)
    assert c.fact_changes == ()
    assert [item.kind for item in c.brief] == ["unchanged"]
    assert c.stats["words_changed"] == 0.0
    assert c.stats["share_same"] == 1.0


def test_one_empty_side(edition_of: ReadFn) -> None:
    empty = edition_of("# Only a title\n", "empty.md")
    assert len(empty.sentences) == 0
    full = edition_of(BODY, "full.md")
    forward = compare(empty, full)
    assert_partition(forward)
    assert {link.kind for link in forward.links} == {LinkKind.ADDED}
    # Every new sentence is cited by the item of its new section.
    sections = [item for item in forward.brief if item.kind == "section"]
    assert sorted(j for item in sections for j in item.citations.new) == list(range(len(full.sentences)))
    assert all("sentence" in item.text for item in sections)
    assert forward.stats["words_changed"] == 1.0
    backward = compare(full, empty)
    assert {link.kind for link in backward.links} == {LinkKind.DELETED}
    assert all(fc.kind == "removed" for fc in backward.fact_changes)
    both = compare(empty, empty)
    assert both.links == () and [item.kind for item in both.brief] == ["unchanged"]


def test_nothing_shared(edition_of: ReadFn) -> None:
    a = edition_of(BODY, "a.md")
    b = edition_of("# Other\n\nZebras graze quietly on the plain. Pianos need tuning twice a year.\n", "b.md")
    c = compare(a, b)
    assert_partition(c)
    assert {link.kind for link in c.links} == {LinkKind.ADDED, LinkKind.DELETED}
    assert not [fc for fc in c.fact_changes if fc.kind == "changed"]


def test_fifty_thousand_repeated_sentences() -> None:
    same = "The same sentence repeats here."
    old = [same] * 50_000
    new = [same] * 49_000 + ["A different closing remark."]
    links = align(old, new)
    assert_links_partition(links, len(old), len(new))
    assert sum(1 for link in links if link.kind is LinkKind.SAME) == 49_000
    # Interleaved repetition defeats the common-prefix shortcut: the linear fallback must take over.
    other = ["x a", "y b"] * 25_000
    links = align(["x a"] * 50_000, other)
    assert_links_partition(links, 50_000, 50_000)


def test_fifty_thousand_repeated_sentences_end_to_end(edition_of: ReadFn) -> None:
    sentence = "The same sentence repeats here. "
    a = edition_of("# Repeats\n\n" + sentence * 50_000, "a.md")
    b = edition_of("# Repeats\n\n" + sentence * 49_990 + "A new one.\n", "b.md")
    c = compare(a, b)
    assert_partition(c)
    assert [item.kind for item in c.brief].count("new") == 1


def test_hundred_thousand_character_sentences(edition_of: ReadFn) -> None:
    long_old = " ".join(f"clause{k} of the long sentence" for k in range(3_500)) + "."
    long_new = long_old.replace("clause1000 of", "clause1000 within", 1)
    assert len(long_old) > 100_000
    a = edition_of("# Long\n\n" + long_old + "\n\nA short closing sentence.\n", "a.md")
    b = edition_of("# Long\n\n" + long_new + "\n\nA short closing sentence.\n", "b.md")
    c = compare(a, b)
    assert_partition(c)
    edited = [link for link in c.links if link.kind is LinkKind.EDITED]
    assert len(edited) == 1
    assert [(o.strip(), n.strip()) for op, o, n in edited[0].words if op != "equal"] == [("of", "within")]


def test_many_unrelated_sentences_use_bounded_candidates() -> None:
    # 3,000 × 3,000 sentences sharing nothing exceed the exhaustive cdist cap: the inverted index answers.
    old = [f"alpha{k} beta{k} gamma{k} delta{k}." for k in range(3_000)]
    new = [f"omega{k} sigma{k} theta{k} kappa{k}." for k in range(3_000)]
    links = align(old, new)
    assert_links_partition(links, 3_000, 3_000)
    assert {link.kind for link in links} == {LinkKind.ADDED, LinkKind.DELETED}
