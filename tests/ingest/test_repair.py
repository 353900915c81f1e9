"""Repairs that do not depend on the format read: tables continued across pages."""

from __future__ import annotations

from editions.ingest.repair import repair
from editions.model import BlockKind, RawBlock


def test_a_header_printed_again_atop_a_tables_next_page_is_dropped() -> None:
    blocks = [
        RawBlock(BlockKind.CAPTION, "Table 1. Counties by State"),
        RawBlock(BlockKind.TABLE, "State | County\nOhio | Adams\nOhio | Brown"),
        RawBlock(BlockKind.BOILERPLATE, "Congressional Research Service 12"),
        RawBlock(BlockKind.TABLE, "State | County\nUtah | Emery"),
        RawBlock(BlockKind.TABLE, "State | County"),
        RawBlock(BlockKind.CAPTION, "Table 2. Counties by Region"),
        RawBlock(BlockKind.TABLE, "State | County\nIowa | Clay"),
        RawBlock(BlockKind.TABLE, "If income is: | Then, tax is:\nover $0 | 10%\nIf income is: | Then, tax is:"),
    ]
    assert [(b.kind, b.text) for b in repair(blocks)] == [
        (BlockKind.CAPTION, "Table 1. Counties by State"),
        (BlockKind.TABLE, "State | County\nOhio | Adams\nOhio | Brown"),
        (BlockKind.BOILERPLATE, "Congressional Research Service 12"),
        (BlockKind.TABLE, "Utah | Emery"),
        (BlockKind.CAPTION, "Table 2. Counties by Region"),
        (BlockKind.TABLE, "State | County\nIowa | Clay"),
        (BlockKind.TABLE, "If income is: | Then, tax is:\nover $0 | 10%\nIf income is: | Then, tax is:"),
    ]


def test_an_address_broken_at_a_line_end_is_joined_whole() -> None:
    from editions.ingest.repair import join_hyphenated_lines

    assert join_hyphenated_lines(["see https://www.example.senate.g", "ov/public/index.cfm?ID=25 here"]) == (
        "see https://www.example.senate.gov/public/index.cfm?ID=25 here"
    )
    assert (
        join_hyphenated_lines(["at https://example.org/a?rq=", "top%2050 now"])
        == "at https://example.org/a?rq=top%2050 now"
    )
    assert (
        join_hyphenated_lines(["https://example.gov/Report_Settin", "gs.pdf."])
        == "https://example.gov/Report_Settings.pdf."
    )
    # The words after an address stay words.
    assert join_hyphenated_lines(["at https://example.gov/data", "(hereinafter Data)"]) == (
        "at https://example.gov/data (hereinafter Data)"
    )
    assert (
        join_hyphenated_lines(["at https://example.gov/data", "and/or more"])
        == "at https://example.gov/data and/or more"
    )
    assert join_hyphenated_lines(["in 2024 and", "2025/26 funds"]) == "in 2024 and 2025/26 funds"


def test_a_table_notes_letters_glued_to_its_figures_are_dropped() -> None:
    blocks = repair(
        [
            RawBlock(BlockKind.TABLE, "Bureau | Founded\nPorts | 1985a\nHarbors | 1991b\nPlanning | 20c"),
            RawBlock(BlockKind.CAPTION, "Source: Compiled by the author."),
            RawBlock(BlockKind.PARAGRAPH, "a. An earlier ports board dates from 1950."),
            RawBlock(BlockKind.PARAGRAPH, "b. A statute of 1933 set up its forerunner."),
        ]
    )
    # "c" names no note under the table: it is left as printed.
    assert blocks[0].text == "Bureau | Founded\nPorts | 1985\nHarbors | 1991\nPlanning | 20c"
