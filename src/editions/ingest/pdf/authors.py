"""Authors: the "Author Information" section's name and role lines, and authors set side by side."""

from __future__ import annotations

import re

from editions.ingest.metadata import AUTHOR_LINE
from editions.ingest.pdf.lines import _Line
from editions.model import Author, BlockKind

_ROLE = re.compile(
    r"^(?:Coordinator|Specialist|Analyst|Legislative Attorney|Attorney|Research |Information Research|"
    r"Section Research|Senior |Acting |Presidential Management|Law Clerk|Visiting |Director)",
)
_NAME_LINE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*){1,4}$")


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
