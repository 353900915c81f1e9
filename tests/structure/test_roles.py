"""Roles: what each sentence is to the report, decided from its block's kind, opening words, section and form."""

from __future__ import annotations

from editions import structure
from editions.model import BlockKind, Document, Metadata, RawBlock, Role, Source


def _roles(*blocks: RawBlock) -> list[tuple[Role, str]]:
    edition = structure.build(Document(tuple(blocks), Metadata(), Source("text")))
    return [(s.role, edition.text_of(s)) for s in edition.sentences]


def test_lines_under_a_table_are_its_caption_source_and_notes() -> None:
    roles = _roles(
        RawBlock(BlockKind.CAPTION, "Table 1. Grain Stocks by State"),
        RawBlock(BlockKind.CAPTION, "(millions of bushels)"),
        RawBlock(BlockKind.TABLE, "State | 2024\nIowa | 2,100"),
        RawBlock(BlockKind.CAPTION, "Source: Department of Agriculture, Grain Stocks, June 2024."),
        RawBlock(BlockKind.CAPTION, "https://www.example.gov/stocks/2024/06."),
        RawBlock(BlockKind.CAPTION, "Notes: Stocks held on farms. Totals may not add."),
        RawBlock(BlockKind.PARAGRAPH, "a. Includes 12 cooperatives."),
        RawBlock(BlockKind.PARAGRAPH, "Iowa stored the most grain in 2024."),
        RawBlock(BlockKind.PARAGRAPH, "b. This lettered line is no note: no table stands above it."),
    )
    assert [role for role, _ in roles] == [
        Role.CAPTION,
        Role.CAPTION,
        Role.TABLE,
        Role.TABLE,
        Role.SOURCE,
        Role.SOURCE,  # the source's next line (an address cut from it)
        Role.NOTE,
        Role.NOTE,
        Role.NOTE,  # a table note's letter under the notes
        Role.BODY,
        Role.BODY,
    ]


def test_footnotes_are_notes_and_a_source_line_anywhere_is_a_source() -> None:
    roles = _roles(
        RawBlock(BlockKind.PARAGRAPH, "Farmers stored 12 billion bushels."),
        RawBlock(BlockKind.PARAGRAPH, "Sources: USDA and CRS."),
        RawBlock(BlockKind.HEADING, "Footnotes", 1),
        RawBlock(BlockKind.FOOTNOTE, "1. Department of Agriculture, 2024, p. 7."),
    )
    assert [role for role, _ in roles] == [Role.BODY, Role.SOURCE, Role.NOTE]


def test_a_reading_list_and_bare_citations_are_references() -> None:
    roles = _roles(
        RawBlock(BlockKind.HEADING, "Background", 2),
        RawBlock(
            BlockKind.PARAGRAPH,
            "Storage grew by 3% in 2024. For more information, see CRS Report R12345, Grain Storage, by Jane Doe. "
            'The agency says so in Jane Roe, "Bins and Silos," Farm News, May 2, 2024, https://www.example.com/bins.',
        ),
        RawBlock(BlockKind.PARAGRAPH, "Its list of programs was accessed March 3, 2024."),
        RawBlock(BlockKind.HEADING, "Related CRS Products", 2),
        RawBlock(BlockKind.LIST_ITEM, "Grain Storage Programs (updated in 2026)."),
        RawBlock(BlockKind.HEADING, "Appendix B. Additional Resources", 2),
        RawBlock(BlockKind.PARAGRAPH, "USDA, Grain Stocks Reports."),
        RawBlock(BlockKind.HEADING, "Other Sources of Funding", 2),
        RawBlock(BlockKind.PARAGRAPH, "CRS Report R12345, Grain Storage, by Jane Doe."),
        RawBlock(BlockKind.PARAGRAPH, "States gave $4 million in 2024."),
    )
    assert roles == [
        (Role.BODY, "Storage grew by 3% in 2024."),
        (Role.REFERENCE, "For more information, see CRS Report R12345, Grain Storage, by Jane Doe."),
        (
            Role.REFERENCE,
            'The agency says so in Jane Roe, "Bins and Silos," Farm News, May 2, 2024, https://www.example.com/bins.',
        ),
        (Role.REFERENCE, "Its list of programs was accessed March 3, 2024."),
        (Role.REFERENCE, "Grain Storage Programs (updated in 2026)."),
        (Role.REFERENCE, "USDA, Grain Stocks Reports."),
        (Role.REFERENCE, "CRS Report R12345, Grain Storage, by Jane Doe."),
        (Role.BODY, "States gave $4 million in 2024."),
    ]


def test_notes_sources_and_references_give_no_figures_captions_do() -> None:
    from editions import facts

    edition = structure.build(
        Document(
            (
                RawBlock(BlockKind.PARAGRAPH, "Farmers stored 12 billion bushels in 2024."),
                RawBlock(BlockKind.CAPTION, "Figure 3. Grain Stocks, 2021"),
                RawBlock(BlockKind.CAPTION, "Source: USDA, accessed May 2, 2024, table 7."),
                RawBlock(BlockKind.FOOTNOTE, "14. Department of Agriculture, 2023, p. 7."),
                RawBlock(BlockKind.PARAGRAPH, "See CRS Report R12345, Grain Storage, by Jane Doe, 2022."),
            ),
            Metadata(),
            Source("text"),
        )
    )
    found = facts.extract(edition.text, edition.sentences)
    assert [(edition.text_of(f), edition.sentences[f.sentence].role) for f in found] == [
        ("12 billion", Role.BODY),
        ("2024", Role.BODY),
        ("2021", Role.CAPTION),
    ]


def test_a_source_or_notes_inside_a_paragraph_turn_the_rest_of_it() -> None:
    roles = _roles(
        RawBlock(
            BlockKind.PARAGRAPH,
            "Exports rose by 4% in 2025. Sources: Trade data, accessed by CRS on April 8, 2026. Trade agency. "
            "Notes: Values are nominal. Totals may not add.",
        ),
        RawBlock(BlockKind.PARAGRAPH, "a. Excludes re-exports."),
        RawBlock(BlockKind.PARAGRAPH, "For details, see https://www.example.gov/trade. Imports fell."),
    )
    assert [role for role, _ in roles] == [
        Role.BODY,
        Role.SOURCE,
        Role.SOURCE,
        Role.NOTE,
        Role.NOTE,
        Role.NOTE,
        Role.REFERENCE,
        Role.BODY,
    ]
