"""Markdown tables saved from web pages: rows whose cells a saved page broke over several lines."""

from __future__ import annotations

import editions
from editions.model import BlockKind, Edition


def _read(text: str) -> Edition:
    return editions.read(text.encode(), format="markdown")


def _tables(edition: Edition) -> list[str]:
    return [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.TABLE]


def test_a_row_whose_first_cell_breaks_over_lines_keeps_its_other_cells() -> None:
    # The row's first line holds only its first cell's first line; the next line goes on with that cell and holds
    # the row's other cells.
    edition = _read(
        "| Program | Authorization | Agency \n"
        "| Data collection grant program\n"
        "(12 U.S.C. §100 note) | $10.0 million | EAC \n"
        "| Limitation on deductions:\n"
        "If income exceeded the amount in the right column, deductions were reduced. | $137,300\n"
        "(for all filers) \n"
        "| Rates, 2002 \n"
        "| Joint Returns \n"
        "| If taxable income is: | Then, tax is: \n"
    )
    assert _tables(edition) == [
        "Program | Authorization | Agency\n"
        "Data collection grant program (12 U.S.C. §100 note) | $10.0 million | EAC\n"
        "Limitation on deductions: If income exceeded the amount in the right column, deductions were reduced. | "
        "$137,300 (for all filers)\n"
        "Rates, 2002\n"
        "Joint Returns\n"
        "If taxable income is: | Then, tax is:"
    ]


def test_a_cells_next_line_before_a_section_label_row_stays_in_its_row() -> None:
    # A label row of one cell follows: the line before it is still the cell's, not a paragraph after the table.
    edition = _read(
        "| Personal Exemption: | $0\n(Repealed under current law) \n| Standard Deduction: \n| Joint | $32,200 \n"
    )
    assert _tables(edition) == [
        "Personal Exemption: | $0 (Repealed under current law)\nStandard Deduction:\nJoint | $32,200"
    ]
