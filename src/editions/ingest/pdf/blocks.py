"""Blocks: a document's lines grouped into paragraphs, headings, list items, captions and tables.

`_Layout` holds what one document's reading decides as it goes: the body font size, the sizes of its headings
(their levels), the furniture removed and the footnotes read so far. Lines break into blocks at vertical gaps,
style changes and bullets; bold or large short blocks are headings; lines with cells separated by wide gaps
are tables (`tables`); a table of contents and the author section are boilerplate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from editions.ingest import Parsed, metadata
from editions.ingest.metadata import AUTHOR_LINE
from editions.ingest.pdf.authors import _ROLE, _author_lines, _authors_in, _split_author_cells
from editions.ingest.pdf.columns import page_lines
from editions.ingest.pdf.extract import _Page
from editions.ingest.pdf.footnotes import Footnotes
from editions.ingest.pdf.furniture import remove_furniture
from editions.ingest.pdf.lines import _Line
from editions.ingest.pdf.tables import _header_above, _lone_row_leads_on, _table_at, _table_goes_on
from editions.ingest.repair import join_hyphenated_lines
from editions.model import Author, BlockKind, RawBlock
from editions.vocabulary import CAPTION_FOLLOWER, CAPTION_START


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
_PROSE_FRAGMENT = 60  # characters: a fragment this long is a line of prose, not a table cell
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
        self.footnotes = Footnotes(self.body)
        self.heading_sizes: list[float] = []

    # The document ------------------------------------------------------------------------------------

    def parse(self) -> Parsed:
        self.pages, self.furniture = remove_furniture(self.pages)
        read = [page_lines(page, self.body) for page in self.pages]
        lines_of = [_split_author_cells(lines, page.width) for page, (lines, _) in zip(self.pages, read, strict=True)]
        styles = sorted(
            {round(line.size * 2) / 2 for lines in lines_of for line in lines if self._is_heading_style(line)},
            reverse=True,
        )
        self.heading_sizes = styles
        blocks: list[RawBlock] = []
        authors: list[Author] = []
        side_authors: list[Author] = []
        in_authors = False
        in_toc = False
        for lines, (_, side) in zip(lines_of, read, strict=True):
            body = self.footnotes.take(lines)
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
            if side:
                found = _authors_in([line.text for line in side])
                named = {a.name for a in found}
                side_authors.extend(found)
                blocks.extend(RawBlock(BlockKind.BOILERPLATE, f"{a.name}, {a.role}") for a in found)
                blocks.extend(
                    RawBlock(BlockKind.BOILERPLATE, line.text)
                    for line in side
                    if line.text not in named and not _ROLE.match(line.text)
                )
        if self.footnotes.notes:
            blocks.append(RawBlock(BlockKind.HEADING, "Footnotes", 1))
            blocks.extend(RawBlock(BlockKind.FOOTNOTE, note) for note in self.footnotes.notes)
        texts = [block.text for block in blocks]
        meta = metadata.from_pdf(self.info, self.furniture, texts, authors or side_authors, self._cover_title())
        return Parsed(blocks, meta, self.warnings)

    def _cover_title(self) -> str | None:
        if not self.pages:
            return None
        frags = [f for f in self.pages[0].frags if f.size >= self.body + 3 and len(f.text) > 3]
        if not frags:
            return None
        biggest = max(f.size for f in frags)
        parts = [f for f in frags if abs(f.size - biggest) < 0.6]
        parts.sort(key=lambda f: (-f.y1, f.x0))
        return metadata.squash(" ".join(f.text for f in parts)) or None

    # Furniture -----------------------------------------------------------------------------------------

    def _is_heading_style(self, line: _Line) -> bool:
        # The style test first: most lines are body text, which it rules out without the regexes below.
        if not ((line.bold and line.size >= self.body - 1.6) or line.size >= self.body + 1.4):
            return False
        text = line.text
        if not text or len(text) > 200 or CAPTION_START.match(text) or CAPTION_FOLLOWER.match(text):
            return False
        return not (text[-1] in ".,;" or _BULLET.match(text) or _dot_leader(text))

    # Footnotes -----------------------------------------------------------------------------------------

    def _blocks(self, lines: list[_Line]) -> Iterator[tuple[BlockKind, str, int, list[_Line]]]:
        group: list[_Line] = []
        subtitle = False  # the group is the plain line under a bold caption: "In millions of dollars"
        i = 0
        while i < len(lines):
            line = lines[i]
            rows: list[str] | None = None
            if len(line.cells) >= 2:
                above = _header_above(group, line)
                if (table := _table_at(lines, i, group[len(group) - above :])) is not None:
                    del group[len(group) - above :]
                    rows, end = table
                elif not above and (lone := _lone_row_leads_on(lines, i)) is not None:
                    # A row alone under a table's caption, then labels and the table's rows: the table's first row.
                    rows, end = lone
            if rows is not None:
                if group:
                    yield self._block(group, subtitle)
                    group = []
                subtitle = False
                start, i = i, end
                while (more := _table_goes_on(lines, lines[start:i], i)) is not None:
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
        if _BULLET.match(text) or CAPTION_START.match(text) or CAPTION_FOLLOWER.match(text):
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


def _is_subtitle(group: list[_Line], line: _Line) -> bool:
    """A plain line right under a bold figure or table caption is its subtitle ("In thousands"), which the web
    edition prints on a line of its own."""
    return (
        group[0].bold
        and group[-1].bold
        and not line.bold
        and bool(CAPTION_START.match(group[0].text))
        and len(line.text) < 120
    )


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
