"""Tables: lines whose cells keep to the same columns read as rows, by geometry alone.

Pure functions over a column's lines; every tolerance they measure against is a named field of `TableSettings`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from editions.ingest.pdf.lines import _cells, _Line
from editions.ingest.repair import join_hyphenated_lines
from editions.vocabulary import CAPTION_FOLLOWER, CAPTION_START


@dataclass(frozen=True, slots=True)
class TableSettings:
    """How the table reader measures a page, as pdfplumber's `TableSettings` does: factors of the font size
    ("em") or of the rows' pitch, and points. A line's `base` is its baseline; a step is the drop from one
    baseline to the next."""

    same_size: float = 0.5  # points: lines of one table differ in font size by less
    line_step: float = 0.75  # em: a baseline step at least this is a new line (less: two baselines of one line)
    tight_step: float = 0.75  # of the rows' pitch: a line set closer under the one above goes on its row
    label_step: float = 1.5  # of the rows' pitch: a section label between two tables is set no further below
    wrap_step: float = 1.6  # em: a wrapped cell's next line is set no further below
    header_step: float = 1.45  # em: a header's lines are set this tight, one under the other
    end_gap: float = 2.2  # em: a gap between glyph boxes this wide ends the table (two blank lines) …
    end_step: float = 3.2  # em: … when the baselines are this far apart too
    first_cell_share: float = 0.45  # of the row's width: how far right a wrapped first cell's next line may run
    pitch_tolerance: float = 0.07  # em: how much wider than the lines' pitch a step between rows is …
    pitch_tolerance_least: float = 0.6  # points: … and at least this
    pitch_window: float = 0.5  # points: steps this close count as one pitch
    pitch_share: float = 0.2  # of the steps: how many must share the lines' pitch (two at least)
    padded_share: float = 0.15  # of the steps: wide steps this common make a "padded" table (rows set apart)
    paragraph_share: float = 0.95  # of the rows' gap: a one-cell line set apart by less is its cell's paragraph


TABLE = TableSettings()


def _lone_row_leads_on(lines: list[_Line], i: int) -> tuple[list[str], int] | None:
    """A line with cells that starts no table (the next line has one cell) but that a few labels set at the
    row pitch of the table below lead on from (see `_table_goes_on`): its row and the rows after it, and where
    the table below ends. Lines set close under it right of its first cell are its last
    cell's next lines ("$0" over "(Suspended through 2025; …)")."""
    line = lines[i]
    cells = [[t] for _, _, t in line.cells]
    c = i + 1
    while (
        c < len(lines)
        and len(lines[c].cells) == 1
        and lines[c].x0 > line.cells[0][1]
        and abs(lines[c].size - line.size) < TABLE.same_size
        and 0 < lines[c - 1].base - lines[c].base < TABLE.wrap_step * line.size
    ):
        cells[-1].append(lines[c].text)
        c += 1
    if c >= len(lines) or len(lines[c].cells) != 1 or abs(lines[c].size - line.size) >= TABLE.same_size:
        return None  # no label under it: the cheap test first, since most such lines are in no table
    for k in range(c + 1, min(c + 7, len(lines))):
        if len(lines[k].cells) >= 2 and (table := _table_at(lines, k)) is not None:
            more = _table_goes_on(lines, lines[k : table[1]], c, lines[c - 1])
            if more is None:
                return None
            rows, end = more
            return [" | ".join(join_hyphenated_lines(parts) for parts in cells), *rows], end
    return None


