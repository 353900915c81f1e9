"""PDF: reading order from pypdfium2's text-rect segments, then paragraphs, headings, tables and footnotes.

pypdfium2 gives each page's characters in content-stream order, with generated line breaks, and the
rectangles of runs of characters drawn by one text object. Asking for every character's box costs a C call
per character (a third of the raw extraction speed), so we ask per line instead: each generated line is cut
where its rectangles jump (a column gutter, a table cell gap, a new baseline), and a cut's character index is
found by bisecting `FPDFText_CountRects` over the line. That gives fragments — text, box, font size, weight —
from which the page is laid out again by geometry:

1. running headers and footers (the same text in the top or bottom margin of several pages, CRS footers such
   as "R48905 · VERSION 2 · NEW", page numbers) are removed, and read for metadata;
2. columns are found per page from a gutter that prose lines on both sides leave free; a full-width title or
   table cuts the page into bands, each read column by column;
3. fragments are grouped into visual lines, lines into blocks at vertical gaps, style changes and bullets;
4. bold or large short blocks are headings; lines with cells separated by wide gaps are tables; small-font
   numbered lines at the bottom of a page are footnotes (moved to the end, after a "Footnotes" heading);
   footnote marks (small raised digits) are dropped from the text, as the HTML renditions drop them.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import struct
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from editions.errors import InputError
from editions.ingest import Parsed
from editions.ingest.metadata import AUTHOR_LINE, REPORT_NUMBER, parse_date
from editions.ingest.repair import SOFT_HYPHEN, join_hyphenated_lines
from editions.model import Author, BlockKind, Metadata, RawBlock


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep a hostile or broken PDF from taking unbounded time or memory."""

    max_pages: int = 2000
    max_chars_per_page: int = 200_000
    max_objects_per_page: int = 200_000
    max_seconds: float = 120.0


DEFAULT_LIMITS = Limits()


