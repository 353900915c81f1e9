"""Furniture: running headers and footers, page numbers and CRS footers, found across pages and removed.

What is removed is kept for metadata: a CRS footer states the report's number and version.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from editions.ingest.metadata import REPORT_NUMBER
from editions.ingest.pdf.extract import _DIGITS, _HAS_DIGIT, _Frag, _Page

_FOOTER_PATTERNS = re.compile(
    r"^(?:https?://crsreports\.congress\.gov\S*|Congressional Research Service(?:\s+\d+)?|\d{1,4}|"
    r"(?:" + REPORT_NUMBER.pattern + r")(?:\s*[·|]\s*VERSION\s+\d+\s*[·|]\s*\w+)?(?:\s+\d{1,4})?|"
    r".*\|\s*(?:" + REPORT_NUMBER.pattern + r")\s*·\s*VERSION.*|Page \d+ of \d+|\(continued\.*\)|c o n t i n u e d|"
    r"CRS (?:INSIGHT|Legal Sidebar|In Focus)|Prepared for Members and|Committees of Congress|INSIGHTi|Legal Sidebari|"
    r"(?:https?://crsreports\.congress\.gov\S*\s+)?(?:" + REPORT_NUMBER.pattern + r"))$",
    re.I,
)


def remove_furniture(pages: list[_Page]) -> tuple[list[_Page], list[str]]:
    """The pages without running headers, footers and page numbers (text in a page margin that recurs on other
    pages or has the shape of a CRS footer), and the texts removed, in page order; the pages as they are when
    that would remove every line."""
    furniture: list[str] = []
    kept: list[_Page] = []
    # A running header or footer recurs at the same height; a short footnote ("Id.", "See id. at 4.")
    # may recur in the bottom margin too, but not on the same baseline of several pages.
    seen: Counter[tuple[str, int]] = Counter()
    keyed: list[list[tuple[_Frag, tuple[str, int]]]] = []
    for page in pages:
        items = []
        for f in page.frags:
            if f.y0 > page.height * 0.88 or f.y1 < page.height * 0.16:
                key = (_DIGITS.sub("#", f.text.lower()), round(f.y0 / 4))
                items.append((f, key))
        keyed.append(items)
        seen.update({key for _, key in items})
    # Furniture recurs on many pages; a repeated footnote ("Id.", a citation given twice) on a few.
    many = len(pages) >= 2
    often = max(2, round(0.2 * len(pages)))
    for page, items in zip(pages, keyed, strict=True):
        drop = set()
        marks = [g for g in page.frags if g.sup]
        for f, key in items:
            if f.text.isdigit() and not _isolated(f, page.frags):
                continue  # a footnote number beside its note, not a page number
            if marks and any(0 <= f.x0 - g.x1 < 5 and min(f.y1, g.y1) > max(f.y0, g.y0) for g in marks):
                continue  # a footnote after its number ("188 Id."), however often it recurs
            text, y = key
            recurs = seen[key] + seen[(text, y - 1)] + seen[(text, y + 1)]
            if (many and recurs >= often and len(f.text) < 120) or _FOOTER_PATTERNS.match(f.text):
                drop.add(id(f))
        # A number on a line with other figures that stay is a table cell ("FY2012 | 47 | 14.90"), however
        # often numbers sit at that height on other pages.
        numbers = [f for f, _ in items if id(f) in drop and f.text.isdigit()]
        if numbers:
            figures = [g for g in page.frags if id(g) not in drop and _HAS_DIGIT.search(g.text)]
            drop -= {id(f) for f in numbers if any(_same_band(f, g) for g in figures)}
        furniture += [f.text for f, _ in items if id(f) in drop]
        kept.append(replace(page, frags=[f for f in page.frags if id(f) not in drop]) if drop else page)
    if furniture and not any(page.frags for page in kept):
        # Nothing would be left: what recurs on every page is the document (one line per page), not its furniture.
        return pages, []
    return kept, furniture


# A page: columns and lines -------------------------------------------------------------------------


def _same_band(f: _Frag, g: _Frag) -> bool:
    """Two fragments set on one line: their boxes overlap by most of the smaller one's height."""
    # min() and max() written out, picking the same operand: called per pair of fragments.
    fh, gh = f.y1 - f.y0, g.y1 - g.y0
    return (g.y1 if g.y1 < f.y1 else f.y1) - (g.y0 if g.y0 > f.y0 else f.y0) > 0.5 * (gh if gh < fh else fh)


def _isolated(f: _Frag, frags: list[_Frag]) -> bool:
    """Nothing else printed on the fragment's line within 30 points of it."""
    y0, y1 = f.y0, f.y1
    for g in frags:  # min() and max() written out, picking the same operand: called per pair of fragments
        if g is f or (y1 if y1 < g.y1 else g.y1) - (y0 if y0 > g.y0 else g.y0) <= 0:
            continue
        if g.x0 - f.x1 < 30 and f.x0 - g.x1 < 30:
            return False
    return True
