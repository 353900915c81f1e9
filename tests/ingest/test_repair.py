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
