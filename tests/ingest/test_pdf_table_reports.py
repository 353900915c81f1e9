"""PDF reports made mostly of tables: generated fixtures (see pdf_fixtures), no corpus text."""

from __future__ import annotations

import sys
from pathlib import Path

import editions
from editions.model import BlockKind

sys.path.insert(0, str(Path(__file__).parent))  # the generator of test PDFs sits beside this file
from pdf_fixtures import Line, Page, build


def _grid_lines(grid: list[tuple[float, tuple[str, str, str]]]) -> list[Line]:
    """A three-column table's lines in 9-point type, its first row (the header) bold; empty cells left out."""
    return [
        Line(x, y, text, 9, "F2" if k == 0 else "F1")
        for k, (y, row) in enumerate(grid)
        for x, text in zip((72, 200, 330), row, strict=True)
        if text
    ]


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


def _tables(pdf: bytes) -> list[str]:
    edition = editions.read(pdf, name="table.pdf")
    return [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.TABLE]


def test_label_lines_between_parts_of_a_table_are_rows_of_one_cell() -> None:
    # Bold section labels set alone at the rows' pitch between the parts of one table ("Joint Returns" over the
    # rates for joint filers): the web table prints each as a row of one cell, the table goes on under them.
    rows: list[tuple[str, ...]] = [
        ("Personal Exemption:", "$4,050"),
        ("Standard Deduction:",),
        ("Joint", "$12,700"),
        ("Single", "$6,350"),
        ("Personal exemption began to phase out for taxpayers whose",),
        ("income exceeded these amounts:",),
        ("Joint", "$313,800"),
        ("Statutory Marginal Income Tax Rates, 2017",),
        ("Joint Returns",),
        ("If taxable income is:", "Then, tax is:"),
        ("$0 to $18,650", "10% of the amount over $0"),
        ("over $18,650", "$1,865 + 15% of the amount over $18,650"),
    ]
    lines = [
        Line(72, 730, "The table below shows the amounts that applied in the year, as the law set them then.", 11),
        Line(72, 700, "Table 1. Standard Deduction and Tax Rates, 2017", 11, "F2"),
    ]
    y = 680.0
    for k, row in enumerate(rows):
        if k and len(row) == 1 and len(rows[k - 1]) == 1 and rows[k - 1][0].endswith("whose"):
            y += 6.5  # the label's second line, set tight under its first
        bold = "F2" if len(row) == 1 and not row[0].startswith(("Personal exemption", "income")) else "F1"
        lines += [Line(x, y, text, 9, bold) for x, text in zip((72, 330), row, strict=False)]
        y -= 16.5
    lines.append(Line(72, y - 4, "Source: Agency revenue procedures.", 9))
    assert _tables(build([Page(lines)])) == [
        "Personal Exemption: | $4,050\n"
        "Standard Deduction:\n"
        "Joint | $12,700\n"
        "Single | $6,350\n"
        "Personal exemption began to phase out for taxpayers whose income exceeded these amounts:\n"
        "Joint | $313,800\n"
        "Statutory Marginal Income Tax Rates, 2017\n"
        "Joint Returns\n"
        "If taxable income is: | Then, tax is:\n"
        "$0 to $18,650 | 10% of the amount over $0\n"
        "over $18,650 | $1,865 + 15% of the amount over $18,650"
    ]


def test_a_line_set_tight_under_a_tables_last_row_is_no_label_of_a_next_part() -> None:
    # The rest of a wrapped first cell, set at the lines' pitch rather than the rows': not a row of its own.
    rows = [
        ("Program", "FY2024", "FY2025"),
        ("Basic Energy Sciences", "2,500", "2,600"),
        ("Advanced Scientific", "1,036", "1,016"),
        ("Computing Research",),
        ("Fusion Energy Sciences", "790", "745"),
        ("High Energy Physics", "1,200", "1,231"),
    ]
    lines = [Line(72, 700, "Table 2. Science Funding", 11, "F2")]
    y = 680.0
    for row in rows:
        if len(row) == 1:
            y += 6.0
        lines += [Line(x, y, text, 9) for x, text in zip((72, 300, 400), row, strict=False)]
        y -= 16.5
    tables = _tables(build([Page(lines)]))
    assert not any("\nComputing Research\n" in t for t in tables)