def read(data: bytes, label: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Blocks of a PDF in reading order, the metadata it states, and warnings."""
    pages, info, warnings = _extract(data, label, limits)
    return _Layout(pages, info, label, warnings).parse()


# --- Extraction: pages of fragments ---------------------------------------------------------------------


@dataclass(slots=True)
class _Frag:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    sup: bool = False
    base: float = 0.0  # the baseline: where the glyphs sit, whatever their descenders
    lead_bold: bool = False  # the first character is bold (a bold run-in sentence may end inside the run)
    # The text ended in a space, though the box may reach the next fragment: a raised quotation mark after "an "
    # starts a segment of its own, one that must not be glued to the word.
    space_after: bool = False

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    frags: list[_Frag]


_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)",
    pdfium_c.FPDF_ERR_SECURITY: "uses an unsupported security handler; decrypt it first",
    pdfium_c.FPDF_ERR_FORMAT: "is not a readable PDF (damaged, truncated or not a PDF at all)",
    pdfium_c.FPDF_ERR_FILE: "cannot be opened as a PDF",
}


def _open(data: bytes, label: str) -> object:
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise InputError(f"{label} is not a PDF: it does not start with '%PDF-'.")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = _ERRORS.get(getattr(error, "err_code", None), "is not a readable PDF (damaged or truncated)")
        raise InputError(f"{label} {reason}.") from None


def _extract(data: bytes, label: str, limits: Limits) -> tuple[list[_Page], dict[str, str], list[str]]:
    pdf = _open(data, label)
    warnings: list[str] = []
    try:
        count = len(pdf)  # type: ignore[arg-type]
        if count > limits.max_pages:
            raise InputError(f"{label} has {count} pages, over the limit of {limits.max_pages} pages.")
        info = _info(pdf)
        started = time.monotonic()
        pages: list[_Page] = []
        empty = 0
        for index in range(count):
            if time.monotonic() - started > limits.max_seconds:
                raise InputError(
                    f"{label}: reading stopped at page {index + 1} of {count}, "
                    f"over the time limit of {limits.max_seconds:g} seconds."
                )
            page = _read_page(pdf, index, label, limits)
            if not page.frags:
                empty += 1
            pages.append(page)
    finally:
        pdf.close()  # type: ignore[attr-defined]
    if empty == len(pages):
        raise InputError(
            f"{label} has no text layer (its pages are images, e.g. a scan); "
            "run OCR on it first, e.g. ocrmypdf, since Editions does not read images yet."
        )
    if empty:
        warnings.append(f"{label}: {empty} of {len(pages)} pages have no text layer and were skipped.")
    return pages, info, warnings


def _info(pdf: object) -> dict[str, str]:
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)  # type: ignore[attr-defined]
    except Exception:  # a broken Info dictionary is no reason to refuse the text
        return {}
    return {str(k): str(v).strip() for k, v in meta.items() if str(v).strip()}


def _read_page(pdf: object, index: int, label: str, limits: Limits) -> _Page:
    # Raw page and text page handles, closed here: pypdfium2's PdfPage and PdfTextPage wrappers register
    # weakref finalizers and parent links per page, which cost ~3% of reading a PDF and give us nothing.
    page = pdfium_c.FPDF_LoadPage(pdf.raw, index)  # type: ignore[attr-defined]
    if not page:
        raise InputError(f"{label}: page {index + 1} cannot be read (damaged or truncated).")
    try:
        objects = pdfium_c.FPDFPage_CountObjects(page)
        if objects > limits.max_objects_per_page:
            raise InputError(
                f"{label}: page {index + 1} holds {objects} drawing objects, "
                f"over the limit of {limits.max_objects_per_page}."
            )
        width, height = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise InputError(f"{label}: the text of page {index + 1} cannot be read.")
        try:
            n = pdfium_c.FPDFText_CountChars(textpage)
            if n > limits.max_chars_per_page:
                raise InputError(
                    f"{label}: page {index + 1} holds {n} characters, "
                    f"over the limit of {limits.max_chars_per_page} per page."
                )
            frags = list(_fragments(textpage, n)) if n > 0 else []
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    return _Page(index + 1, float(width), float(height), frags)


_HAS_DIGIT = re.compile(r"\d")
_LEADING_MARK = re.compile(r"\s*(\d{1,3})\s")
_LEADING_SUFFIX = re.compile(r"\s*(st|nd|rd|th)(?=\s+\S)")
_DIGITS = re.compile(r"\d+")
_BULLET_CHARS = "•▪◦●○■□➢–·\uf0b7\uf0a7\uf076\uf0d8"


def _untyped(function: Any, restype: Any) -> Callable[..., Any]:
    """A pdfium function called without ctypes' per-argument conversion: the functions called per rect or
    per fragment, which with pypdfium2's declared argument types cost 2-3 times the call itself. Callers
    pass exactly the C types (the text page handle, Python ints for C ints, pointers to doubles)."""
    clone: Any = ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value or 0)
    clone.argtypes = None
    return clone  # type: ignore[no-any-return]


_COUNT_RECTS = _untyped(pdfium_c.FPDFText_CountRects, ctypes.c_int)
_GET_RECT = _untyped(pdfium_c.FPDFText_GetRect, ctypes.c_int)
_FONT_SIZE = _untyped(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_FONT_WEIGHT = _untyped(pdfium_c.FPDFText_GetFontWeight, ctypes.c_int)
_CHAR_ORIGIN = _untyped(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_BOX = struct.Struct("4d").unpack_from  # left, top, right, bottom


def _fragments(tp: object, n: int) -> Iterator[_Frag]:
    """The page's text cut into fragments: runs of one line of one column (or one table cell)."""
    buffer = (ctypes.c_ushort * (n + 1))()
    written = pdfium_c.FPDFText_GetText(tp, 0, n, buffer)
    units = bytes(memoryview(buffer).cast("B")[: max(0, written - 1) * 2])
    text = units.decode("utf-16-le", errors="replace")
    aligned = len(text) == n

    def char_index(text_index: int) -> int:
        if aligned:
            return text_index
        return int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(tp, text_index))

    box = (ctypes.c_double * 4)()
    size_of = ctypes.sizeof(ctypes.c_double)
    pointer = ctypes.POINTER(ctypes.c_double)
    pl, pt, pr, pb = (ctypes.cast(ctypes.addressof(box) + k * size_of, pointer) for k in range(4))
    x_origin, y_origin = ctypes.c_double(), ctypes.c_double()
    ox, oy = ctypes.byref(x_origin), ctypes.byref(y_origin)
    count_rects = _COUNT_RECTS
    get_rect = _GET_RECT
    font_size = _FONT_SIZE  # returns a float (restype c_double)
    font_weight = _FONT_WEIGHT
    unpack = _BOX

    for line in re.finditer(r"[^\r\n]+", text):
        a_text, b_text = line.start(), line.end()
        if not text[a_text:b_text].strip():
            continue
        a, b = (a_text, b_text) if aligned else (char_index(a_text), char_index(b_text - 1) + 1)
        if a < 0 or b <= a:
            continue
        k = count_rects(tp, a, b - a)
        if k <= 0:
            continue
        # Where does the line break into segments? At a wide gap, a step back, or a new baseline. (Written
        # with comparisons rather than min() and max(), which cost more than the rest of this loop.)
        cuts = [0]
        boxes: list[tuple[float, float, float, float]] = []
        get_rect(tp, 0, pl, pt, pr, pb)
        bx0, by1, bx1, by0 = unpack(box)
        for j in range(1, k):
            get_rect(tp, j, pl, pt, pr, pb)
            x0, y1, x1, y0 = unpack(box)
            h = by1 - by0
            own = y1 - y0
            if own > h:
                h = own
            if h < 1.0:
                h = 1.0
            gap = x0 - bx1
            wide = 0.9 * h
            if wide < 7.0:
                wide = 7.0
            if own < 0.5:
                own = 0.5
            if h < own:
                own = h
            overlap = (by1 if by1 < y1 else y1) - (by0 if by0 > y0 else y0)
            if gap > wide or gap < -2.0 or overlap < 0.25 * own:
                cuts.append(j)
                boxes.append((bx0, by0, bx1, by1))
                bx0, by0, bx1, by1 = x0, y0, x1, y1
            else:
                if x0 < bx0:
                    bx0 = x0
                if y0 < by0:
                    by0 = y0
                if x1 > bx1:
                    bx1 = x1
                if y1 > by1:
                    by1 = y1
        boxes.append((bx0, by0, bx1, by1))
        starts = [a] + [_rect_start(tp, a, b, j) for j in cuts[1:]] if len(cuts) > 1 else [a]
        bounds = [*cuts, k]
        for s_i, s in enumerate(starts):
            e = starts[s_i + 1] if s_i + 1 < len(starts) else b
            several = bounds[s_i + 1] - bounds[s_i] > 1  # rects in the segment: a leading mark may be one
            x0, y0, x1, y1 = boxes[s_i]
            raw = text[s - a + a_text : e - a + a_text] if aligned else _text_range(tp, s, e)
            stripped = raw.strip()
            if not stripped:
                continue
            first = s + (len(raw) - len(raw.lstrip()))
            last = s + len(raw.rstrip()) - 1
            size = font_size(tp, first)
            # (Each regular expression is tried only when the first character could start its match.)
            if several and stripped[0].isdecimal() and (m := _LEADING_MARK.match(raw)) and aligned:
                # A footnote mark raised above the end of the previous line or segment starts this one:
                # "42 Impossibility", "program." | "55 To be eligible".
                after = font_size(tp, s + m.end())
                if size < 0.8 * after:
                    seg_rects = _rects(tp, a, b, bounds[s_i], bounds[s_i + 1])
                    r0 = seg_rects[0]
                    yield _Frag(m.group(1), r0[0], r0[1], r0[2], r0[3], size, False, True)
                    raw = raw[m.end() :]
                    s += m.end()
                    first = s
                    size = after
                    x0 = max(min(r[0] for r in seg_rects[1:]), r0[2] + 1.0)  # a space followed the mark
                    y0 = min(r[1] for r in seg_rects[1:])
                    y1 = max(r[3] for r in seg_rects[1:])
                    stripped = raw.strip()
                    if not stripped:
                        continue
            if several and aligned and stripped[:2] in _ORDINAL_SUFFIXES and (m := _LEADING_SUFFIX.match(raw)):
                # A raised ordinal suffix starts the segment ("1" then "st MDTF …"): its own fragment, so that
                # the line reads "1st" and the rest keeps its own size.
                after = font_size(tp, s + m.end() + 1)
                if size < 0.8 * after:
                    seg_rects = _rects(tp, a, b, bounds[s_i], bounds[s_i + 1])
                    r0 = seg_rects[0]
                    y0 = min(r[1] for r in seg_rects[1:])
                    y1 = max(r[3] for r in seg_rects[1:])
                    # The suffix is given the height of the words after it, its line: by its own raised box
                    # it could start a line of its own, above a bullet and a number that sit lower.
                    yield _Frag(m.group(1), r0[0], y0, r0[2], y1, size, False)
                    s += m.end()
                    raw = raw[m.end() :]
                    first = s + (len(raw) - len(raw.lstrip()))
                    size = after
                    # the space after the suffix may have no width of its own: keep the words apart
                    x0 = max(min(r[0] for r in seg_rects[1:]), r0[2] + 1.0)
                    stripped = raw.strip()
                    if not stripped:
                        continue
            # _bold's first test inlined: a weight is stated for nearly every character.
            weight = font_weight(tp, first)
            lead_bold = weight >= 600 if weight > 0 else _bold(tp, first)
            bold = lead_bold
            if lead_bold and last != first:
                weight = font_weight(tp, last)
                bold = weight >= 600 if weight > 0 else _bold(tp, last)
            if aligned and stripped[0] not in _BULLET_CHARS and _HAS_DIGIT.search(raw):
                raw = _drop_marks(tp, raw, s, size)
                stripped = raw.strip()
            sup = stripped.isdigit() and len(stripped) <= 3
            _CHAR_ORIGIN(tp, first, ox, oy)
            space_after = raw[-1:].isspace()
            yield _Frag(_clean(stripped), x0, y0, x1, y1, size, bold, sup, y_origin.value, lead_bold, space_after)


