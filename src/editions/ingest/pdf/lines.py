"""Lines: fragments of one column grouped into visual lines, and a line's fragments into cells."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from editions.ingest.pdf.extract import _ORDINAL_SUFFIXES, _Frag

_LIST_MARK = re.compile(r"[•▪◦●○■□➢·–\-\ue000-\uf8ff]|o|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]")


@dataclass(slots=True)
class _Line:
    # Only `frags` is passed; __post_init__ sets the rest (without defaults, __init__ does not set them first).
    frags: list[_Frag]
    x0: float = field(init=False)
    x1: float = field(init=False)
    y0: float = field(init=False)
    y1: float = field(init=False)
    base: float = field(init=False)
    size: float = field(init=False)
    bold: bool = field(init=False)
    cells: list[tuple[float, float, str]] = field(init=False)
    text: str = field(init=False)  # the cells' texts, space-separated (the cells are final once the line is built)

    def __post_init__(self) -> None:
        if len(self.frags) == 1:
            # Four lines in five are one fragment: what the general case below computes for it, without its
            # sorts, medians and passes over the fragments.
            f = self.frags[0]
            self.x0, self.x1, self.y0, self.y1 = f.x0, f.x1, f.y0, f.y1
            self.base, self.size, self.bold = f.base, f.size, f.bold
            text = f.text.strip()
            self.cells = [(f.x0, f.x1, text)] if text else []
            self.text = text
            return
        self.frags.sort(key=lambda f: f.x0)
        body = [f for f in self.frags if not f.sup] or self.frags
        self.x0 = min(f.x0 for f in self.frags)
        self.x1 = max(f.x1 for f in self.frags)
        self.size = max(body, key=lambda f: len(f.text)).size  # not a bullet's or a drop cap's size
        # The baseline of the line's own type: note letters set small and raised in cells of their own ("2007 | f |
        # f") would lift a median of every fragment off the line, which then looks set tight under the row above.
        gap = 0.4 * self.size  # a cell gap: a mark glued to its word stays on the word's line
        level = [f for k, f in enumerate(body) if f.size >= 0.8 * self.size or (k and f.x0 - body[k - 1].x1 < gap)]
        level = level or body
        self.y0 = _median([f.y0 for f in level])
        self.base = _median([f.base for f in level])
        self.y1 = max(f.y1 for f in body)
        self.bold = all(f.bold for f in body)
        self.cells = _cells(self.frags, self.size)
        self.text = " ".join(t for _, _, t in self.cells)  # asked for ~4 times per line: joined once


def _cells(
    frags: list[_Frag], size: float, gutters: Sequence[tuple[float, float]] = ()
) -> list[tuple[float, float, str]]:
    """A line's fragments (sorted by x) as cells: a new cell after a gap wider than a word space, or across one
    of a table's `gutters` (x-runs empty in all its lines) after a gap wider than a space between words."""
    cells: list[tuple[float, float, str]] = []
    prev: _Frag | None = None
    word_gap = max(0.9 * size, 7.0)
    for f in frags:
        if f.sup and prev is not None and f.x0 - prev.x1 < 3 and f.y0 > prev.y0 + 0.5:
            prev = f  # a footnote mark after a word: dropped, and the space it took is no cell gap
            continue
        if (
            prev is not None
            and f.x0 - prev.x1 <= word_gap
            and cells
            and not (gutters and _across(prev, f, size, gutters))
        ):
            x0, _, t = cells[-1]
            glue = "" if f.x0 - prev.x1 < 0.8 and not t.endswith(" ") and not prev.space_after else " "
            if f.text in _ORDINAL_SUFFIXES and t[-1:].isdigit() and f.x0 - prev.x1 < 3:
                glue = ""  # a raised ordinal suffix: "1st", not "1 st"
            cells[-1] = (x0, f.x1, t + glue + f.text)
        else:
            cells.append((f.x0, f.x1, f.text))
        prev = f
    cells = [(x0, x1, t.strip()) for x0, x1, t in cells if t.strip()]
    if len(cells) >= 2 and _LIST_MARK.fullmatch(cells[0][2]):
        # A bullet or list number set apart from its text is not a table cell.
        cells[:2] = [(cells[0][0], cells[1][1], f"{cells[0][2]} {cells[1][2]}")]
    return cells


