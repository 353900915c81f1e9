"""Searching the library: `Library.search`, `Library.citations` and `Library.first_seen`, with the reads they
share (which editions cite a passage, in which order). The result types and the query syntax are in `search.py`;
what each database does to find and rank matches is in `sqlite.py` and `postgres.py`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editions.library import _codec
from editions.library._db import LibraryError, NotFoundError, SearchFilter
from editions.library.refs import EditionRow as _Row
from editions.library.refs import name as _ref
from editions.library.refs import names as _refs
from editions.library.refs import ordered as _ordered
from editions.library.search import (
    CITED_PER_HIT,
    SEARCH_WITHIN,
    Citation,
    Citations,
    FirstSeen,
    Hit,
    ReportHits,
    SearchResults,
    fts5_query,
    has_words,
    unmark,
)

if TYPE_CHECKING:
    from editions.library import Library


@dataclass(frozen=True, slots=True)
class _Cited:
    """What a search hit cites: at most `CITED_PER_HIT` citations, and how many sentences and editions in all."""

    citations: tuple[Citation, ...]
    sentences: int
    editions: int


def search(
    library: Library,
    query: str,
    *,
    report: str | None = None,
    product: str | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    within: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Sentences of every edition that contain all the query's words (or "quoted phrases"): one hit per
    distinct sentence of a report, however many editions print it; the report's argument (body prose, table
    rows) first, then captions, notes, source lines and references; best first within each. `within` keeps
    one kind only (`SEARCH_WITHIN`: body, captions, notes). Hits `offset` to `offset + limit`, grouped by
    report, each citing every edition (within `since`/`until`) that prints it; `total` counts them all."""
    if within is not None and within not in SEARCH_WITHIN:
        raise ValueError(f"search within {within!r}: give one of {', '.join(SEARCH_WITHIN)}.")
    if not has_words(query) or limit <= 0:
        return SearchResults(query, limit=max(limit, 0), offset=max(offset, 0))
    offset = max(offset, 0)
    where = SearchFilter(
        report=library._report(report)[0] if report else None,
        product=product,
        since=_date_bound(since, "since"),
        until=_date_bound(until, "until"),
        roles=SEARCH_WITHIN[within] if within else None,
    )
    text = fts5_query(query) if library._db.dialect == "sqlite" else query
    found = library._db.search(text, where, limit, offset)
    if not found.matches:
        return SearchResults(query, total=found.total, reports=found.reports, limit=limit, offset=offset)
    matches = found.matches
    citations = _citations(library, [m.passage for m in matches], where)
    reports = _report_rows(library, {m.report for m in matches})
    groups: dict[int, list[Hit]] = {}
    for rank, m in enumerate(matches, offset + 1):
        cited = citations.get(m.passage)
        if cited is None:
            continue
        plain, marks = unmark(m.marked)
        groups.setdefault(m.report, []).append(
            Hit(plain, marks, cited.citations, m.score, m.role, rank, cited.sentences, cited.editions)
        )
    return SearchResults(
        query,
        tuple(ReportHits(reports[pk][0], reports[pk][1], reports[pk][2], tuple(hits)) for pk, hits in groups.items()),
        total=found.total,
        reports=found.reports,
        limit=limit,
        offset=offset,
    )


def _report_rows(library: Library, pks: Iterable[int]) -> dict[int, tuple[str, str | None, str | None]]:
    keys = list(pks)
    if not keys:
        return {}
    marks = ", ".join("?" * len(keys))
    return {
        int(pk): (str(key), title, product)
        for pk, key, title, product in library._db.query(
            f"SELECT pk, key, title, product FROM reports WHERE pk IN ({marks})", tuple(keys)
        )
    }


def _citations(library: Library, passages: Sequence[int], where: SearchFilter) -> dict[int, _Cited]:
    """For each passage, how many sentences and editions (within `where`'s dates) print it, and the
    citations its hit carries: the first sentence of the edition it was first seen in and of the newest
    editions, `CITED_PER_HIT` at most, in edition order. Read as one row per edition, never per sentence."""
    marks = ", ".join("?" * len(passages))
    per_edition = library._db.query(
        "SELECT passage_pk, report_pk, edition_pk, n, idx, section FROM ("
        "  SELECT s.passage_pk, e.report_pk, s.edition_pk, s.idx, s.section, count(*) OVER w AS n,"
        "   row_number() OVER (w ORDER BY s.idx) AS r"
        f"  FROM sentences s JOIN editions e ON e.pk = s.edition_pk WHERE s.passage_pk IN ({marks})"
        "  WINDOW w AS (PARTITION BY s.passage_pk, s.edition_pk)"
        ") AS cited WHERE r = 1",
        tuple(passages),
    )
    position = _edition_positions(library, {int(r[1]) for r in per_edition})
    keys = {pk: v[0] for pk, v in _report_rows(library, {int(r[1]) for r in per_edition}).items()}
    printed: dict[int, list[tuple[int, int, Citation]]] = {}  # passage → (position, count, citation)
    for passage_pk, report_pk, edition_pk, count, idx, section in per_edition:
        i, row, ref = position[int(edition_pk)]
        if _dated_within(row.date, where):
            citation = Citation(
                keys[int(report_pk)], row.id, ref, row.date, row.version, int(idx), _codec.read_section(section)
            )
            printed.setdefault(int(passage_pk), []).append((i, int(count), citation))
    out: dict[int, _Cited] = {}
    for passage_pk, editions in printed.items():
        editions.sort(key=lambda e: e[0])
        chosen = editions if len(editions) <= CITED_PER_HIT else [editions[0], *editions[1 - CITED_PER_HIT :]]
        out[passage_pk] = _Cited(tuple(c for _, _, c in chosen), sum(n for _, n, _ in editions), len(editions))
    return out