_FONT_NAME = (ctypes.c_char * 128)()


def _bold(tp: object, i: int) -> bool:
    """Whether character i is set in a bold font: by its weight, or by its name when the font states no
    weight (the standard Helvetica-Bold of a generated PDF)."""
    weight = int(_FONT_WEIGHT(tp, i))
    if weight > 0:
        return weight >= 600
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(tp, i, _FONT_NAME, len(_FONT_NAME), ctypes.byref(flags))
    return 0 < n <= len(_FONT_NAME) and b"bold" in _FONT_NAME.value.lower()


def _rects(tp: object, a: int, b: int, start: int, stop: int) -> list[tuple[float, float, float, float]]:
    """Rects `start` to `stop` of the line [a, b), as (x0, y0, x1, y1). Asked again when needed, for a
    segment's leading mark, rather than kept for every line."""
    box = (ctypes.c_double * 4)()
    left, top, right, bottom = (ctypes.byref(box, k * ctypes.sizeof(ctypes.c_double)) for k in range(4))
    _COUNT_RECTS(tp, a, b - a)  # _rect_start counted other ranges since: pdfium keeps the last count's rects
    out = []
    for j in range(start, stop):
        _GET_RECT(tp, j, left, top, right, bottom)
        x0, y1, x1, y0 = _BOX(box)
        out.append((x0, y0, x1, y1))
    return out


def _rect_start(tp: object, a: int, b: int, j: int) -> int:
    """The index of the first character of rect `j` of the line [a, b): the smallest prefix holding j+1 rects."""
    lo, hi = 1, b - a
    while lo < hi:
        mid = (lo + hi) // 2
        if _COUNT_RECTS(tp, a, mid) > j:
            hi = mid
        else:
            lo = mid + 1
    return a + lo - 1


