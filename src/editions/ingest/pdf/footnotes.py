"""Footnotes: small-font numbered lines at the bottom of a page, numbered on from the page before."""

from __future__ import annotations

import re

from editions.ingest.pdf.lines import _Line
from editions.ingest.repair import join_hyphenated_lines

_FOOTNOTE_START = re.compile(r"^(\d{1,4})\s+(?=\S)")


class Footnotes:
    """The notes of one document, read page by page: each page's notes go on from the number the last one
    reached, and a page's first unnumbered note lines go on the last note."""

    def __init__(self, body: float) -> None:
        self.body = body  # the body font size: notes are set smaller
        self.notes: list[str] = []
        self.next_note = 1

    def take(self, lines: list[_Line]) -> list[_Line]:
        """Move the footnotes at the bottom of a page's `lines` into `self.notes`; the rest of the lines."""
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
        continues = bool(self.notes) and start < len(lines) and self._note_number(zone[0]) is None
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
        if self.notes and self._note_number(zone[0]) is None:
            last = self.notes.pop()
            current = [last]
        for line in zone:
            text = line.text
            if re.fullmatch(r"\(?continued\.*\)?", text, re.I):
                continue
            n = self._note_number(line)
            if n is not None:
                if current:
                    self.notes.append(join_hyphenated_lines(current))
                m = _FOOTNOTE_START.match(text)
                assert m is not None
                current = [f"{n}. {text[m.end() :]}"]
                self.next_note = n + 1
            elif current is not None:
                current.append(text)
        if current:
            self.notes.append(join_hyphenated_lines(current))
        return []

    # Blocks --------------------------------------------------------------------------------------------