def _median(values: list[float]) -> float:
    """statistics.median, without its generality (a third of the time of building a line)."""
    values.sort()
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _across(prev: _Frag, f: _Frag, size: float, gutters: Sequence[tuple[float, float]]) -> bool:
    """Whether a gap wider than a space between words (0.4 em) spans one of a table's gutters."""
    return f.x0 - prev.x1 >= 0.4 * size and any(prev.x1 <= a and f.x0 >= b for a, b in gutters)


def _same_line(line: _Line, f: _Frag) -> bool:
    overlap = min(line.y1, f.y1) - max(line.y0, f.y0)
    return overlap > 0.5 * min(line.y1 - line.y0, f.height)


def _reading_order(f: _Frag) -> tuple[float, float]:
    return -(f.y0 + f.y1) / 2, f.x0


def _lines(frags: list[_Frag]) -> list[_Line]:
    """Fragments of one column grouped into visual lines, top to bottom."""
    lines: list[list[_Frag]] = []
    boxes: list[tuple[float, float]] = []
    # A footnote mark joins the line whose last word it follows, even when it sits higher than the line
    # above's bottom or a bullet beside the line would otherwise come between them.
    after_word: list[tuple[_Frag, _Frag]] = []  # (mark, the fragment it follows)
    marks = [f for f in frags if f.sup]
    if marks:
        ends = [g for g in frags if not g.sup]
        # Each mark follows the first of `ends` that stops just left of it at its height. Candidates come from a
        # bisection over where the fragments stop, in a window a little wider than the test below, rather than
        # from a scan of the column per mark (a sixth of building lines); a NaN would defeat the sort.
        order = sorted(range(len(ends)), key=lambda i: ends[i].x1)
        rights = [ends[i].x1 for i in order]
        scan = any(x != x for x in rights)
        for f in marks:
            # (Conditional expressions for min() and max(), picking the same operand they do: this and the
            # loop below run per fragment, where the builtins' calls cost more than the rest.)
            x0, y0, y1 = f.x0, f.y0, f.y1
            near = (
                range(len(ends))
                if scan
                else sorted(order[bisect.bisect_left(rights, x0 - 5) : bisect.bisect_right(rights, x0 + 1)])
            )
            for i in near:
                g = ends[i]
                if 0 <= x0 - g.x1 < 4 and (g.y1 if g.y1 < y1 else y1) > (g.y0 if g.y0 > y0 else y0):
                    after_word.append((f, g))
                    break
        if after_word:
            moved = {id(f) for f, _ in after_word}
            frags = [f for f in frags if id(f) not in moved]
    for f in sorted(frags, key=_reading_order):
        f0, f1, sup = f.y0, f.y1, f.sup
        height = f1 - f0
        placed = False
        k = len(lines) - 1
        while k >= 0 and k >= len(lines) - 2:  # the two lines placed last
            y0, y1 = boxes[k]
            overlap = (f1 if f1 < y1 else y1) - (f0 if f0 > y0 else y0)
            # A footnote mark joins the line whose last word it follows, not the line above a footnote.
            if overlap > 0.5 * (height if height < y1 - y0 else y1 - y0) or (
                sup and overlap > 0 and any(0 <= f.x0 - g.x1 < 4 for g in lines[k])
            ):
                lines[k].append(f)
                if not sup:
                    boxes[k] = (f0 if f0 < y0 else y0, f1 if f1 > y1 else y1)
                placed = True
                break
            k -= 1
        if not placed:
            lines.append([f])
            boxes.append((f0, f1))
    # A small glyph set above the x-height of its neighbours (a quotation mark after "as an ") comes first in
    # reading order and may start a line of its own, which the words after it cannot join: it belongs to the
    # line placed next when it sits among that line's words and within its height.
    k = 0
    while k < len(lines) - 1:
        group, (y0, y1), (n0, n1) = lines[k], boxes[k], boxes[k + 1]
        if (
            len(group) == 1
            and y1 - y0 < 0.5 * (n1 - n0)
            and n0 < y0 < n1
            and min(g.x0 for g in lines[k + 1]) < group[0].x0 < max(g.x1 for g in lines[k + 1])
        ):
            lines[k + 1].append(group[0])
            del lines[k], boxes[k]
            continue
        k += 1
    if after_word:
        line_of = {id(g): k for k, group in enumerate(lines) for g in group}
        for f, word in after_word:
            lines[line_of[id(word)]].append(f)
    out = [_Line(group) for group in lines]
    return [line for line in out if line.cells]
