"""A tiny PDF writer for tests: pages of positioned Helvetica lines, written byte by byte with a correct xref.

Every test PDF is generated here, so no corpus text is copied into the repository.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

PAGE_WIDTH = 612
PAGE_HEIGHT = 792


@dataclass
class Line:
    x: float
    y: float
    text: str
    size: float = 10.0
    font: str = "F1"  # F1 Helvetica, F2 Helvetica-Bold


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    extra: bytes = b""
    """Raw content-stream operators appended after the lines (drawings, glyph bombs)."""
    padding: int = 0
    """Spaces after the operators, with the stream then compressed (FlateDecode): a decompression bomb."""


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def content(page: Page) -> bytes:
    ops = []
    for line in page.lines:
        ops.append(
            b"BT /%s %g Tf %g %g Td (%s) Tj ET" % (line.font.encode(), line.size, line.x, line.y, _escape(line.text))
        )
    return b"\n".join(ops) + b"\n" + page.extra


def _deflated(data: bytes, padding: int) -> bytes:
    """`data` then `padding` spaces (a multiple of 1 MiB), as a zlib stream made without compressing them all:
    after a full flush deflate's blocks refer to nothing before them, so one compressed MiB of spaces repeats."""
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: the zlib header and checksum are ours
    head = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = zlib.adler32(data)
    for _ in range(padding // len(chunk)):
        checksum = zlib.adler32(chunk, checksum)
    final = b"\x03\x00"  # an empty last block of fixed codes
    return b"\x78\xda" + head + block * (padding // len(chunk)) + final + checksum.to_bytes(4, "big")


def build(pages: list[Page], *, encrypt: bool = False, shared_pages: int = 0) -> bytes:
    """A PDF of `pages`; with `shared_pages`, that many extra pages all drawing the first page's stream."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    resources = b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>" % (font, bold)
    kids = []
    streams = []
    for page in pages:
        data = content(page)
        if page.padding:
            data = _deflated(data, page.padding)
            stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data))
        else:
            stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        streams.append(stream)
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
                % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, resources, stream)
            )
        )
    for _ in range(shared_pages):
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
                % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, resources, streams[0])
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    encrypt_id = None
    if encrypt:
        # A standard security handler whose O and U entries match no password: PDFium asks for one.
        encrypt_id = add(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <%s> /U <%s> >>" % (b"11" * 32, b"22" * 32)
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if encrypt_id is not None:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt_id, b"ab" * 16, b"ab" * 16)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def paragraph_lines(words: list[str], width: int) -> list[str]:
    """Words filled into lines of at most `width` characters."""
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def sentence_words(topic: str, count: int) -> list[str]:
    """`count` distinct generated sentences about `topic`, as words."""
    words: list[str] = []
    for i in range(count):
        words += (
            f"The {topic} measure number {i + 1} grew by {i + 3} percent over the prior year in the survey.".split()
        )
    return words
