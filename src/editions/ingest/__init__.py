"""Ingest: any source (path or bytes, any supported format) to a `Document` of clean blocks and metadata.

`load` checks the input, sniffs its format, hands it to that format's reader, then applies what every format
needs: block kinds inferred from wording (`layout`), conversion damage repaired (`repair`), metadata read from
where the document prints it (`metadata`).
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from editions.errors import InputError
from editions.ingest import layout, markdown, metadata, repair, text
from editions.model import BlockKind, Document, Metadata, RawBlock, Source

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
FORMATS = ("text", "markdown", "html", "pdf")
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a format reader returns: blocks in reading order, metadata its format states, warnings."""

    blocks: list[RawBlock]
    metadata: Metadata = field(default_factory=Metadata)
    warnings: list[str] = field(default_factory=list)


Reader = Callable[[bytes, str], Parsed]
"""A format reader: the raw bytes and the name to use in messages."""


def load(
    source: str | os.PathLike[str] | bytes,
    format: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Document:
    """Read one edition's source into a Document. Raises `InputError` with one sentence a user can act on."""
    data, label, suffix = _read_bytes(source, max_bytes, name)
    fmt = format or _format_from_suffix(suffix, label) or sniff(data)
    if fmt not in FORMATS:
        raise InputError(f"{label}: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    reader = _reader(fmt)
    parsed = reader(data, label)
    document = finish(parsed, Source(fmt, name or (None if isinstance(source, bytes) else str(source))))
    if not any(_VISIBLE.search(b.text) for b in document.blocks):
        # Stored, it would be an edition of the empty text, which every later empty input would match.
        raise InputError(f"{label} has no text to read: only markup, images or invisible characters.")
    return document


# A character that shows: not white space, nor an invisible format character (zero-width spaces and joiners,
# word joiners, direction marks, byte-order marks, soft hyphens).
_VISIBLE = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def finish(parsed: Parsed, source: Source) -> Document:
    """The steps every format shares, after its reader: kinds from wording, repairs, metadata."""
    blocks = layout.classify(parsed.blocks, title=parsed.metadata.title)
    blocks = repair.repair(blocks)
    found = _metadata_from_blocks(blocks)
    meta = parsed.metadata.merged(found)
    if meta.product is None:
        meta = meta.merged(Metadata(product=metadata.product_of(meta.report)))
    if source.url is None and meta.url is not None:
        source = replace(source, url=meta.url)
    return Document(tuple(blocks), meta, source, tuple(parsed.warnings))


def _metadata_from_blocks(blocks: list[RawBlock]) -> Metadata:
    furniture = [b.text for b in blocks if b.kind in (BlockKind.BOILERPLATE, BlockKind.TITLE)]
    found = metadata.from_furniture(furniture)
    title = next((b.text for b in blocks if b.kind is BlockKind.TITLE), None)
    authors = tuple(
        a for b in blocks if b.kind is BlockKind.BOILERPLATE and (a := metadata.author_line(b.text)) is not None
    )
    return found.merged(Metadata(title=title, authors=authors))


def _read_bytes(source: str | os.PathLike[str] | bytes, max_bytes: int, name: str | None) -> tuple[bytes, str, str]:
    if isinstance(source, bytes):
        if len(source) > max_bytes:
            raise InputError(
                f"{name or 'input'} is {format_size(len(source))}, over the {format_size(max_bytes)} limit."
            )
        label = name or "input"
        data = source
        suffix = Path(name).suffix.lower() if name else ""
    else:
        path = Path(source)
        label = str(path)
        if path.is_dir():
            raise InputError(f"{label} is a directory; give a file (an edition in .txt, .md, .html or .pdf).")
        if not path.exists():
            if path.is_symlink():
                raise InputError(f"{label} is {_broken_link(path)}.")
            raise InputError(f"{label} does not exist.")
        if not path.is_file():
            raise InputError(f"{label} is not a regular file.")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{label} is {format_size(size)}, over the {format_size(max_bytes)} limit.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{label} cannot be read: {error.strerror or error}.") from error
        suffix = path.suffix.lower()
    if not data.strip():
        raise InputError(f"{label} is empty.")
    return data, label, suffix


def _broken_link(path: Path) -> str:
    """What is wrong with a symbolic link that leads to no file: a loop, or a target that does not exist."""
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "a symbolic link loop"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link loop"
    return f"a symbolic link to {os.readlink(path)}, which does not exist"


def format_size(n: int) -> str:
    """A byte count as people write it: 5 KB, 1.5 MB (binary units, as the limit is given)."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{n} bytes" if unit == "bytes" else f"{value:.1f}".removesuffix(".0") + f" {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _format_from_suffix(suffix: str, label: str) -> str | None:
    if not suffix or suffix in EXTENSIONS:
        return EXTENSIONS.get(suffix)
    if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix) is None:
        return None  # "report.2022-07" is a name with a dot, not an extension
    raise InputError(
        f"{label}: unknown file type {suffix!r}; Editions reads .txt, .md, .html and .pdf "
        "(give its format, e.g. --input-format text, to read it anyway)."
    )


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<div|<p[\s>]|<article|<section|<h[1-6])", re.I)
_MARKDOWN_HINTS = re.compile(r"^#{1,6}\s|^\s*\|.*\|\s*$|\]\([^)\s]+\)|\*\*[^*\n]+\*\*|\\[$*_#]", re.M)


def sniff(data: bytes) -> str:
    """The format of bytes with no name to go by."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    sample = head.decode("utf-8", errors="replace")
    if len(_MARKDOWN_HINTS.findall(sample)) >= 2:
        return "markdown"
    return "text"


def decode(data: bytes, label: str) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, Windows-1252 (Latin-1) with a warning when
    no character is written as UTF-8 writes it; otherwise invalid bytes replaced with a warning.
    Raises InputError for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise InputError(f"{label} starts as UTF-16 but is not valid UTF-16.") from error
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) * 0.01:
        raise InputError(f"{label} is binary data, not a text, Markdown, HTML or PDF document.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if not data.startswith(b"\xef\xbb\xbf") and _UTF8_SEQUENCE.search(data) is None:
        # Not one character above ASCII is written as UTF-8 writes it: a legacy 8-bit text, read as Windows-1252
        # (Latin-1 with typographic quotes and dashes where Latin-1 has control codes), as a browser reads it.
        return data.decode("cp1252", errors="replace"), [f"{label} is not UTF-8: read as Windows-1252 (Latin-1)."]
    decoded = data.decode("utf-8-sig", errors="replace")
    bad = decoded.count("\ufffd")
    if bad > max(16, len(decoded) * 0.05):
        raise InputError(f"{label} is not text: {bad} of its {len(decoded)} characters are not valid UTF-8.")
    return decoded, [f"{label}: {bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD."]


# A character above ASCII as UTF-8 writes it: a lead byte and its continuation bytes.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _normalize_newlines(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


def _read_text(data: bytes, label: str) -> Parsed:
    decoded, warnings = decode(data, label)
    return Parsed(text.read(_normalize_newlines(decoded)), Metadata(), warnings)


def _read_markdown(data: bytes, label: str) -> Parsed:
    decoded, warnings = decode(data, label)
    blocks, meta = markdown.read(_normalize_newlines(decoded), label)
    return Parsed(blocks, meta, warnings)


def _read_html(data: bytes, label: str) -> Parsed:
    from editions.ingest import html  # imported on first use, as the PDF reader: most runs read one format

    return html.read(data, label)


def _read_pdf(data: bytes, label: str) -> Parsed:
    from editions.ingest import pdf  # pdfium is loaded only when a PDF is read

    return pdf.read(data, label)


READERS: dict[str, Reader] = {"text": _read_text, "markdown": _read_markdown, "html": _read_html, "pdf": _read_pdf}
"""Each format's reader, all with one signature: the bytes and the name to use in messages."""


def _reader(fmt: str) -> Reader:
    if (reader := READERS.get(fmt)) is None:
        raise InputError(f"unknown format {fmt!r}")
    return reader
