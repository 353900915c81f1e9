"""Issue 5's partition property, end to end: for any two editions read from text, every content sentence of
both is in exactly one link, and the page furniture (the CRS disclaimer, the date line) is never compared:
no link holds it, and changing only the furniture changes nothing in the comparison."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import editions
from editions.compare import compare
from editions.model import BlockKind, Edition, LinkKind
from tests.compare.conftest import assert_partition

POOL = [
    "The committee met on Tuesday to review the budget request.",
    "Members raised concerns about the cost of the new program.",
    "Members raised serious concerns about the cost of the program.",
    "The chair said a vote would follow next month.",
    "Several witnesses testified about the effects on rural hospitals.",
    "The agency estimated that 1,200 facilities would be affected.",
    "The agency estimated that 1,500 facilities would be affected.",
    "Critics argued that the estimate was too low.",
    "The same sentence appears twice.",
    "Costs rose.",
]
DISCLAIMERS = [
    "This document was prepared by the Congressional Research Service (CRS). CRS serves as nonpartisan shared "
    "staff to congressional committees and Members of Congress.",
    "This document was prepared by the Congressional Research Service (CRS). CRS serves as nonpartisan shared "
    "staff to congressional committees and Members of Congress. It operates solely at the behest of and under "
    "the direction of Congress.",
]
DATE_LINES = ["Updated March 14, 2023", "Updated June 2, 2024"]

paragraphs = st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=4), max_size=5)


def _markdown(sections: list[list[str]], disclaimer: str, date_line: str) -> bytes:
    parts = ["# A Report on Programs", date_line]
    for k, sentences in enumerate(sections):
        parts += [f"## Part {k + 1}", " ".join(sentences)]
    parts.append(disclaimer)
    return ("\n\n".join(parts) + "\n").encode()


def _furniture(edition: Edition) -> list[str]:
    return [edition.text[b.span.start : b.span.end] for b in edition.blocks if b.kind is BlockKind.BOILERPLATE]


def _linked_texts(edition: Edition, indices: list[int]) -> str:
    return " ".join(edition.text_of(edition.sentences[i]) for i in indices)


@settings(max_examples=40, deadline=None)
@given(paragraphs, paragraphs, st.sampled_from(DISCLAIMERS), st.sampled_from(DISCLAIMERS))
def test_content_partitioned_and_furniture_never_compared(
    old_sections: list[list[str]], new_sections: list[list[str]], old_disclaimer: str, new_disclaimer: str
) -> None:
    old = editions.read(_markdown(old_sections, old_disclaimer, DATE_LINES[0]), name="old.md")
    new = editions.read(_markdown(new_sections, new_disclaimer, DATE_LINES[1]), name="new.md")
    # The furniture was recognised as such, so the property below is about something.
    assert any("Congressional Research Service" in f for f in _furniture(old))
    assert any("Congressional Research Service" in f for f in _furniture(new))
    c = compare(old, new)
    assert_partition(c)
    # Content sentences are exactly what the sections hold, furniture none of them.
    assert len(old.sentences) == sum(len(s) for s in old_sections)
    assert len(new.sentences) == sum(len(s) for s in new_sections)
    for link in c.links:
        text = _linked_texts(old, list(link.old)) + " " + _linked_texts(new, list(link.new))
        assert "Congressional Research Service" not in text and "Updated" not in text
    for item in c.brief:
        assert "Congressional Research Service" not in item.text and "Updated" not in item.text
    # Only the furniture differs: the comparison says nothing changed.
    same_content = compare(old, editions.read(_markdown(old_sections, new_disclaimer, DATE_LINES[1]), name="n.md"))
    assert all(link.kind is LinkKind.SAME for link in same_content.links)
    assert same_content.stats["words_changed"] == 0.0
    assert [item.kind for item in same_content.brief] == ["unchanged"]