def test_a_label_goes_on_a_table_whose_cells_wrap_closer_than_its_rows() -> None:
    # Most of the table's line steps are a wrapped cell's lines (10 points); its rows are 16.5 apart, and the label
    # under it is set at that row pitch.
    lines = [Line(72, 700, "Table 3. Deductions, 2025", 11, "F2")]
    y = 680.0
    body = [
        ("Individual age 65 or older:", "$6,000 per qualifying individual"),
        ("", "Reduced by 6% of income above $75,000"),
        ("", "Reduced by 6% of income above $150,000"),
        ("", "for joint filers"),
        ("Limitation on Itemized Deductions:", "Suspended through the end of 2025"),
    ]
    for label, value in body:
        if label:
            lines.append(Line(72, y, label, 9))
        lines.append(Line(330, y, value, 9))
        y -= 16.5 if label else 10.0
    y -= 1.0
    lines.append(Line(180, y, "Statutory Marginal Income Tax Rates, 2025", 9, "F2"))
    y -= 16.5
    for label, value in [("If taxable income is:", "Then, tax is:"), ("$0 to $23,850", "10% of the amount over $0")]:
        lines += [Line(72, y, label, 9), Line(330, y, value, 9)]
        y -= 16.5
    tables = _tables(build([Page(lines)]))
    assert len(tables) == 1
    assert "\nStatutory Marginal Income Tax Rates, 2025\nIf taxable income is: | Then, tax is:\n" in tables[0]


def test_a_line_set_tight_over_the_next_row_is_no_label_between_parts() -> None:
    # "Guaranteed minimums" is set at the row pitch under the row above but tight over the lines below: it opens
    # their row (the web table prints "Guaranteed minimums 50 states and DC" as one cell), no row of its own.
    lines = [Line(72, 700, "Table 4. Grant Programs", 11, "F2")]
    grid = [
        (680.0, ("Item", "FY2018", "FY2020")),
        (663.5, ("Uses", "Elections", "Security")),
        (647.0, ("Guaranteed minimums",)),
        (637.0, ("States", "$5 million", "$3 million")),
        (627.0, ("Territories", "$1 million", "$600,000")),
        (610.5, ("Deadline", "None", "2020")),
    ]
    for y, row in grid:
        lines += [Line(x, y, text, 9) for x, text in zip((72, 300, 420), row, strict=False)]
    tables = _tables(build([Page(lines)]))
    assert not any(row == "Guaranteed minimums" for t in tables for row in t.split("\n"))


def test_a_row_of_small_raised_note_letters_is_a_row_of_its_own() -> None:
    # "2007" has no figures, only note letters set small and raised in their cells: measured on its figures'
    # baseline it sits at the rows' pitch, not tight under "2006" as the rest of that row.
    lines = [
        Line(72, 700, "Table 5. Appropriations by Fiscal Year", 11, "F2"),
        Line(72, 680, "Fiscal year", 9, "F2"),
        Line(300, 680, "Program A", 9, "F2"),
        Line(420, 680, "Program B", 9, "F2"),
    ]
    y = 663.5
    years: list[tuple[str, tuple[str, str] | None]] = [
        ("2005", ("10.0", "5.0")),
        ("2006", ("11.0", "4.9")),
        ("2007", None),
        ("2008", ("12.0", "5.4")),
    ]
    for year, cells in years:
        lines.append(Line(72, y, year, 9))
        if cells is None:
            lines += [Line(300, y + 2.1, "f", 6), Line(420, y + 2.1, "f", 6)]
        else:
            lines += [Line(300, y, cells[0], 9), Line(420, y, cells[1], 9)]
        y -= 16.5
    assert _tables(build([Page(lines)])) == [
        "Fiscal year | Program A | Program B\n2005 | 10.0 | 5.0\n2006 | 11.0 | 4.9\n2007 | f | f\n2008 | 12.0 | 5.4"
    ]


def test_a_lone_first_rows_cell_wrapped_under_it_stays_in_that_row() -> None:
    # "(Repealed …)" is set close under "$0", right of the row's first cell: the rest of that cell, not a label.
    lines = [
        Line(72, 700, "Table 6. Deductions, 2025", 11, "F2"),
        Line(72, 680, "Personal Exemption:", 9),
        Line(430, 680, "$0", 9),
        Line(300, 667.5, "(Repealed under current law)", 9),
        Line(72, 651, "Standard Deduction:", 9, "F2"),
        Line(72, 634.5, "Joint", 9),
        Line(430, 634.5, "$31,500", 9),
        Line(72, 618, "Single", 9),
        Line(430, 618, "$15,750", 9),
    ]
    assert _tables(build([Page(lines)])) == [
        "Personal Exemption: | $0 (Repealed under current law)\nStandard Deduction:\nJoint | $31,500\nSingle | $15,750"
    ]