def _raised(tp: object, i: int) -> bool:
    """Whether character i sits above the baseline of the character before it."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(tp, i - 1, ctypes.byref(x), ctypes.byref(y))
    base = y.value
    pdfium_c.FPDFText_GetCharOrigin(tp, i, ctypes.byref(x), ctypes.byref(y))
    return bool(y.value > base + 0.5)


def _text_range(tp: object, s: int, e: int) -> str:
    buffer = (ctypes.c_ushort * (e - s + 1))()
    written = pdfium_c.FPDFText_GetText(tp, s, e - s, buffer)
    return bytes(memoryview(buffer).cast("B")[: max(0, written - 1) * 2]).decode("utf-16-le", errors="replace")


def _mark_candidates(raw: str) -> Iterator[tuple[int, int]]:
    """Where a footnote mark may be: one to three digits glued to the word before them (not to a space, "(",
    "$", "§", "#", "/", "+" or "-"), or after "." or ",", and followed by a space, punctuation (an em dash too,
    after a word: "(EAVS)26—but") or the end.
    Found from the runs of digits, which a regular expression skips to quickly, rather than by a
    lookbehind tried at every position (a tenth of extraction's Python time); tests/ingest/
    test_pdf_fast_paths.py checks it against that regular expression."""
    for m in _DIGITS.finditer(raw):
        s, e = m.span()
        if s == 0 or e - s > 3:
            continue
        before = raw[s - 1]
        after = raw[e] if e < len(raw) else " "
        if before in ".,":
            if after.isspace() or after in ",;)]:":
                yield s, e
        elif not before.isspace() and before not in "([$§#/+-" and (after.isspace() or after in ",;.)]:—"):
            yield s, e


def _drop_marks(tp: object, raw: str, start: int, size: float) -> str:
    """The fragment without footnote marks: digits glued to a word, set in a smaller font and raised (a
    lowered small digit is a subscript: "CO2")."""
    pieces: list[str] = []
    last = 0
    for m_start, m_end in _mark_candidates(raw):
        i = start + m_start
        before = float(_FONT_SIZE(tp, i - 1)) if m_start > 0 else size
        if float(_FONT_SIZE(tp, i)) < 0.8 * before and (m_start == 0 or _raised(tp, i)):
            pieces.append(raw[last:m_start])
            last = m_end
    if not pieces:
        return raw
    pieces.append(raw[last:])
    return "".join(pieces)


_ORDINAL_SUFFIXES = frozenset(["st", "nd", "rd", "th"])
_LIST_MARK = re.compile(r"[•▪◦●○■□➢·–\-\ue000-\uf8ff]|o|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_UNUSUAL_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]|  ")  # what _SPACES changes


def _clean(text: str) -> str:
    if text.isascii() and "  " not in text and "\t" not in text and "\x02" not in text:
        return text.strip()  # nothing below changes it (five fragments in six): skip their scans
    text = text.replace("\ufffe", SOFT_HYPHEN).replace("\x02", SOFT_HYPHEN).replace("\ufffd", "")
    return (_SPACES.sub(" ", text) if _UNUSUAL_SPACE.search(text) else text).strip()


# --- Layout: fragments to blocks ----------------------------------------------------------------------


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


_FOOTER_PATTERNS = re.compile(
    r"^(?:https?://crsreports\.congress\.gov\S*|Congressional Research Service(?:\s+\d+)?|\d{1,4}|"
    r"(?:" + REPORT_NUMBER.pattern + r")(?:\s*[·|]\s*VERSION\s+\d+\s*[·|]\s*\w+)?(?:\s+\d{1,4})?|"
    r".*\|\s*(?:" + REPORT_NUMBER.pattern + r")\s*·\s*VERSION.*|Page \d+ of \d+|\(continued\.*\)|c o n t i n u e d|"
    r"CRS (?:INSIGHT|Legal Sidebar|In Focus)|Prepared for Members and|Committees of Congress|INSIGHTi|Legal Sidebari|"
    r"(?:https?://crsreports\.congress\.gov\S*\s+)?(?:" + REPORT_NUMBER.pattern + r"))$",
    re.I,
)
_CAPTION_START = re.compile(r"^(?:Figure|Table|Map|Chart|Exhibit|Graph)\s+(?:[A-Z]-)?\d+[A-Za-z]?\s*[.:]", re.I)
_SOURCE_START = re.compile(r"^(?:Sources?|Notes?|Data)\s*:", re.I)


def _dot_leader(text: str) -> bool:
    """A table-of-contents entry's dots and page number: four or more dots, each followed by at most one
    space, or a space then three or more dots; then a page number ending the text. Read backwards from the
    end, which a regular expression's search cannot do: it tried the dots at every position of every line.
    (tests/ingest/test_pdf_fast_paths.py checks it against the regular expression it replaces.)"""
    text = text.rstrip()
    i = len(text)
    while i > 0 and text[i - 1].isdecimal():
        i -= 1
    if i == len(text):
        return False
    body = text[:i].rstrip()
    last = len(body) - 1
    if last < 0 or body[last] != ".":
        return False
    k = last
    while k >= 0 and body[k] == ".":
        k -= 1
    if last - k >= 3 and k >= 0 and body[k].isspace():
        return True  # " ... 12"
    dots, i = 1, last
    while dots < 4:  # ". . . . 12", "....12"
        if i >= 1 and body[i - 1] == ".":
            i -= 1
        elif i >= 2 and body[i - 1].isspace() and body[i - 2] == ".":
            i -= 2
        else:
            return False
        dots += 1
    return True


_TOC_HEADINGS = frozenset(["contents", "figures", "tables", "contacts", "appendixes", "table of contents"])
_ROLE = re.compile(
    r"^(?:Coordinator|Specialist|Analyst|Legislative Attorney|Attorney|Research |Information Research|"
    r"Section Research|Senior |Acting |Presidential Management|Law Clerk|Visiting |Director)",
)
_NAME_LINE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*){1,4}$")
_VERSION_FOOTER = re.compile(r"(" + REPORT_NUMBER.pattern + r")\s*·\s*VERSION\s+(\d+)", re.I)
_PROSE_FRAGMENT = 60  # characters: a fragment this long is a line of prose, not a table cell
_FOOTNOTE_START = re.compile(r"^(\d{1,4})\s+(?=\S)")
_NOTE_MARK = re.compile(r"[a-z]\.\s+[A-Z(\"“]")  # a table note's letter: "e. There is no statutory language …"
_TERMINAL_END = re.compile(r"[.!?:][\"”’)]*$")
_BULLET = re.compile(r"^(?:[•▪◦●○■□➢·\ue000-\uf8ff]|–(?=\s)|-(?=\s)|o(?=\s{1,3}[A-Z]))\s*")


class _Layout:
    def __init__(self, pages: list[_Page], info: dict[str, str], label: str, warnings: list[str]) -> None:
        self.pages = pages
        self.info = info
        self.label = label
        self.warnings = warnings
        # The body size is the commonest in the upper half of pages: in heavily annotated reports the
        # footnotes at the bottom hold more characters than the body text. Only long fragments (prose
        # lines) count where there are any: a report made mostly of tables holds more characters in
        # short cells, set smaller than its prose, than in the prose itself.
        sizes: Counter[float] = Counter()
        upper: Counter[float] = Counter()
        prose: Counter[float] = Counter()
        for page in pages:
            half = 0.5 * page.height
            for f in page.frags:
                size = round(f.size * 2) / 2
                sizes[size] += len(f.text)
                if f.y0 > half:
                    upper[size] += len(f.text)
                    if len(f.text) >= _PROSE_FRAGMENT:
                        prose[size] += len(f.text)
        common = prose or upper or sizes
        self.body = common.most_common(1)[0][0] if common else 10.0
        self.furniture: list[str] = []
        self.footnotes: list[str] = []
        self.next_note = 1
        self.heading_sizes: list[float] = []
        self.sidebars: dict[int, list[_Line]] = {}

    # The document ------------------------------------------------------------------------------------

    def parse(self) -> Parsed:
        self._remove_furniture()
        page_lines = [_split_author_cells(self._page_lines(page), page.width) for page in self.pages]
        styles = sorted(
            {round(line.size * 2) / 2 for lines in page_lines for line in lines if self._is_heading_style(line)},
            reverse=True,
        )
        self.heading_sizes = styles
        blocks: list[RawBlock] = []
        authors: list[Author] = []
        side_authors: list[Author] = []
        in_authors = False
        in_toc = False
        for page, lines in zip(self.pages, page_lines, strict=True):
            body = self._take_footnotes(lines, page)
            for kind, text, level, group in self._blocks(body):
                low = text.lower().rstrip(":")
                if kind is BlockKind.HEADING:
                    in_authors = low == "author information"
                    in_toc = low in _TOC_HEADINGS
                    blocks.append(RawBlock(BlockKind.BOILERPLATE if in_toc else kind, text, level))
                    continue
                if in_authors and low.startswith("disclaimer"):
                    in_authors = False
                if in_authors:
                    found = _authors_in(_author_lines(kind, text, group))
                    authors.extend(found)
                    for author in found:
                        blocks.append(RawBlock(BlockKind.BOILERPLATE, f"{author.name}, {author.role}"))
                    if found:
                        continue
                if in_toc and (_dot_leader(text) or (kind is BlockKind.PARAGRAPH and len(text) < 200)):
                    blocks.append(RawBlock(BlockKind.BOILERPLATE, text))
                    continue
                in_toc = False
                blocks.append(RawBlock(kind, text, level))
            if side := self.sidebars.get(page.number):
                found = _authors_in([line.text for line in side])
                named = {a.name for a in found}
                side_authors.extend(found)
                blocks.extend(RawBlock(BlockKind.BOILERPLATE, f"{a.name}, {a.role}") for a in found)
                blocks.extend(
                    RawBlock(BlockKind.BOILERPLATE, line.text)
                    for line in side
                    if line.text not in named and not _ROLE.match(line.text)
                )
        if self.footnotes:
            blocks.append(RawBlock(BlockKind.HEADING, "Footnotes", 1))
            blocks.extend(RawBlock(BlockKind.FOOTNOTE, note) for note in self.footnotes)
        return Parsed(blocks, self._metadata(blocks, authors or side_authors), self.warnings)

    def _metadata(self, blocks: Sequence[RawBlock], authors: list[Author]) -> Metadata:
        info = self.info
        title = _squash(info.get("Title", "")) or None
        if title is None:
            title = self._cover_title()
        report = version = None
        for text in self.furniture:
            if m := _VERSION_FOOTER.search(text):
                report, version = m.group(1), int(m.group(2))
                break
        if report is None:
            for text in self.furniture:
                if m := re.fullmatch(r"\s*(" + REPORT_NUMBER.pattern + r")\s*", text):
                    report = m.group(1)
                    break
        date = None
        if m := re.search(r"Cover Date:\s*(.+)$", info.get("Keywords", "")):
            date = parse_date(m.group(1))
        if date is None:
            for block in blocks[:40]:
                if re.fullmatch(r"(?:Updated\s+)?[A-Z][a-z]+\.? \d{1,2}, \d{4}", block.text.strip()):
                    date = parse_date(block.text)
                    break
        if not authors:
            named = [a for b in blocks if (m := AUTHOR_LINE.match(b.text)) and (a := Author(m["name"], m["role"]))]
            authors = named
        if not authors and info.get("Author"):
            authors = [Author(name.strip()) for name in re.split(r";|,(?!\s*(?:Jr|Sr)\.)", info["Author"]) if name]
        return Metadata(report=report, title=title, date=date, version=version, authors=tuple(_unique(authors)))

    def _cover_title(self) -> str | None:
        if not self.pages:
            return None
        frags = [f for f in self.pages[0].frags if f.size >= self.body + 3 and len(f.text) > 3]
        if not frags:
            return None
        biggest = max(f.size for f in frags)
        parts = [f for f in frags if abs(f.size - biggest) < 0.6]
        parts.sort(key=lambda f: (-f.y1, f.x0))
        return _squash(" ".join(f.text for f in parts)) or None

    # Furniture -----------------------------------------------------------------------------------------

    def _remove_furniture(self) -> None:
        """Drop running headers, footers and page numbers: text in a page margin that recurs on other pages
        or has the shape of a CRS footer."""
        # A running header or footer recurs at the same height; a short footnote ("Id.", "See id. at 4.")
        # may recur in the bottom margin too, but not on the same baseline of several pages.
        seen: Counter[tuple[str, int]] = Counter()
        keyed: list[list[tuple[_Frag, tuple[str, int]]]] = []
        for page in self.pages:
            items = []
            for f in page.frags:
                if f.y0 > page.height * 0.88 or f.y1 < page.height * 0.16:
                    key = (_DIGITS.sub("#", f.text.lower()), round(f.y0 / 4))
                    items.append((f, key))
            keyed.append(items)
            seen.update({key for _, key in items})
        # Furniture recurs on many pages; a repeated footnote ("Id.", a citation given twice) on a few.
        many = len(self.pages) >= 2
        often = max(2, round(0.2 * len(self.pages)))
        for page, items in zip(self.pages, keyed, strict=True):
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
            self.furniture += [f.text for f, _ in items if id(f) in drop]
            if drop:
                page.frags = [f for f in page.frags if id(f) not in drop]

    # A page: columns and lines -------------------------------------------------------------------------

    def _page_lines(self, page: _Page) -> list[_Line]:
        frags = self._merge_drop_caps([f for f in page.frags if f.text])
        if not frags:
            return []
        if any(f.text == "SUMMARY" for f in frags):
            # The summary page of a CRS report: report number, date and authors in a narrow right sidebar.
            side = [f for f in frags if f.x0 >= 0.72 * page.width and f.x1 - f.x0 < 0.26 * page.width]
            if side and len(side) < len(frags):
                self.sidebars[page.number] = _lines(side)
                frags = [f for f in frags if f not in side]
        gutter = self._gutter(frags, page.width)
        if gutter is None:
            # Two columns of prose over a full-width table or figure, whose cells cross the gutter: the gutter
            # holds above the float's caption.
            for cap in sorted((f for f in frags if _CAPTION_START.match(f.text)), key=lambda f: -f.y1):
                above = [f for f in frags if f.y0 > cap.y1 - 0.5]
                if above and (gutter := self._gutter(above, page.width)) is not None:
                    below = [f for f in frags if f.y0 <= cap.y1 - 0.5]
                    return self._columns(above, gutter) + _lines(below)
            return _lines(frags)
        return self._columns(frags, gutter)

    def _columns(self, frags: list[_Frag], gutter: float) -> list[_Line]:
        ordered: list[_Line] = []
        band: list[_Frag] = []
        for f in sorted(frags, key=lambda f: -f.y1):
            if f.x0 < gutter < f.x1:
                ordered.extend(self._band_lines(band, gutter))
                band = []
                ordered.extend(_lines([f]) if not ordered or not _same_line(ordered[-1], f) else [])
                if ordered and _same_line(ordered[-1], f) and f not in ordered[-1].frags:
                    merged = _Line([*ordered[-1].frags, f])
                    ordered[-1] = merged
            else:
                band.append(f)
        ordered.extend(self._band_lines(band, gutter))
        return ordered

    def _band_lines(self, band: list[_Frag], gutter: float) -> list[_Line]:
        left = [f for f in band if f.x1 <= gutter]
        right = [f for f in band if f.x0 >= gutter]
        left_lines, right_lines = _lines(left), _lines(right)
        if _table_band(left_lines, right_lines, gutter):
            return _lines(band)
        return left_lines + right_lines

    def _gutter(self, frags: list[_Frag], width: float) -> float | None:
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

    def _merge_drop_caps(self, frags: list[_Frag]) -> list[_Frag]:
        """A drop cap ("T" set three lines high) belongs at the start of the line to its right."""
        caps = [f for f in frags if len(f.text) == 1 and f.text.isalpha() and f.size >= 1.8 * self.body]
        for cap in caps:
            beside = [f for f in frags if f is not cap and f.x0 >= cap.x1 - 1 and cap.y0 - 2 <= f.y1 <= cap.y1 + 4]
            if not beside:
                continue
            first = max(beside, key=lambda f: (round(f.y1), -f.x0))
            first.text = cap.text + first.text
            first.x0 = min(first.x0, cap.x1)
            frags = [f for f in frags if f is not cap]
        return frags

    def _is_heading_style(self, line: _Line) -> bool:
        # The style test first: most lines are body text, which it rules out without the regexes below.
        if not ((line.bold and line.size >= self.body - 1.6) or line.size >= self.body + 1.4):
            return False
        text = line.text
        if not text or len(text) > 200 or _CAPTION_START.match(text) or _SOURCE_START.match(text):
            return False
        return not (text[-1] in ".,;" or _BULLET.match(text) or _dot_leader(text))

    # Footnotes -----------------------------------------------------------------------------------------

    def _take_footnotes(self, lines: list[_Line], page: _Page) -> list[_Line]:
        """Move the footnotes at the bottom of the page into `self.footnotes`; the rest of the lines."""
        small = self.body * 0.92
        start = len(lines)
        while start > 0 and lines[start - 1].size <= small:
            if start < len(lines) and lines[start - 1].y0 - lines[start].y1 > 2 * lines[start].size:
                break  # notes are set close together: small text far above them is not a note (a disclaimer)
            start -= 1
        zone = lines[start:]
        if not zone:
            return lines
        numbered = [i for i, line in enumerate(zone) if self._note_number(line) is not None]
        continues = bool(self.footnotes) and start < len(lines) and self._note_number(zone[0]) is None
        if not numbered or (numbered[0] != 0 and not continues):
            if numbered and numbered[0] != 0:
                keep = numbered[0]
                return lines[: start + keep] + self._footnote_zone(zone[keep:])
            return lines
        return lines[:start] + self._footnote_zone(zone)

    def _note_number(self, line: _Line) -> int | None:
        m = _FOOTNOTE_START.match(line.text)
        if m is None or len(line.cells) >= 3:
            return None  # not numbered, or a numbered table row: "29 | 05017 | Arkansas | Chicot"
        n = int(m.group(1))
        return n if self.next_note <= n <= self.next_note + 3 else None

    def _footnote_zone(self, zone: list[_Line]) -> list[_Line]:
        current: list[str] | None = None
        if self.footnotes and self._note_number(zone[0]) is None:
            last = self.footnotes.pop()
            current = [last]
        for line in zone:
            text = line.text
            if re.fullmatch(r"\(?continued\.*\)?", text, re.I):
                continue
            n = self._note_number(line)
            if n is not None:
                if current:
                    self.footnotes.append(join_hyphenated_lines(current))
                m = _FOOTNOTE_START.match(text)
                assert m is not None
                current = [f"{n}. {text[m.end() :]}"]
                self.next_note = n + 1
            elif current is not None:
                current.append(text)
        if current:
            self.footnotes.append(join_hyphenated_lines(current))
        return []

    # Blocks --------------------------------------------------------------------------------------------

    def _blocks(self, lines: list[_Line]) -> Iterator[tuple[BlockKind, str, int, list[_Line]]]:
        group: list[_Line] = []
        subtitle = False  # the group is the plain line under a bold caption: "In millions of dollars"
        i = 0
        while i < len(lines):
            line = lines[i]
            rows: list[str] | None = None
            if len(line.cells) >= 2:
                above = _header_above(group, line)
                if (table := self._table_at(lines, i, group[len(group) - above :])) is not None:
                    del group[len(group) - above :]
                    rows, end = table
                elif not above and (lone := self._lone_row_leads_on(lines, i)) is not None:
                    # A row alone under a table's caption, then labels and the table's rows: the table's first row.
                    rows, end = lone
            if rows is not None:
                if group:
                    yield self._block(group, subtitle)
                    group = []
                subtitle = False
                start, i = i, end
                while (more := self._table_goes_on(lines, lines[start:i], i)) is not None:
                    extra, i = more
                    rows += extra
                yield BlockKind.TABLE, "\n".join(rows), 0, []
                continue
            if group and self._breaks(group, line):
                yield self._block(group, subtitle)
                subtitle = _is_subtitle(group, line)
                group = []
            group.append(line)
            i += 1
        if group:
            yield self._block(group, subtitle)

    def _lone_row_leads_on(self, lines: list[_Line], i: int) -> tuple[list[str], int] | None:
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
            and abs(lines[c].size - line.size) < 0.5
            and 0 < lines[c - 1].base - lines[c].base < 1.6 * line.size
        ):
            cells[-1].append(lines[c].text)
            c += 1
        if c >= len(lines) or len(lines[c].cells) != 1 or abs(lines[c].size - line.size) >= 0.5:
            return None  # no label under it: the cheap test first, since most such lines are in no table
        for k in range(c + 1, min(c + 7, len(lines))):
            if len(lines[k].cells) >= 2 and (table := self._table_at(lines, k)) is not None:
                more = self._table_goes_on(lines, lines[k : table[1]], c, lines[c - 1])
                if more is None:
                    return None
                rows, end = more
                return [" | ".join(join_hyphenated_lines(parts) for parts in cells), *rows], end
        return None

    def _table_goes_on(
        self, lines: list[_Line], body: list[_Line], end: int, prev: _Line | None = None
    ) -> tuple[list[str], int] | None:
        """The rows after a table's `body` lines, from `lines[end]` on, when a few one-cell lines set at its row
        pitch and in its size (and maybe a lone row between them) lead to the rows of another table: the one-cell
        lines name the sections of one table ("Standard Deduction:", "Joint Returns"), which the web edition
        prints as rows of one cell. Those rows (a label's wrapped lines joined) and the next table's, and where
        that table ends; None when the table ends at `end`. `prev`: the line above `lines[end]` when
        it is not the body's last (a lone row above the table whose `body` is measured)."""
        size = body[0].size
        steps = sorted(p for k in range(1, len(body)) if (p := body[k - 1].base - body[k].base) > 0.75 * size)
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
            if not (0 < step <= 1.5 * pitch) or abs(line.size - size) >= 0.5 or line.x0 < left:
                return None
            if len(line.cells) >= 2:
                if step < 0.75 * pitch:
                    return None  # set tight under the line above: that line is this row's first, not a label
                if labels and not _header_above(lines[end:k], line) and (table := self._table_at(lines, k)):
                    more, j = table
                    return [join_hyphenated_lines(row) for row in rows] + more, j
                rows.append([" | ".join(t for _, _, t in line.cells)])  # a lone row between two labels
                prev = line
                k += 1
                continue
            if not line.cells or line.x1 > right or _SOURCE_START.match(line.text) or _CAPTION_START.match(line.text):
                return None
            if step < 0.75 * pitch:
                if not labels or len(prev.cells) != 1:
                    return None  # set tight under a row: the rest of the row, not a label
                rows[-1].append(line.text)  # the label's next line
            else:
                rows.append([line.text])
                labels += 1
            prev = line
            k += 1
        return None

    def _breaks(self, group: list[_Line], line: _Line) -> bool:
        prev = group[-1]
        size = max(prev.size, line.size)
        drop = prev.y0 - line.y0
        if drop < -size or drop > 1.75 * size:
            return True  # a new column or band, or a paragraph gap
        if prev.y0 - line.y1 > 0.55 * size:
            return True
        pitch = group[-2].base - prev.base if len(group) >= 2 else 0.0
        if pitch > 0.8 * size and prev.base - line.base > pitch + max(2.0, 0.2 * size):
            # Set further below than the group's lines are set from each other: entries of a list set a little
            # apart ("CRS Report R42505, …" under "… Eligibility and Benefits"), whatever their glyph boxes leave.
            return True
        if abs(prev.size - line.size) > 0.9:
            return True
        if prev.bold and not line.bold and line.frags[0].lead_bold and not _TERMINAL_END.search(prev.text):
            return False  # a bold run-in sentence that ends inside this line: "… SIMP capacity" "building. For"
        if prev.bold != line.bold and self._is_heading_style(prev if prev.bold else line):
            return True
        if _is_subtitle(group, line):
            return True
        text = line.text
        if _BULLET.match(text) or _CAPTION_START.match(text) or _SOURCE_START.match(text):
            return True
        if line.size < self.body - 0.4 and _NOTE_MARK.match(text) and _ends_with_stop(prev.text):
            return True  # a table note under the one before: "e. There is no …" after "… respectively."
        if AUTHOR_LINE.match(text) and AUTHOR_LINE.match(group[0].text):
            return True  # "Name, Specialist in …" lines stacked at the end of an In Focus: one author each
        return _ends_with_stop(prev.text) and prev.x1 < _right(group) - 2.5 * size

    def _block(self, group: list[_Line], subtitle: bool = False) -> tuple[BlockKind, str, int, list[_Line]]:
        texts = [line.text for line in group]
        text = join_hyphenated_lines(texts)
        first = group[0]
        if subtitle:
            return BlockKind.CAPTION, text, 0, group
        if m := _BULLET.match(text):
            return BlockKind.LIST_ITEM, text[m.end() :].strip(), 1, group
        if len(group) <= 3 and all(self._is_heading_style(line) for line in group):
            size = round(max(line.size for line in group) * 2) / 2
            level = self.heading_sizes.index(size) + 1 if size in self.heading_sizes else 2
            return BlockKind.HEADING, text, level, group
        del first
        return BlockKind.PARAGRAPH, text, 0, group

    def _table_at(self, lines: list[_Line], i: int, above: list[_Line] | None = None) -> tuple[list[str], int] | None:
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
            if _SOURCE_START.match(line.text) or _CAPTION_START.match(line.text):
                break
            # A gap as wide as two blank lines ends the table; measured on the baselines too, since glyph boxes
            # shrink on lines with no descender or capital ("covered institutions." over the next entry).
            if j > i and lines[j - 1].y0 - line.y1 > 2.2 * size and lines[j - 1].base - line.base > 3.2 * size:
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
                        and (step <= row_pitch + tol or line.base - after.base < 0.75 * size)
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
        if _SOURCE_START.match(line.text) or _CAPTION_START.match(line.text):
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
    pitch = _line_pitch([s for s in steps if s > 0.75 * size])
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


def _is_subtitle(group: list[_Line], line: _Line) -> bool:
    """A plain line right under a bold figure or table caption is its subtitle ("In thousands"), which the web
    edition prints on a line of its own."""
    return (
        group[0].bold
        and group[-1].bold
        and not line.bold
        and bool(_CAPTION_START.match(group[0].text))
        and len(line.text) < 120
    )


def _wraps_first_cell(prev: _Line, line: _Line, closer: bool = False, column: float = 0.0) -> bool:
    """A one-cell line set tight under a row's first cell, within its column, that goes on with its words: the
    rest of a wrapped row label ("Analytics, Review, and" / "Oversight"), not a paragraph after the table.
    `column`: the right edge of the widest first cell of the table's rows so far."""
    if len(line.cells) != 1 or not prev.cells:
        return False
    x0, x1, text = prev.cells[0]
    own = line.cells[0]
    if abs(own[0] - x0) > 3 or own[1] > max(x1, own[0] + 0.45 * (prev.x1 - prev.x0), column) + 2:
        return False
    if prev.base - line.base > 1.6 * line.size or line.bold != prev.bold:
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
        if not (upper.bold and line.bold and len(upper.cells) == 1 and abs(upper.size - line.size) < 0.5):
            break
        if upper.base - lower.base > 1.45 * line.size or upper.x0 < line.cells[0][1] or upper.x1 > line.x1 + 2:
            break
        k += 1
        lower = upper
    return k


def _header_lines(table: list[_Line], size: float) -> int:
    """How many lines at the top of a table make its header: bold lines set tight one under the other (closer
    than rows are set), above a body that is not all bold. The web edition prints such a header as one row,
    each column's lines joined ("FY2025 Enacted")."""
    k = 1
    while k < min(len(table), 4) and table[k].bold and table[k - 1].base - table[k].base < 1.45 * size:
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
    steps = [p for p in pitches if p > 0.75 * size]
    tight = _line_pitch(steps)
    wide = [p > tight + _pitch_tolerance(size) for p in pitches]
    padded = sum(wide) >= 2 and sum(wide) >= 0.15 * len(pitches)
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
            paragraph = len(placed[k]) == 1 and pitches[k - 1] < 0.95 * row_gap
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
    return max(0.6, 0.07 * size)


def _line_pitch(steps: list[float]) -> float:
    """The step between the lines of a table's cells: the least step that a fifth of the steps (two at least) come
    within half a point of. The least step alone may be an artifact of cells on two baselines read as one line
    (8.1 points in a table whose lines are 10.44 apart)."""
    ordered = sorted(steps)
    need = max(2, 0.2 * len(ordered))
    for k, v in enumerate(ordered):
        if bisect.bisect_right(ordered, v + 0.5) - k >= need:
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


def _across(prev: _Frag, f: _Frag, size: float, gutters: Sequence[tuple[float, float]]) -> bool:
    """Whether a gap wider than a space between words (0.4 em) spans one of a table's gutters."""
    return f.x0 - prev.x1 >= 0.4 * size and any(prev.x1 <= a and f.x0 >= b for a, b in gutters)


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


_STOPS = ".!?:"
_STOP_CLOSERS = '"”’)'


def _ends_with_stop(text: str) -> bool:
    """Whether the text ends in . ! ? or :, perhaps then a closing quote or parenthesis: re.search(r'[.!?:]
    [\"”’)]?$'), without trying every position (tests/ingest/test_pdf_fast_paths.py compares the two)."""
    if text.endswith("\n"):
        text = text[:-1]  # "$" matches before a final newline too
    last = text[-1:]
    if last and last in _STOPS:
        return True
    return bool(last) and last in _STOP_CLOSERS and len(text) >= 2 and text[-2] in _STOPS


def _right(group: list[_Line]) -> float:
    return max(line.x1 for line in group)


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


def _split_author_cells(lines: list[_Line], width: float) -> list[_Line]:
    """Lines with an author's "Name, Role" set far right of other text split in two. Authors printed side by side
    under a page whose table leaves no gutter share a baseline with the wrapped role of the author beside them
    ("Assistance Policy" | "Kara Clifford Billings, Analyst in Social Policy"): read as one line, the role's end
    would be taken for the start of the next name."""
    out: list[_Line] = []
    for line in lines:
        if len(line.cells) < 2:
            out.append(line)
            continue
        cut = next(
            (
                x0
                for (_, left_end, _), (x0, _, text) in zip(line.cells, line.cells[1:], strict=False)
                if x0 - left_end > 0.2 * width and AUTHOR_LINE.match(text)
            ),
            None,
        )
        if cut is None:
            out.append(line)
            continue
        out += [_Line([f for f in line.frags if f.x0 < cut]), _Line([f for f in line.frags if f.x0 >= cut])]
    return out


def _author_lines(kind: BlockKind, text: str, group: list[_Line]) -> list[str]:
    """The lines of an author block; authors set side by side (a table) read column by column."""
    if kind is not BlockKind.TABLE:
        return [line.text for line in group]
    rows = [row.split(" | ") for row in text.split("\n")]
    width = max(len(row) for row in rows)
    return [row[k] for k in range(width) for row in rows if k < len(row) and row[k].strip()]


def _authors_in(lines: list[str]) -> list[Author]:
    """Name and role pairs of an "Author Information" section: a name line, then its role line."""
    authors: list[Author] = []
    name: str | None = None
    for line in lines:
        text = line.strip()
        if _ROLE.match(text) and name is not None:
            authors.append(Author(name, text))
            name = None
        elif _NAME_LINE.match(text):
            name = text
        elif authors and not _NAME_LINE.match(text) and name is None:
            last = authors.pop()
            authors.append(Author(last.name, f"{last.role} {text}"))
    return authors


def _unique(authors: list[Author]) -> list[Author]:
    seen: dict[str, Author] = {}
    for author in authors:
        if author.name not in seen or (author.role and not seen[author.name].role):
            seen[author.name] = author
    return list(seen.values())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
