"""Figure changes and substantive/cosmetic classification on small made-up editions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from editions.compare import classify_edit, compare, word_ops
from editions.model import Edition, FactChangeKind

ReadFn = Callable[..., Edition]


def _changed(old: Edition, new: Edition) -> list[tuple[str, str]]:
    c = compare(old, new)
    return [
        (c.old.text_of(fc.old), c.new.text_of(fc.new))
        for fc in c.fact_changes
        if fc.kind is FactChangeKind.CHANGED and fc.old and fc.new
    ]


def test_changed_count_in_edited_sentence(edition_of: ReadFn) -> None:
    a = edition_of("# R\n\n## Forces\n\nThe country hosts around 50,000 foreign troops on its soil.\n", "a.md")
    b = edition_of("# R\n\n## Forces\n\nThe country now hosts around 54,000 foreign troops on its soil.\n", "b.md")
    assert _changed(a, b) == [("around 50,000", "around 54,000")]


def test_equal_value_is_no_change(edition_of: ReadFn) -> None:
    a = edition_of("# R\n\nThe program costs $2 billion a year. It started in 2015.\n", "a.md")
    b = edition_of("# R\n\nThe program still costs $2 billion each year. It began in 2015.\n", "b.md")
    assert _changed(a, b) == []


def test_office_holder_change(edition_of: ReadFn) -> None:
    a = edition_of("# R\n\nPrime Minister John Smith leads the coalition government.\n", "a.md")
    b = edition_of("# R\n\nPrime Minister Jane Doe leads the coalition government.\n", "b.md")
    assert _changed(a, b) == [("Prime Minister John Smith", "Prime Minister Jane Doe")]


def test_unlinked_figure_far_away_needs_a_strong_measure(edition_of: ReadFn) -> None:
    # The sentences are too different to be linked; the measure ("rail line carried passengers") is the same.
    a = edition_of(
        "# R\n\nThe rail line carried 2 million passengers last year. Weather was mild.\n\n"
        "## Other\n\nRoads were repaired. Bridges were inspected.\n",
        "a.md",
    )
    b = edition_of(
        "# R\n\nWeather was mild.\n\n## Other\n\nRoads were repaired. Bridges were inspected. "
        "Critics say a new terminal will open soon.\n\n## Rail\n\nDespite strikes, officials said, the rail line "
        "carried 3 million passengers last year.\n",
        "b.md",
    )
    assert _changed(a, b) == [("2 million", "3 million")]


@pytest.mark.parametrize(
    ("old", "new", "substantive"),
    [
        ("The vote is on Tuesday.", "The vote is on Tuesday!", False),
        ("the vote is on tuesday.", "The vote is on Tuesday.", False),
        ("It hosts a large base.", "It hosts the large base.", False),
        ("The agency decreases its spending.", "The agency decreased its spending.", False),
        ("The committe met today.", "The committee met today.", False),
        ("About 50,000 troops are based there.", "About 54,000 troops are based there.", True),
        ("The law will pass.", "The law may pass.", True),
        ("The law will pass.", "The law will not pass.", True),
        ("The plan was backed by Senator Jones.", "The plan was backed by Senator Brown.", True),
        ("The bill, said Mr. Smith, is near a vote.", "The bill, said Smith, is near a vote.", False),
        (
            "The plan was backed by the committee.",
            "The plan was backed by the committee and the national governors association.",
            True,
        ),
        ("The plan was backed by the committee.", "The plan was backed by the whole committee.", False),
    ],
)
def test_classify_edit(old: str, new: str, substantive: bool) -> None:
    assert classify_edit(word_ops(old, new)).substantive is substantive