def _edition_positions(library: Library, report_pks: set[int]) -> dict[int, tuple[int, _Row, str]]:
    """Edition pk → (position in its report, row, reference), for every edition of these reports."""
    if not report_pks:
        return {}
    keys = {pk: v[0] for pk, v in _report_rows(library, report_pks).items()}
    marks = ", ".join("?" * len(report_pks))
    by_report: dict[int, list[_Row]] = {}
    for r in library._db.query(
        "SELECT pk, id, date, version, title, product, sentence_count, report_pk FROM editions "
        f"WHERE report_pk IN ({marks})",
        tuple(report_pks),
    ):
        by_report.setdefault(int(r[7]), []).append(
            _Row(int(r[0]), str(r[1]), _codec.read_date(r[2]), r[3], r[4], r[5], int(r[6]))
        )
    position: dict[int, tuple[int, _Row, str]] = {}
    for report_pk, rows in by_report.items():
        ordered = _ordered(rows)
        for i, ref in enumerate(_refs(keys[report_pk], ordered)):
            position[ordered[i].pk] = (i, ordered[i], ref)
    return position


def citations(
    library: Library,
    ref: str,
    sentence: int,
    *,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Citations:
    """Every sentence (within `since`/`until`) that prints the wording of sentence `sentence` (from 0) of
    edition `ref`, in edition order, `offset` to `offset + limit`: the citations a search hit leaves out
    (a hit names its latest one, so `citations(hit.latest.ref, hit.latest.sentence)` pages through all)."""
    offset, limit = max(offset, 0), max(limit, 0)
    _, key, rows, position = library._resolve(ref)
    row = rows[position]
    found = library._db.query(
        "SELECT s.passage_pk, p.text FROM sentences s JOIN passages p ON p.pk = s.passage_pk "
        "WHERE s.edition_pk = ? AND s.idx = ?",
        (row.pk, sentence),
    )
    if not found:
        raise NotFoundError(f"{_ref(key, row, rows)} has no sentence {sentence} (it has {row.sentences}).")
    passage_pk, text = int(found[0][0]), str(found[0][1])
    where = SearchFilter(since=_date_bound(since, "since"), until=_date_bound(until, "until"))
    counts = {
        int(pk): int(n)
        for pk, n in library._db.query(
            "SELECT edition_pk, count(*) FROM sentences WHERE passage_pk = ? GROUP BY edition_pk", (passage_pk,)
        )
    }
    refs = _refs(key, rows)
    printing = [(r, refs[i], counts[r.pk]) for i, r in enumerate(rows) if r.pk in counts]
    printing = [p for p in printing if _dated_within(p[0].date, where)]
    citations: list[Citation] = []
    before = 0  # citations in the editions before the current one
    for r, r_ref, n in printing:
        skip = max(offset - before, 0)
        take = min(n - skip, offset + limit - before - skip)
        before += n
        if take <= 0 or skip >= n:
            continue
        for idx, section in library._db.query(
            "SELECT idx, section FROM sentences WHERE edition_pk = ? AND passage_pk = ? ORDER BY idx LIMIT ? OFFSET ?",
            (r.pk, passage_pk, take, skip),
        ):
            citations.append(Citation(key, r.id, r_ref, r.date, r.version, int(idx), _codec.read_section(section)))
    return Citations(key, text, tuple(citations), before, len(printing), offset, limit)


def first_seen(library: Library, text: str, *, report: str | None = None, limit: int = 20) -> list[FirstSeen]:
    """For each report whose editions print `text` (a sentence or phrase), the earliest edition that says
    it: found verbatim, then followed back through earlier editions along `editions.compare`'s alignment
    links (so a reworded sentence keeps its history). Without the compare stage, verbatim only."""
    phrase = " ".join(text.replace('"', " ").split())
    results = search(library, f'"{phrase}"', report=report, limit=limit)
    out: list[FirstSeen] = []
    for group in results.groups:
        earliest = min((h.first_seen for h in group.hits), key=lambda c: library._position(c))
        history = library._history(earliest)
        out.append(FirstSeen(group.report, history[0][0], earliest, tuple(history)))
    return out


def _dated_within(date: dt.date | None, where: SearchFilter) -> bool:
    """Whether an edition of this date is within the search's `since`/`until` (an undated one is not, when
    either is given)."""
    day = date.isoformat() if date else None
    if where.since and (day is None or day < where.since):
        return False
    return not (where.until and (day is None or day > where.until))


def _date_bound(value: dt.date | str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return f"{text}-01-01" if name == "since" else f"{text}-12-31"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            start = dt.date.fromisoformat(text + "-01")
            if name == "since":
                return start.isoformat()
            following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return (following - dt.timedelta(days=1)).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise LibraryError(f"{name} {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD.") from None
