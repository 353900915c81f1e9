"""PDF reports made mostly of tables: generated fixtures (see pdf_fixtures), no corpus text."""

from __future__ import annotations

import sys
from pathlib import Path

import editions
from editions.model import BlockKind

sys.path.insert(0, str(Path(__file__).parent))  # the generator of test PDFs sits beside this file
from pdf_fixtures import Line, Page, build


def test_footnotes_set_in_the_tables_size_are_footnotes_when_tables_outweigh_the_prose() -> None:
    # The prose is 11 points; the tables and the footnotes are 9. The upper half of the page holds more
    # characters in table cells than in prose, so counting every character would take 9 for the body size and
    # the 9-point footnote for body text.
    prose = [
        "The standard deduction varies by filing status and is indexed for inflation every year since then.",
        "Taxpayers who are older or blind are eligible for an additional amount, as the table below shows.",
    ]
    lines = [Line(72, 730 - 14 * i, text, size=11) for i, text in enumerate(prose)]
    for k in range(30):
        y = 690 - 9.5 * k
        lines += [
            Line(72, y, f"over ${k * 1000:,}", size=9),
            Line(200, y, f"${k * 100:,} + {k}%", size=9),
            Line(330, y, f"over ${k * 1000:,}", size=9),
        ]
    lines += [
        Line(72, 300, "The rates apply to taxable income after deductions, as described in the next section.", size=11),
        Line(72, 90, "1 For more information on the deduction, see the agency's annual publication on it.", size=9),
    ]
    edition = editions.read(build([Page(lines)]), name="tables.pdf")
    notes = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.FOOTNOTE]
    assert notes == ["1. For more information on the deduction, see the agency's annual publication on it."]
