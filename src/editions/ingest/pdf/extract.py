"""Extraction: a PDF's pages as fragments (text, box, font size, weight) read through pdfium.

Every pdfium call of the PDF reader is in this module. pypdfium2 gives each page's characters in content-stream
order, with generated line breaks, and the rectangles of runs of characters drawn by one text object. Asking for
every character's box costs a C call per character (a third of the raw extraction speed), so we ask per line
instead: each generated line is cut where its rectangles jump (a column gutter, a table cell gap, a new baseline),
and a cut's character index is found by bisecting `FPDFText_CountRects` over the line. Footnote marks (small
raised digits) are dropped from the text here, as the HTML renditions drop them.
"""

from __future__ import annotations

import ctypes
import re
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from editions.errors import InputError
from editions.ingest import format_size
from editions.ingest.repair import SOFT_HYPHEN


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep a hostile or broken PDF from taking unbounded time or memory."""

    max_pages: int = 2000
    max_chars_per_page: int = 200_000
    max_objects_per_page: int = 200_000
    max_seconds: float = 120.0
    max_stream_bytes: int = 128 * 1024 * 1024  # a compressed stream's inflated size: pdfium holds it whole


DEFAULT_LIMITS = Limits()


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


_HAS_DIGIT = re.compile(r"\d")
_LEADING_MARK = re.compile(r"\s*(\d{1,3})\s")
_LEADING_SUFFIX = re.compile(r"\s*(st|nd|rd|th)(?=\s+\S)")
_DIGITS = re.compile(r"\d+")
_BULLET_CHARS = "•▪◦●○■□➢–·\uf0b7\uf0a7\uf076\uf0d8"

_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)",
    pdfium_c.FPDF_ERR_SECURITY: "uses an unsupported security handler; decrypt it first",
    pdfium_c.FPDF_ERR_FORMAT: "is not a readable PDF (damaged, truncated or not a PDF at all)",
    pdfium_c.FPDF_ERR_FILE: "cannot be opened as a PDF",
}


PDFIUM_LOCK = threading.Lock()
"""Held for every pdfium call, from opening a document to closing it. pdfium is not thread-safe: pypdfium2's
documentation allows no two pdfium calls at once, not even on different documents, and unserialized reads crash
the process (the web app reads uploads in a thread pool). The one process-wide object this package keeps."""


def _open(data: bytes, label: str) -> object:
    """The document, opened (call with `PDFIUM_LOCK` held). Its error code is read straight after a failed open,
    the one moment pdfium defines it: pypdfium2 also reads it for a document that opens with no pages, when the
    code is whatever an earlier failure left (a damaged file read after an encrypted one said "encrypted")."""
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise InputError(f"{label} is not a PDF: it does not start with '%PDF-'.")
    handle = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not handle:
        reason = _ERRORS.get(pdfium_c.FPDF_GetLastError(), "is not a readable PDF (damaged or truncated)")
        raise InputError(f"{label} {reason}.")
    pdf = pdfium.PdfDocument(handle)  # `data` outlives it: the caller holds it until the document is closed
    if len(pdf) < 1:
        pdf.close()
        raise InputError(f"{label} is not a readable PDF (it has no pages: damaged or truncated).")
    return pdf


def _extract(data: bytes, label: str, limits: Limits) -> tuple[list[_Page], dict[str, str], list[str]]:
    _check_streams(data, label, limits.max_stream_bytes)
    with PDFIUM_LOCK:
        pages, info = _pages(data, label, limits)
    warnings: list[str] = []
    empty = sum(1 for page in pages if not page.frags)
    if empty == len(pages):
        raise InputError(
            f"{label} has no text layer (its pages are images, e.g. a scan); "
            "run OCR on it first, e.g. ocrmypdf, since Editions does not read images yet."
        )
    if empty:
        warnings.append(f"{label}: {empty} of {len(pages)} pages have no text layer and were skipped.")
    return pages, info, warnings


# Deflate's greatest expansion: no input byte makes more than this many output bytes.
_DEFLATE_MOST = 1032


def _check_streams(data: bytes, label: str, limit: int) -> None:
    """Refuse a PDF with a compressed stream that inflates to over `limit` bytes, before pdfium inflates it whole
    (a content stream is parsed from one buffer). Streams too short to reach the limit at deflate's greatest
    expansion are not inflated, nor images, which reading text leaves compressed; the rest are inflated a piece
    at a time and counted, not kept."""
    shortest = limit // _DEFLATE_MOST
    pos = 0
    while (start := data.find(b"stream", pos)) >= 0:
        pos = start + 6
        if data[start - 3 : start] == b"end":
            continue
        end = data.find(b"endstream", pos)
        end = len(data) if end < 0 else end
        if end - pos <= shortest:
            pos = end + 9
            continue
        header = data[max(0, data.rfind(b"obj", max(0, start - 4096), start)) : start]
        if b"/FlateDecode" in header and b"/Image" not in header:
            body = pos + (2 if data[pos : pos + 2] == b"\r\n" else 1)
            if _inflated_size(memoryview(data)[body:end], limit) > limit:
                raise InputError(
                    f"{label} holds a compressed stream that inflates to over {format_size(limit)}, "
                    "the limit per stream."
                )
        pos = end + 9


def _inflated_size(stream: memoryview, limit: int) -> int:
    """How many bytes the zlib `stream` inflates to, counted up to a little past `limit`."""
    inflater = zlib.decompressobj()
    size = 0
    piece, most = 1 << 16, 1 << 22  # bytes read, and inflated, at a time
    try:
        for at in range(0, len(stream), piece):
            size += len(inflater.decompress(stream[at : at + piece], most))
            while inflater.unconsumed_tail and size <= limit:
                size += len(inflater.decompress(inflater.unconsumed_tail, most))
            if size > limit or inflater.eof:
                break
    except zlib.error:
        pass  # damaged data: pdfium decides what to make of it
    return size


def _pages(data: bytes, label: str, limits: Limits) -> tuple[list[_Page], dict[str, str]]:
    pdf = _open(data, label)
    try:
        count = len(pdf)  # type: ignore[arg-type]
        if count > limits.max_pages:
            raise InputError(f"{label} has {count} pages, over the limit of {limits.max_pages} pages.")
        info = _info(pdf)
        started = time.monotonic()
        pages: list[_Page] = []
        for index in range(count):
            if time.monotonic() - started > limits.max_seconds:
                raise InputError(
                    f"{label}: reading stopped at page {index + 1} of {count}, "
                    f"over the time limit of {limits.max_seconds:g} seconds."
                )
            pages.append(_read_page(pdf, index, label, limits))
    finally:
        pdf.close()  # type: ignore[attr-defined]
    return pages, info


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
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_UNUSUAL_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]|  ")  # what _SPACES changes


def _clean(text: str) -> str:
    if text.isascii() and "  " not in text and "\t" not in text and "\x02" not in text:
        return text.strip()  # nothing below changes it (five fragments in six): skip their scans
    text = text.replace("\ufffe", SOFT_HYPHEN).replace("\x02", SOFT_HYPHEN).replace("\ufffd", "")
    return (_SPACES.sub(" ", text) if _UNUSUAL_SPACE.search(text) else text).strip()
