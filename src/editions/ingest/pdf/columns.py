"""Columns: a page's fragments read column by column, from a gutter that prose lines on both sides leave free.

A full-width title, table or figure cuts the page into bands, each read column by column; a band whose two sides
are one table's rows is read across the gutter.
"""

from __future__ import annotations

import bisect

from editions.ingest.pdf.extract import _Frag, _Page
from editions.ingest.pdf.lines import _Line, _lines, _same_line
from editions.ingest.pdf.tables import _table_band
from editions.vocabulary import CAPTION_START


def page_lines(page: _Page, body: float) -> tuple[list[_Line], list[_Line]]:
    """The page's lines in reading order, and the lines of the summary page's right sidebar (report number, date
    and authors; none on other pages). `body`: the document's body font size."""
    frags = _merge_drop_caps([f for f in page.frags if f.text], body)
    sidebar: list[_Line] = []
    if not frags:
        return [], sidebar
    if any(f.text == "SUMMARY" for f in frags):
        # The summary page of a CRS report: report number, date and authors in a narrow right sidebar.
        side = [f for f in frags if f.x0 >= 0.72 * page.width and f.x1 - f.x0 < 0.26 * page.width]
        if side and len(side) < len(frags):
            sidebar = _lines(side)
            frags = [f for f in frags if f not in side]
    gutter = _gutter(frags, page.width)
    if gutter is None:
        # Two columns of prose over a full-width table or figure, whose cells cross the gutter: the gutter
        # holds above the float's caption.
        for cap in sorted((f for f in frags if CAPTION_START.match(f.text)), key=lambda f: -f.y1):
            above = [f for f in frags if f.y0 > cap.y1 - 0.5]
            if above and (gutter := _gutter(above, page.width)) is not None:
                below = [f for f in frags if f.y0 <= cap.y1 - 0.5]
                return _columns(above, gutter) + _lines(below), sidebar
        return _lines(frags), sidebar
    return _columns(frags, gutter), sidebar


def _columns(frags: list[_Frag], gutter: float) -> list[_Line]:
    ordered: list[_Line] = []
    band: list[_Frag] = []
    for f in sorted(frags, key=lambda f: -f.y1):
        if f.x0 < gutter < f.x1:
            ordered.extend(_band_lines(band, gutter))
            band = []
            ordered.extend(_lines([f]) if not ordered or not _same_line(ordered[-1], f) else [])
            if ordered and _same_line(ordered[-1], f) and f not in ordered[-1].frags:
                merged = _Line([*ordered[-1].frags, f])
                ordered[-1] = merged
        else:
            band.append(f)
    ordered.extend(_band_lines(band, gutter))
    return ordered


def _band_lines(band: list[_Frag], gutter: float) -> list[_Line]:
    left = [f for f in band if f.x1 <= gutter]
    right = [f for f in band if f.x0 >= gutter]
    left_lines, right_lines = _lines(left), _lines(right)
    if _table_band(left_lines, right_lines, gutter):
        return _lines(band)
    return left_lines + right_lines


def _gutter(frags: list[_Frag], width: float) -> float | None:
    """The x of a gutter between two columns of prose, or None for a one-column page."""
    wide = width * 0.25
    best: tuple[int, float] | None = None
    # Wide fragments' ends, sorted: how many end left of x, or start right of it, is a bisection.
    ends = sorted(f.x1 for f in frags if f.x1 - f.x0 >= wide)
    starts = sorted(f.x0 for f in frags if f.x1 - f.x0 >= wide)
    # How many fragments cross x, x0 < x < x1: those starting left of x less those ending at or left of it
    # (of the fragments with x0 < x1, which alone can cross), by bisection rather than a scan per step.
    all_starts: list[float] = []
    all_ends: list[float] = []
    for step in range(0, 41):
        x = width * (0.30 + 0.01 * step)
        left = bisect.bisect_right(ends, x)
        right = len(starts) - bisect.bisect_left(starts, x)
        if left < 4 or right < 4:
            continue
        if not all_starts and not all_ends:  # sorted on first use: many pages have no candidate gutter
            spans = [f for f in frags if f.x0 < f.x1]
            all_starts = sorted(f.x0 for f in spans)
            all_ends = sorted(f.x1 for f in spans)
        crossing = bisect.bisect_left(all_starts, x) - bisect.bisect_right(all_ends, x)
        if crossing > 0.5 * min(left, right):
            continue
        if best is None or crossing < best[0]:
            best = (crossing, x)
    if best is None:
        return None
    # Centre the cut in the free gap around the chosen x.
    x = best[1]
    lefts = [f.x1 for f in frags if f.x1 <= x]
    rights = [f.x0 for f in frags if f.x0 >= x]
    if lefts and rights:
        return (max(lefts) + min(rights)) / 2
    return x


def _merge_drop_caps(frags: list[_Frag], body: float) -> list[_Frag]:
    """A drop cap ("T" set three lines high) belongs at the start of the line to its right."""
    caps = [f for f in frags if len(f.text) == 1 and f.text.isalpha() and f.size >= 1.8 * body]
    for cap in caps:
        beside = [f for f in frags if f is not cap and f.x0 >= cap.x1 - 1 and cap.y0 - 2 <= f.y1 <= cap.y1 + 4]
        if not beside:
            continue
        first = max(beside, key=lambda f: (round(f.y1), -f.x0))
        first.text = cap.text + first.text
        first.x0 = min(first.x0, cap.x1)
        frags = [f for f in frags if f is not cap]
    return frags
