"""The shared vocabulary: a leaf module, and the rules several stages read from it."""

from __future__ import annotations

import ast
from pathlib import Path

from editions import vocabulary
from editions.vocabulary import (
    CAPTION_FOLLOWER,
    CAPTION_START,
    MONTH_NAMES,
    MONTHS,
    NO_SECTION,
    NOTE_LINE,
    SOURCE_LINE,
    section_label,
    stem,
)


def test_imports_nothing_of_editions() -> None:
    tree = ast.parse(Path(vocabulary.__file__).read_text(encoding="utf-8"))
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert imported and not [m for m in imported if m.split(".")[0] == "editions"]


def test_caption_openings() -> None:
    for line in ("Figure 2. Troops by year", "Table A-1: Funding", "map 3b. The region", "Exhibit 12 . Costs"):
        assert CAPTION_START.match(line), line
    for line in ("Figure 2 shows troops", "As Table 1. shows", "Figures 2. and 3."):
        assert not CAPTION_START.match(line), line
    assert CAPTION_FOLLOWER.match("Sources: the agency") and CAPTION_FOLLOWER.match("Notes: in dollars")
    assert not CAPTION_FOLLOWER.match("Source material is scarce.")


def test_source_and_note_lines() -> None:
    assert SOURCE_LINE.match("Source: the bureau") and SOURCE_LINE.match("Data sources : two surveys")
    assert not SOURCE_LINE.match("Notes: the bureau")
    assert NOTE_LINE.match("Table notes: rounded") and NOTE_LINE.match("Note: rounded")
    assert not NOTE_LINE.match("Noted: rounded")


def test_months() -> None:
    assert [MONTHS[m.lower()] for m in MONTH_NAMES] == list(range(1, 13))
    assert MONTHS["sept"] == MONTHS["sep"] == 9 and MONTHS["may"] == 5
    assert "june" in MONTHS and "jun" in MONTHS and "ma" not in MONTHS


def test_stem_keeps_four_letters() -> None:
    assert stem("troops") == stem("troop") == "troop"
    assert stem("funded") == stem("funds") == "fund"
    assert stem("using") == "using"  # "us" would be too short a stem
    assert stem("rapidly") == "rapid"


def test_section_label() -> None:
    assert section_label(("Regional Relations", "Taiwan")) == "Regional Relations › Taiwan"
    assert section_label(("Budget\nRequest",)) == "Budget Request"
    assert section_label(()) == NO_SECTION == "no section"
    assert section_label((), lead="Summary") == "Summary"