def test_one_odd_step_between_a_wrapped_cells_lines_does_not_set_the_tables_line_pitch() -> None:
    # Cells wrap at 10.4 points, rows are 16.4 apart; once, a line of the last column sits 7.4 under a line whose
    # cells are set a little high. That single step is no pitch of the table's lines: a row is still read whole.
    grid = [
        (680.0, ("Program", "Amount", "Uses")),
        (661.6, ("Data collection grant", "$10.0 million", "Improving the collection of")),
        (651.2, ("program", "", "data for the election")),
        (634.8, ("Polling place access", "$50.0 million", "Making polling places accessible")),
        (624.4, ("grant program", "$25.0 million", "to voters in a manner that")),
        (614.0, ("(12 U.S.C. §100)", "", "gives the same access")),
        (606.6, ("", "", "to other voters")),
        (596.2, ("", "", "Telling voters about access")),
        (579.8, ("Pilot program grant", "$10.0 million", "Conducting pilot programs")),
        (569.4, ("program", "", "on a trial basis")),
        (553.0, ("Mock elections grant", "$0.2 million", "Educating students")),
    ]
    lines = [Line(72, 700, "Table 7. Grant Programs", 11, "F2")]
    lines += _grid_lines(grid)
    assert _tables(build([Page(lines)])) == [
        "Program | Amount | Uses\n"
        "Data collection grant program | $10.0 million | Improving the collection of data for the election\n"
        "Polling place access grant program (12 U.S.C. §100) | $50.0 million $25.0 million | Making polling places "
        "accessible to voters in a manner that gives the same access to other voters Telling voters about access\n"
        "Pilot program grant program | $10.0 million | Conducting pilot programs on a trial basis\n"
        "Mock elections grant | $0.2 million | Educating students"
    ]


def test_a_footnote_mark_between_a_parenthesis_and_an_em_dash_is_dropped() -> None:
    # One text object: "... Survey (EAVS)", the mark "26" small and raised, then "—but Congress ..." in body type.
    extra = (
        b"BT /F1 10 Tf 72 700 Td (The agency runs a survey known as the Survey \\(EAVS\\)) Tj /F1 6.5 Tf 4 Ts (26) Tj "
        b"/F1 10 Tf 0 Ts (\x97but Congress found gaps in it.) Tj ET"
    )
    edition = editions.read(build([Page([], extra=extra)]), name="mark.pdf")
    assert "(EAVS)—but Congress found gaps in it." in edition.text


def test_a_cells_next_paragraph_set_less_apart_than_the_rows_stays_in_its_row() -> None:
    # Lines of a cell 10.4 apart, rows 16.4 apart; a cell's second paragraph ("(12 U.S.C. §100)") is set 13.4
    # under its first: wider than the lines, narrower than the rows, and in one column only.
    grid = [
        (680.0, ("Program", "Amount", "Uses")),
        (663.6, ("Data collection grant", "$10.0 million", "Improving the collection")),
        (653.2, ("program", "", "of data")),
        (639.8, ("(12 U.S.C. §100)", "", "")),
        (623.4, ("Pilot program grant", "$10.0 million", "Conducting pilot programs")),
        (613.0, ("program", "", "on a trial basis")),
        (599.6, ("(12 U.S.C. §200)", "", "")),
        (583.2, ("Mock elections grant", "$0.2 million", "Educating students")),
        (566.8, ("College program", "$5.0 million", "Training poll workers")),
    ]
    lines = [Line(72, 700, "Table 8. Grant Programs", 11, "F2")]
    lines += _grid_lines(grid)
    assert _tables(build([Page(lines)])) == [
        "Program | Amount | Uses\n"
        "Data collection grant program (12 U.S.C. §100) | $10.0 million | Improving the collection of data\n"
        "Pilot program grant program (12 U.S.C. §200) | $10.0 million | Conducting pilot programs on a trial basis\n"
        "Mock elections grant | $0.2 million | Educating students\n"
        "College program | $5.0 million | Training poll workers"
    ]
