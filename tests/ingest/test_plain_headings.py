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


def test_a_product_banner_and_the_edition_date_set_large_are_furniture_not_sections() -> None:
    # CRS PDFs set "INSIGHTi" (the banner and its logo's letter) and the date line in large type; read as
    # headings they became the section of every sentence, and the brief named "Updated May 2, 2025" as a place.
    edition = editions.read(
        b"## INSIGHTi\n\n# The Widget Subsidy: Issues\n\n### Updated May 2, 2025\n\nThe subsidy began in 2019.\n\n"
        b"## Background\n\nIt costs $4 million a year.\n",
        format="markdown",
    )
    headings = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Background"]
    assert edition.title == "The Widget Subsidy: Issues"
    assert [s.section for s in edition.sentences] == [(), ("Background",)]


def test_a_bare_date_heads_a_section_once_the_text_has_begun() -> None:
    # A chronology may head its entries with dates: only before any text is a bare date the edition's own.
    edition = editions.read(
        b"# Chronology\n\nMay 2, 2025\n\nThe agency proposed the rule.\n\n## March 3, 2026\n\nThe rule took effect.\n",
        format="markdown",
    )
    headings = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["March 3, 2026"]
    kinds = {edition.text_of(b): b.kind for b in edition.blocks}
    assert kinds["May 2, 2025"] is BlockKind.BOILERPLATE
    assert [edition.text_of(s) for s in edition.sentences] == ["The agency proposed the rule.", "The rule took effect."]


def test_the_title_printed_again_over_the_text_is_no_section() -> None:
    # A report's PDF prints its title on the cover and again over the first page of text; read as a heading it
    # made every section "<title> › …".
    edition = editions.read(
        b"# The Widget Subsidy: Issues\n\nSummary text of the report.\n\nThe Widget Subsidy: Issues\n\n"
        b"## Background\n\nIt costs $4 million a year.\n",
        format="markdown",
    )
    assert [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.HEADING] == ["Background"]
    assert [s.section for s in edition.sentences] == [(), ("Background",)]
