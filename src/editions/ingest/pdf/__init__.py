"""PDF: reading order from pypdfium2's text-rect segments, then paragraphs, headings, tables and footnotes.

The page is laid out again by geometry from the fragments `extract` reads through pdfium (text, box, font size,
weight), in the order of the modules:

1. `furniture`: running headers and footers (the same text in the top or bottom margin of several pages, CRS
   footers such as "R48905 · VERSION 2 · NEW", page numbers) are removed, and read for metadata;
2. `columns`: columns are found per page from a gutter that prose lines on both sides leave free; a full-width
   title or table cuts the page into bands, each read column by column;
3. `lines`: fragments are grouped into visual lines, and a line's fragments into cells;
4. `blocks`: lines into blocks at vertical gaps, style changes and bullets; bold or large short blocks are
   headings; lines with cells separated by wide gaps are tables (`tables`); small-font numbered lines at the
   bottom of a page are footnotes (`footnotes`, moved to the end, after a "Footnotes" heading); the author
   section's names and roles are read by `authors`.
"""

from __future__ import annotations

from editions.ingest import Parsed
from editions.ingest.pdf.blocks import _Layout
from editions.ingest.pdf.extract import DEFAULT_LIMITS, Limits, _extract

__all__ = ["DEFAULT_LIMITS", "Limits", "read"]


def read(data: bytes, label: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Blocks of a PDF in reading order, the metadata it states, and warnings."""
    pages, info, warnings = _extract(data, label, limits)
    return _Layout(pages, info, label, warnings).parse()
