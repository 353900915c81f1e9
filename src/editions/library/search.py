"""Search results: passages found by the full-text index, grouped by report, each cited to the editions,
sections and sentences that say it, with the matched words marked.

The user's query is words and "quoted phrases"; every word must match (stemmed: "troops" finds "troop"). The
same query means the same on SQLite (FTS5, Porter stemmer) and PostgreSQL (`websearch_to_tsquery`, English
stemmer), up to the two stemmers' differences.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from editions.library._db import MARK_CLOSE, MARK_OPEN
from editions.model import Span

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_MARKS = re.compile(f"([{MARK_OPEN}{MARK_CLOSE}])")

SEARCH_WITHIN: dict[str, tuple[str, ...]] = {
    "body": ("body", "table"),
    "captions": ("caption",),
    "notes": ("note", "source", "reference"),
}
"""What `search --in` keeps, by the roles (`model.Role` values) of the sentences: the report's argument (prose
and table rows), figure and table captions, or what stands under and after it (notes, source lines, references).
Headings are not sentences, so not searched."""


def fts5_query(query: str) -> str:
    """The user's query as an FTS5 expression: each word and each quoted phrase quoted (so that no word is
    read as an operator), all of them required. Empty when the query has no word."""
    parts: list[str] = []
    for m in _TOKEN.finditer(query):
        words = _WORD.findall(m.group(1) if m.group(1) is not None else m.group(2))
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " ".join(parts)


def has_words(query: str) -> bool:
    return bool(_WORD.search(query))


def unmark(marked: str) -> tuple[str, tuple[Span, ...]]:
    """Text marked with \\x02…\\x03 around each match → the plain text and the spans of the matches."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    start = 0
    for part in _MARKS.split(marked):
        if part == MARK_OPEN:
            start = pos
        elif part == MARK_CLOSE:
            if pos > start:
                spans.append(Span(start, pos))
        elif part:
            out.append(part)
            pos += len(part)
    return "".join(out), tuple(spans)


@dataclass(frozen=True, slots=True)
class Citation:
    """One sentence of one edition: where a passage was said."""

    report: str
    edition: str
    """The edition's id (content hash)."""
    ref: str
    """A reference `get` accepts, e.g. `IF10199@2022-07-21`."""
    date: dt.date | None
    version: int | None
    sentence: int
    section: tuple[str, ...]


CITED_PER_HIT = 5
"""How many citations a search hit carries at most: a sentence held by hundreds of editions (or repeated
thousands of times in one) must not make a hit, or a page of hits, cost in proportion."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One wording of a sentence, with every edition (within the search's date range) that prints it."""

    text: str
    marks: tuple[Span, ...]
    """The matched words, as spans into `text`."""
    citations: tuple[Citation, ...]
    """In edition order, oldest first: the sentence of the edition it was first seen in and of the newest
    editions, `CITED_PER_HIT` at most (one per edition); `Library.citations` pages through every one."""
    score: float
    """Lower is better (BM25 on SQLite, negated ts_rank on PostgreSQL): compare within one backend only."""
    role: str | None = None
    """The sentence's role (`model.Role` value: body, table, caption, note, source, reference); None in a library
    made before roles were stored."""
    rank: int = 0
    """The hit's place among all the search's hits, from 1 (pages group hits by report; this keeps the order)."""
    sentences: int = 0
    """How many sentences print it in all (within the search's date range; an edition may repeat it)."""
    editions: int = 0
    """How many editions print it (within the search's date range)."""

    @property
    def latest(self) -> Citation:
        return self.citations[-1]

    @property
    def first_seen(self) -> Citation:
        """The earliest edition printing exactly this sentence (`Library.first_seen` also follows rewordings)."""
        return self.citations[0]

    def highlighted(self, open: str = "[", close: str = "]") -> str:
        out: list[str] = []
        pos = 0
        for span in self.marks:
            out += [self.text[pos : span.start], open, self.text[span.start : span.end], close]
            pos = span.end
        out.append(self.text[pos:])
        return "".join(out)


@dataclass(frozen=True, slots=True)
class ReportHits:
    report: str
    title: str | None
    product: str | None
    hits: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of a search: `groups` holds hits `offset` to `offset + limit` of `total` (in `reports` reports)."""

    query: str
    groups: tuple[ReportHits, ...] = field(default_factory=tuple)
    total: int = 0
    """How many distinct sentences match in all (one per wording per report), not only this page."""
    reports: int | None = 0
    """How many reports those sentences are in; None when there are too many sentences to count them cheaply
    (on SQLite, more than `_db.REPORTS_COUNTED`)."""
    limit: int = 20
    offset: int = 0

    @property
    def page(self) -> int:
        """This page's number, from 1."""
        return self.offset // self.limit + 1 if self.limit else 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(h for g in self.groups for h in g.hits)

    def __len__(self) -> int:
        return sum(len(g.hits) for g in self.groups)


@dataclass(frozen=True, slots=True)
class Citations:
    """One page of the sentences that print one passage (a hit's wording), in edition order: `citations` are
    `offset` to `offset + limit` of `total`, printed by `editions` editions."""

    report: str
    text: str
    citations: tuple[Citation, ...]
    total: int
    editions: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class FirstSeen:
    """Where a statement first appeared in one report: `citation` is the earliest edition found by following
    alignment links back from `exact` (the earliest edition printing the matched wording verbatim); `history`
    is that chain, oldest first, with each edition's wording."""

    report: str
    citation: Citation
    exact: Citation
    history: tuple[tuple[Citation, str], ...]


CSV_COLUMNS = (
    "rank",
    "report",
    "role",
    "sentence",
    "editions",
    "first_seen",
    "first_seen_date",
    "latest",
    "latest_date",
    "section",
)
"""The columns of `editions search --format csv` and `/api/search.csv`, one row per hit (see the README)."""


def search_csv(results: SearchResults) -> str:
    """The page of hits as CSV: `CSV_COLUMNS`, one row per hit in rank order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for group, hit in sorted(((g, h) for g in results.groups for h in g.hits), key=lambda gh: gh[1].rank):
        first, latest = hit.first_seen, hit.latest
        writer.writerow(
            (
                hit.rank,
                group.report,
                hit.role or "",
                hit.text,
                hit.editions,
                first.ref,
                first.date.isoformat() if first.date else "",
                latest.ref,
                latest.date.isoformat() if latest.date else "",
                " > ".join(latest.section),
            )
        )
    return out.getvalue()