def _table_goes_on(
    lines: list[_Line], body: list[_Line], end: int, prev: _Line | None = None
) -> tuple[list[str], int] | None:
    """The rows after a table's `body` lines, from `lines[end]` on, when a few one-cell lines set at its row
    pitch and in its size (and maybe a lone row between them) lead to the rows of another table: the one-cell
    lines name the sections of one table ("Standard Deduction:", "Joint Returns"), which the web edition
    prints as rows of one cell. Those rows (a label's wrapped lines joined) and the next table's, and where
    that table ends; None when the table ends at `end`. `prev`: the line above `lines[end]` when
    it is not the body's last (a lone row above the table whose `body` is measured)."""
    size = body[0].size
    steps = sorted(p for k in range(1, len(body)) if (p := body[k - 1].base - body[k].base) > TABLE.line_step * size)
    if not steps:
        return None
    pitch = steps[3 * len(steps) // 4]  # the rows' pitch: lines wrapped within a cell are set closer
    left = min(line.x0 for line in body) - 3
    right = max(line.x1 for line in body) + 3
    rows: list[list[str]] = []
    labels = 0
    k = end
    prev = prev or body[-1]
    while k < len(lines) and len(rows) <= 5:
        line = lines[k]
        step = prev.base - line.base
        if not (0 < step <= TABLE.label_step * pitch) or abs(line.size - size) >= TABLE.same_size or line.x0 < left:
            return None
        if len(line.cells) >= 2:
            if step < TABLE.tight_step * pitch:
                return None  # set tight under the line above: that line is this row's first, not a label
            if labels and not _header_above(lines[end:k], line) and (table := _table_at(lines, k)):
                more, j = table
                return [join_hyphenated_lines(row) for row in rows] + more, j
            rows.append([" | ".join(t for _, _, t in line.cells)])  # a lone row between two labels
            prev = line
            k += 1
            continue
        if not line.cells or line.x1 > right or CAPTION_FOLLOWER.match(line.text) or CAPTION_START.match(line.text):
            return None
        if step < TABLE.tight_step * pitch:
            if not labels or len(prev.cells) != 1:
                return None  # set tight under a row: the rest of the row, not a label
            rows[-1].append(line.text)  # the label's next line
        else:
            rows.append([line.text])
            labels += 1
        prev = line
        k += 1
    return None


def _table_at(lines: list[_Line], i: int, above: list[_Line] | None = None) -> tuple[list[str], int] | None:
    """A table starting at line i: rows of cells while lines keep to the same columns. `above`: header lines
    set over the table's first line with cells only in later columns ("Funding" over "(millions)")."""
    j = i
    multi: list[_Line] = []
    size = lines[i].size
    first_right = float("inf")
    wraps: set[int] = set()  # lines that carry on the first-column cell of the row above
    row_pitch = float("inf")  # the least baseline step between two lines with cells, so far
    row_steps: list[float] = []  # the baseline steps into body lines with cells (row starts, in padded tables)
    anchor: _Line | None = None  # the last line with text in the first column
    first_col = 0.0  # the right edge of the widest first-column cell of a line with cells
    while j < len(lines):
        line = lines[j]
        if CAPTION_FOLLOWER.match(line.text) or CAPTION_START.match(line.text):
            break
        # A gap as wide as two blank lines ends the table; measured on the baselines too, since glyph boxes
        # shrink on lines with no descender or capital ("covered institutions." over the next entry).
        if (
            j > i
            and lines[j - 1].y0 - line.y1 > TABLE.end_gap * size
            and lines[j - 1].base - line.base > TABLE.end_step * size
        ):
            break
        own = line.cells
        if len(own) == 1 and multi and len(line.frags) >= 2:
            # Its cells set closer than a word gap, across gutters the rows so far leave free.
            own = _split_at_gutters([*multi, line])[-1]
        if len(own) >= 2:
            if multi and multi[-1] is lines[j - 1]:
                row_pitch = min(row_pitch, multi[-1].base - line.base)
            if j > i and not line.bold and not lines[j - 1].bold:
                row_steps.append(lines[j - 1].base - line.base)
            multi.append(line)
            first_right = min(first_right, own[0][1])
            if own[0][0] < first_right - 1:
                first_col = max(first_col, own[0][1])
        elif line.cells[0][0] < first_right - 1:
            # Under the last first-column text, which a line of a later column may come between ("(G-SIB)",
            # "Applies to …", "Surcharge": baselines interleaved).
            prev = anchor or lines[j - 1]
            step = prev.base - line.base
            tol = _pitch_tolerance(size)
            # Set closer than the rows so far, or, in a table whose rows are set apart by wider gaps than
            # their lines (twice at least, as `_row_starts` asks), at the lines' pitch: the rest of a wrapped
            # row label, whatever its words.
            # (Near a table's top, where too few rows are known, by the rows that follow as well: a table
            # carried over to a new page, "Disaster National" over "Memorial" in its first row.)
            wider = sum(s > row_pitch + tol for s in row_steps)
            closer = step < row_pitch - tol or (
                step <= row_pitch + tol
                and (wider >= 2 or wider + sum(s > row_pitch + tol for s in _row_steps_ahead(lines, j)) >= 2)
            )
            # Set that tight, it may run as wide as the column's widest label ("Surcharge" under "(G-SIB)").
            column = first_col if closer else 0.0
            if not (multi and j > i and _wraps_first_cell(prev, line, closer, column)):
                # A label alone in the first column, no further under the rows above than they are set apart,
                # over a row of cells set no further below: a group's label on a line of its own ("50 States
                # and DC" over "Alabama | 2,517 | …"), or a label set on two lines around its row's figures
                # ("District of" over "934 | 924 | …" over "Columbia"). Anything else ends the table.
                after = lines[j + 1] if j + 1 < len(lines) else None
                if not (
                    multi
                    and j > i
                    and after is not None
                    and len(after.cells) >= 2
                    and not after.bold
                    and line.base - after.base <= row_pitch + tol
                    and (step <= row_pitch + tol or line.base - after.base < TABLE.line_step * size)
                ):
                    break
            else:
                wraps.add(j - i)
        elif line.bold and multi and not lines[j - 1].bold:
            break  # a bold line alone under a later column after the body's lines: the next table's title
        if line.cells[0][0] < first_right - 1:
            anchor = line
        j += 1
    if len(multi) < 2:
        return None
    head = above or []
    table = [*head, *lines[i:j]]
    wraps = {k + len(head) for k in wraps}
    split = _split_at_gutters(table)
    spans = _column_spans([c for c in split[len(head) :] if len(c) >= 2])
    placed: list[dict[int, str]] = []
    for line_cells in split:
        cells: dict[int, str] = {}
        for x0, x1, t in line_cells:
            t = _MINUS_GAP.sub(r"\1", _CELL_BULLET.sub("", t))
            if not t:
                continue
            col = _column_of(spans, x0, x1)
            cells[col] = f"{cells[col]} {t}" if col in cells else t
        placed.append(cells)
    starts = _row_starts(table, placed, len(spans), size, wraps)
    for k in range(1, _header_lines(table, size)):
        starts[k] = False  # a header set over two or three lines is one row: "FY2025" over "Enacted"
    rows: list[list[list[str]]] = []
    for k, cells in enumerate(placed):
        if starts[k] or not rows:
            rows.append([[] for _ in spans])
        for col, t in cells.items():
            rows[-1][col].append(t)
    out = []
    for row in rows:
        texts = [join_hyphenated_lines(parts) for parts in row]
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            out.append(" | ".join(texts))
    return out, j


def _row_steps_ahead(lines: list[_Line], j: int, count: int = 10) -> list[float]:
    """The baseline steps into the plain lines with cells among the `count` lines after line j, up to a source or
    caption line: how far apart the rows that follow are set."""
    steps: list[float] = []
    for k in range(j + 1, min(len(lines), j + 1 + count)):
        line, above = lines[k], lines[k - 1]
        if CAPTION_FOLLOWER.match(line.text) or CAPTION_START.match(line.text):
            break
        if len(line.cells) >= 2 and not line.bold and not above.bold:
            steps.append(above.base - line.base)
    return steps


# A negative number whose minus sign is set apart from its digits: "- 32.80" is the web table's "-32.80".
_MINUS_GAP = re.compile(r"^([-–−])\s+(?=\d)")
# A bullet that opens an entry inside a table cell (set as a cell of its own or before its text): the web table
# keeps the entries but not their bullets.
_CELL_BULLET = re.compile(r"^[•▪◦●■➢\uf0b7\uf0a7]\s*")


def _table_band(left: list[_Line], right: list[_Line], gutter: float) -> bool:
    """Whether a band cut at a gutter is a table's rows rather than two columns of prose: nearly every line on
    each side shares its baseline with a line on the other, and the left lines are short labels that stop well
    short of the gutter, where a prose column's lines run up to it ("over $67,900 to $137,050" beside "$9,350 +
    25% of the amount over $67,900")."""
    if len(left) < 3 or len(right) < 3:
        return False
    if _rows_across(left, right):
        return True
    bases = [line.base for line in left]
    paired = sum(any(abs(b - line.base) < 1.0 for b in bases) for line in right)
    if paired < 0.8 * len(right) or paired < 0.8 * len(left):
        return False
    x0 = min(line.x0 for line in left)
    return sum(line.x1 > x0 + 0.8 * (gutter - x0) for line in left) < 0.2 * len(left)


def _rows_across(left: list[_Line], right: list[_Line]) -> bool:
    """Whether the left side of a band is a table whose rows go on across the gutter: it has lines of two or more
    cells ("Uses | Are grant funds …"), and each of its entries (a line set further under the one above than its
    lines are set) starts on the baseline of a line on the right, as a row's cells start together at its top. The
    lines between may interleave (a question wrapped at 11 points beside answers stacked 17 apart). Prose columns
    have no cells, and their paragraphs start on the other column's lines only where the grids happen to meet."""
    if sum(len(line.cells) >= 2 for line in left) < 2:
        return False
    size = left[0].size
    steps = [left[k - 1].base - left[k].base for k in range(1, len(left))]
    pitch = _line_pitch([s for s in steps if s > TABLE.line_step * size])
    tops = [k for k in range(1, len(left)) if steps[k - 1] > pitch + _pitch_tolerance(size)]
    bases = sorted(line.base for line in right)

    def paired(ks: list[int]) -> int:
        n = 0
        for k in ks:
            m = bisect.bisect_left(bases, left[k].base - 1.0)
            n += m < len(bases) and bases[m] <= left[k].base + 1.0
        return n

    # (A source line under the table, in the left column alone, is an entry without a partner.)
    if len(tops) >= 3 and paired(tops) >= 0.8 * len(tops):
        return True
    # Or a bold header across the gutter, and every row of cells set after a gap starts on a right line: the
    # left half's entries may be stacked in a cell (bulleted programs beside one quoted definition).
    header = right[0].bold and any(line.bold and abs(line.base - right[0].base) < 1.0 for line in left[:3])
    rows = [k for k in tops if len(left[k].cells) >= 2]
    return header and len(rows) >= 2 and paired(rows) == len(rows)


def _wraps_first_cell(prev: _Line, line: _Line, closer: bool = False, column: float = 0.0) -> bool:
    """A one-cell line set tight under a row's first cell, within its column, that goes on with its words: the
    rest of a wrapped row label ("Analytics, Review, and" / "Oversight"), not a paragraph after the table.
    `column`: the right edge of the widest first cell of the table's rows so far."""
    if len(line.cells) != 1 or not prev.cells:
        return False
    x0, x1, text = prev.cells[0]
    own = line.cells[0]
    if abs(own[0] - x0) > 3 or own[1] > max(x1, own[0] + TABLE.first_cell_share * (prev.x1 - prev.x0), column) + 2:
        return False
    if prev.base - line.base > TABLE.wrap_step * line.size or line.bold != prev.bold:
        return False
    return closer or bool(own[2][:1].islower() or own[2][:1] == "(" or _open_end(text))


_OPEN_END = re.compile(r"(?:,|\band|\bof|\bthe|\bfor|\bon|\bin|\bto|&|-|—|/)$")


def _open_end(text: str) -> bool:
    """A cell's line that cannot end its text: it ends on a comma or a joining word, or leaves a parenthesis open
    ("American Taxpayer Relief Act of 2012 (P.L." / "112-240)")."""
    return bool(_OPEN_END.search(text)) or text.count("(") > text.count(")")


def _header_above(group: list[_Line], line: _Line) -> int:
    """How many lines at the end of `group` are the top of a bold header whose first line with cells is `line`:
    bold one-cell lines set tight over it, right of its first cell ("Funding" over "Law | (millions) | Changes")."""
    k = 0
    lower = line
    while k < min(len(group), 2):
        upper = group[-1 - k]
        if not (upper.bold and line.bold and len(upper.cells) == 1 and abs(upper.size - line.size) < TABLE.same_size):
            break
        if (
            upper.base - lower.base > TABLE.header_step * line.size
            or upper.x0 < line.cells[0][1]
            or upper.x1 > line.x1 + 2
        ):
            break
        k += 1
        lower = upper
    return k


def _header_lines(table: list[_Line], size: float) -> int:
    """How many lines at the top of a table make its header: bold lines set tight one under the other (closer
    than rows are set), above a body that is not all bold. The web edition prints such a header as one row,
    each column's lines joined ("FY2025 Enacted")."""
    k = 1
    while k < min(len(table), 4) and table[k].bold and table[k - 1].base - table[k].base < TABLE.header_step * size:
        k += 1
    if k < 2 or not table[0].bold or all(line.bold for line in table[k:]):
        return 1
    return k


def _row_starts(
    table: list[_Line], placed: list[dict[int, str]], columns: int, size: float, wraps: set[int]
) -> list[bool]:
    """Which lines of a table start a row. Tables that set rows apart with more space than they leave between
    the lines of a cell ("padded") start a row after such a gap, so that a first-column cell wrapped over two
    lines stays one cell; tight tables start a row at every line with text in the first column."""
    # A line's top baseline: cells set on two baselines close enough to merge into one line ("127 Stat. 1024," a
    # line under "Title XXVIII, §2842,", beside "or “another suitable" an entry's gap under "(Washington, DC,") have
    # a median baseline between the two, which would make a step as wide as a row's.
    # (Marks set small and raised, "e" for a note, are no baseline.)
    tops = [
        max((f.base for f in line.frags if not f.sup and f.size > line.size - 0.5), default=line.base) for line in table
    ]
    pitches = [tops[k - 1] - tops[k] for k in range(1, len(table))]
    # Lines of two columns whose baselines interleave ("(G-SIB)", "Applies to …", "Surcharge") are no pitch.
    steps = [p for p in pitches if p > TABLE.line_step * size]
    tight = _line_pitch(steps)
    wide = [p > tight + _pitch_tolerance(size) for p in pitches]
    padded = sum(wide) >= 2 and sum(wide) >= TABLE.padded_share * len(pitches)
    # The rows' gap: the median step into a line with cells in the first column and another. A wide step well
    # under it sets a cell's next paragraph apart ("(52 U.S.C. §20311)" under "grant program"), not a row.
    into_rows = sorted(p for k, p in enumerate(pitches, 1) if wide[k - 1] and 0 in placed[k] and len(placed[k]) > 1)
    row_gap = into_rows[len(into_rows) // 2] if len(into_rows) >= 3 else 0.0
    starts = [True]
    for k in range(1, len(table)):
        if padded and all(line.bold for line in table[:k]) and not any(f.bold for f in table[k].frags):
            starts.append(True)  # the body's first line under a bold header, however tight under it
        elif not padded:
            first = 0 in placed[k] and k not in wraps and not _carries_on(placed[k - 1], placed[k])
            starts.append(first or _figures_beside_label(placed[k - 1], placed[k], columns))
        elif wide[k - 1]:
            # An entry stacked in a later column alone ("Division C, Title V, §533" under "Division B, …", a
            # bulleted program under another beside one definition) is more of the row above, however far apart
            # the entries are set. A line of one cell set apart by less than the rows' gap is that cell's next
            # paragraph.
            paragraph = len(placed[k]) == 1 and pitches[k - 1] < TABLE.paragraph_share * row_gap
            starts.append((0 in placed[k] or len(placed[k]) >= 2) and not paragraph)
        else:
            # A full line of figures after a full line is a row of its own even in a padded table (rows set in
            # groups); a full line with words carries on the cells of the row above ("Community | Proposal" over
            # "Bank Leverage | (12/25)").
            # Full: every column filled, or the very columns of the row line above (a header set in more columns
            # than the body's rows fill: "SSA Data | OPM Data" over each figure column).
            full = starts[k - 1] and (
                len(placed[k]) == columns == len(placed[k - 1])
                or (len(placed[k]) >= 3 and placed[k].keys() == placed[k - 1].keys())
            )
            figures = not any(_WORD.search(t) for col, t in placed[k].items() if col)
            starts.append(full and figures and 0 in placed[k] and not _open_end(placed[k - 1][0]))
    return starts


def _pitch_tolerance(size: float) -> float:
    """How much wider than a cell's lines' pitch a step must be to set rows apart. Rows set apart by as little as a
    point (10.44 between a cell's lines, 11.52 between rows) are told apart from baselines, which repeat to a few
    hundredths of a point."""
    return max(TABLE.pitch_tolerance_least, TABLE.pitch_tolerance * size)


def _line_pitch(steps: list[float]) -> float:
    """The step between the lines of a table's cells: the least step that a fifth of the steps (two at least) come
    within half a point of. The least step alone may be an artifact of cells on two baselines read as one line
    (8.1 points in a table whose lines are 10.44 apart)."""
    ordered = sorted(steps)
    need = max(2, TABLE.pitch_share * len(ordered))
    for k, v in enumerate(ordered):
        if bisect.bisect_right(ordered, v + TABLE.pitch_window) - k >= need:
            return v
    return ordered[0] if ordered else 0.0


_WORD = re.compile(r"[^\W\d_]{3}")


def _figures_beside_label(above: dict[int, str], cells: dict[int, str], columns: int) -> bool:
    """A line of figures in every column but the first, under a line that fills those columns too: a row of its
    own beside a first-column label set once for several rows ("2014 | 32% | 24%" beside "Population of less
    than 50,000"), not the next line of the row above."""
    rest = set(range(1, columns))
    return (
        columns >= 3
        and cells.keys() == rest
        and rest <= above.keys()
        and not any(_WORD.search(t) for t in cells.values())
    )


_MID_SENTENCE = re.compile(r"[a-z]{2},?$")


def _carries_on(above: dict[int, str], cells: dict[int, str]) -> bool:
    """Whether a line goes on with a sentence of the line above in some column ("… Would eliminate" over "the use
    of parallel calculations"): a lower-case word after a cell's line that stops on a word is that cell's next
    line, and the line is no new row, even with text in the first column ("Advanced" over "Approach"). A line
    that stops on a figure does not carry on ("$0 to $24,800" over "over $24,800 to $100,800")."""
    return any(
        col in above and _WORD.match(t) and t[:1].islower() and _MID_SENTENCE.search(above[col])
        for col, t in cells.items()
    )


def _split_at_gutters(table: list[_Line]) -> list[list[tuple[float, float, str]]]:
    """The cells of a table's lines, split again across its gutters: runs of x that no fragment of any of its
    lines covers, with text on both sides in two or more lines. Columns set closer than a word gap (line by
    line, "Food and Nutrition Act" 6 points before "Provides to …") are then cells apart where the table's
    other lines show the gutter between them."""
    frags = sorted((f.x0, f.x1) for line in table for f in line.frags if not f.sup)
    gutters: list[tuple[float, float]] = []
    right = frags[0][1]
    for x0, x1 in frags[1:]:
        if x0 > right + 1:
            gutters.append((right, x0))
        right = max(right, x1)
    gutters = [
        (a, b)
        for a, b in gutters
        if sum(1 for line in table if len(line.frags) >= 2 and line.x0 < a and line.x1 > b) >= 2
    ]
    if not gutters:
        return [line.cells for line in table]
    return [_cells(line.frags, line.size, gutters) if len(line.frags) >= 2 else line.cells for line in table]


def _column_spans(lines: list[list[tuple[float, float, str]]]) -> list[tuple[float, float]]:
    """Column extents of a table from its lines' cells: the cells of its most common row shape, overlapping cells
    merged; then the columns that shape leaves out: cells clear of every column so far, in a run of x that two
    or more lines fill ("119th" in a first column printed only where the Congress changes, where most lines
    fill the other three)."""
    shape = Counter(len(cells) for cells in lines).most_common(1)[0][0]
    spans = _merged(c for cells in lines if len(cells) == shape for c in cells)
    clear = [
        (x0, x1, t)
        for cells in lines
        if len(cells) != shape
        for x0, x1, t in cells
        if all(x1 <= a + 1 or x0 >= b - 1 for a, b in spans)
    ]
    if clear:
        # A run of x filled by one line alone is no column: a stray cell, however placed.
        extra = [(a, b) for a, b, n in _merged_counted(clear) if n >= 2]
        if extra:
            spans = sorted([*spans, *extra])
    return spans


def _merged(cells: Iterable[tuple[float, float, str]]) -> list[tuple[float, float]]:
    return [(a, b) for a, b, _ in _merged_counted(cells)]


def _merged_counted(cells: Iterable[tuple[float, float, str]]) -> list[tuple[float, float, int]]:
    """The runs of x that cells fill, overlapping cells merged, each with how many cells fill it."""
    spans: list[list[float]] = []
    for x0, x1, _ in sorted(cells):
        if spans and x0 < spans[-1][1] - 1:
            spans[-1][1] = max(spans[-1][1], x1)
            spans[-1][2] += 1
        else:
            spans.append([x0, x1, 1])
    return [(a, b, int(n)) for a, b, n in spans]


def _column_of(spans: list[tuple[float, float]], x0: float, x1: float) -> int:
    best, best_overlap = 0, float("-inf")
    for k, (a, b) in enumerate(spans):
        overlap = min(b, x1) - max(a, x0)
        if overlap > best_overlap:
            best, best_overlap = k, overlap
    return best
