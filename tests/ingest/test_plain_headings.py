"""Headings written as plain lines (saved web pages): what makes a line a heading."""

from __future__ import annotations

import editions
from editions.model import BlockKind


def test_an_appendix_title_after_its_label_is_a_heading_not_a_sentence() -> None:
    # "Appendix." ends the label, not a sentence; the PDF sets the line as a heading, and it heads what follows.
    edition = editions.read(
        b"# Report\n\nThe body ends here.\n\nAppendix. Selected Options for Structuring Grants\n\n"
        b"The section lists questions for Members.\n",
        format="markdown",
    )
    headings = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.HEADING]
    assert "Appendix. Selected Options for Structuring Grants" in headings
    assert [edition.text_of(s) for s in edition.sentences] == [
        "The body ends here.",
        "The section lists questions for Members.",
    ]


def test_a_line_with_a_sentence_inside_is_still_no_heading() -> None:
    edition = editions.read(
        b"# Report\n\nSee the Appendix. Selected Options follow\n\nMore text here.\n", format="markdown"
    )
    assert not any(
        edition.text_of(b).startswith("See the Appendix") for b in edition.blocks if b.kind is BlockKind.HEADING
    )
