"""A report's summary, as its page shows it: the latest edition's brief and the figures worth charting.

Tracing figures through every edition costs a read of all the report's facts and a search per figure, too slow
for a page's first view (benchmarks/web.py's report page; docs/quality.md), so `Library.prepare` makes the
summary when editions are added and the library keeps it, as JSON, with the editions it was made from;
`Library.summary` reads it back.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from editions.facts import measure_similarity
from editions.library.timeline import Alternative, Timeline, TimelinePoint, sentence_similarity
from editions.model import BriefItem, Citations, Comparison, Edition

TRACKED_KINDS = frozenset({"count", "money", "percent", "fraction", "rank"})
"""Kinds of facts a report's summary charts."""
MAX_CHARTS = 6
MAX_STEADY = 3
"""How many of the steadiest figures a report page offers when none moved."""
SAME_SENTENCE = 0.5
SAME_MEASURE = 0.8
CANDIDATES = 4 * MAX_CHARTS
"""How many of the latest edition's figures are traced to find the ones that moved."""
_RANKS = frozenset({"rank", "ordinal"})
VERSION = "summary-4"
"""Stored with each summary (beside the compare engine); bump it when what a summary holds changes."""


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What a report page shows beyond its editions: the latest brief (None with one edition) and the figures
    charted."""

    brief: tuple[BriefItem, ...] | None
    timelines: tuple[Timeline, ...]


def _argument_sentences(edition: Edition) -> frozenset[int]:
    """The sentences of an edition whose figures a chart may show: body prose and table rows (structure's
    roles: titles and headings have no sentences, captions their own role)."""
    return frozenset(s.index for s in edition.sentences if s.role.is_argument)


def figure_candidates(latest: Comparison) -> list[str]:
    """What the figures worth charting measure, best first: those that changed in the latest edition, then
    the latest edition's figures in sentences aligned with an older sentence stating a figure of the same kind
    (a figure the edition before did not state cannot make a line, and tracing it costs a timeline). Figures
    of captions, headings, notes and source lines are never candidates."""
    old_argument, new_argument = _argument_sentences(latest.old), _argument_sentences(latest.new)
    out = [
        fc.measure
        for fc in latest.fact_changes
        if fc.old is not None
        and fc.new is not None
        and fc.new.kind in TRACKED_KINDS
        and fc.old.sentence in old_argument
        and fc.new.sentence in new_argument
    ]
    old_kinds: dict[int, set[str]] = {}
    for f in latest.old.facts:
        if f.kind in TRACKED_KINDS and f.sentence in old_argument:
            old_kinds.setdefault(f.sentence, set()).add(f.kind)
    kinds_before: dict[int, set[str]] = {}
    for link in latest.links:
        kinds = set().union(*(old_kinds.get(i, set()) for i in link.old)) if link.old else set()
        if kinds:
            for j in link.new:
                kinds_before.setdefault(j, set()).update(kinds)
    out += [
        f.measure for f in latest.new.facts if f.sentence in new_argument and f.kind in kinds_before.get(f.sentence, ())
    ]
    return list(dict.fromkeys(m for m in out if m.strip()))


def movement(timeline: Timeline) -> tuple[int, float]:
    """How often and how much a figure moved: the number of editions whose value differs from the last one
    stated before, and the largest relative step between two consecutive stated values (ranks and values of
    other kinds count a step of 1)."""
    values = [(p.number, p.kind) for p in timeline.points if p.number is not None]
    moves, largest = 0, 0.0
    for (a, _), (b, kind) in itertools.pairwise(values):
        if a is None or b is None or a == b:
            continue
        moves += 1
        step = 1.0 if kind in _RANKS or max(abs(a), abs(b)) == 0 else abs(b - a) / max(abs(a), abs(b))
        largest = max(largest, step)
    return moves, largest


def same_figure_throughout(timeline: Timeline) -> bool:
    """Whether each step of the line joins two statements of one figure beyond doubt: the two sentences are
    one sentence edited (they share at least SAME_SENTENCE of their words) or the words around the two
    figures are all but the same (their measures at least SAME_MEASURE alike). A line traced through a looser
    likeness (a House and a Senate recommendation, missiles launched and missiles intercepted) may set two
    measures side by side, so a page does not chart it unasked; nor a line where an edition states another
    candidate in a sentence as like its neighbour's (which of the two moved would be a guess)."""
    stated = [p for p in timeline.points if p.stated]
    for a, b in itertools.pairwise(stated):
        for point, neighbour in ((a, b), (b, a)):
            if any(
                sentence_similarity(other.sentence_text, neighbour.sentence_text or "") >= SAME_SENTENCE
                for other in point.alternatives
            ):
                return False  # the edition states two candidates as alike as each other: which moved is a guess
        if sentence_similarity(a.sentence_text or "", b.sentence_text or "") >= SAME_SENTENCE:
            continue
        if measure_similarity(a.measure or "", b.measure or "") >= SAME_MEASURE:
            continue
        return False
    return True


def tracked_figures(latest: Comparison | None, timelines: Callable[[Sequence[str]], list[Timeline]]) -> list[Timeline]:
    """The figures a report's summary charts: of the latest edition's figures that changed, or that the edition
    before stated too, those stated (as numbers) in at least two editions, the same figure throughout
    (`same_figure_throughout`), and that moved across the editions,
    ranked by how often and how much they moved; at most MAX_CHARTS. When none moved, the steadiest (at most
    MAX_STEADY): those written in digits and stated in the most editions (`Timeline.moved` tells the page which
    it is). The first CANDIDATES candidates are traced together (`timelines`: `Library.timelines` of the
    report, its facts read once)."""
    if latest is None:
        return []
    candidates = figure_candidates(latest)[:CANDIDATES]
    moving: list[tuple[tuple[int, float], int, Timeline]] = []
    steady: list[tuple[int, int, Timeline]] = []
    seen: set[tuple[tuple[str, int | None], ...]] = set()
    for n, timeline in enumerate(timelines(candidates) if candidates else []):
        numbers = [p.number for p in timeline.points if p.number is not None]
        chain = tuple((p.edition, p.sentence) for p in timeline.points if p.stated)
        if len(numbers) < 2 or chain in seen:
            continue
        seen.add(chain)
        if not same_figure_throughout(timeline):
            continue
        if timeline.moved:
            moving.append((movement(timeline), n, timeline))
        elif all(any(c.isdigit() for c in p.text or "") for p in timeline.points if p.stated):
            # Only figures written in digits are offered as the steadiest: a number word that never changed
            # ("two nonprofit organizations", "on three occasions", "the largest") is a loose count or a
            # way of speaking in prose more often than a figure a reader follows.
            steady.append((len(numbers), n, timeline))
    if moving:
        return [t for _, _, t in sorted(moving, key=lambda x: (-x[0][0], -x[0][1], x[1]))[:MAX_CHARTS]]
    return [t for *_, t in sorted(steady, key=lambda x: (-x[0], x[1]))[:MAX_STEADY]]


# --- Kept as JSON ------------------------------------------------------------------------------------------------


def to_json(summary: ReportSummary) -> str:
    return json.dumps(
        {
            "brief": None
            if summary.brief is None
            else [
                [
                    b.text,
                    b.kind,
                    list(b.citations.old),
                    list(b.citations.new),
                    b.headline,
                    b.group,
                    list(b.fact_changes),
                    b.changed,
                ]
                for b in summary.brief
            ],
            "timelines": [
                {
                    "report": t.report,
                    "title": t.title,
                    "query": t.query,
                    "points": [_point(p) for p in t.points],
                }
                for t in summary.timelines
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _point(p: TimelinePoint) -> list[Any]:
    return [
        p.edition,
        p.ref,
        None if p.date is None else p.date.isoformat(),
        p.version,
        p.value,
        p.kind,
        p.unit,
        p.approximate,
        p.text,
        p.measure,
        p.sentence,
        p.sentence_text,
        p.similarity,
        [[a.value, a.text, a.sentence, a.sentence_text] for a in p.alternatives],
        p.heading,
    ]


def from_json(text: str) -> ReportSummary:
    data = json.loads(text)
    brief = (
        None
        if data["brief"] is None
        else tuple(
            BriefItem(t, k, Citations(tuple(old), tuple(new)), bool(headline), str(group), tuple(facts), float(share))
            for t, k, old, new, headline, group, facts, share in data["brief"]
        )
    )
    timelines = tuple(
        Timeline(
            t["report"],
            t["title"],
            t["query"],
            tuple(
                TimelinePoint(
                    edition=p[0],
                    ref=p[1],
                    date=None if p[2] is None else dt.date.fromisoformat(p[2]),
                    version=p[3],
                    value=p[4],
                    kind=p[5],
                    unit=p[6],
                    approximate=p[7],
                    text=p[8],
                    measure=p[9],
                    sentence=p[10],
                    sentence_text=p[11],
                    similarity=p[12],
                    alternatives=tuple(Alternative(*a) for a in (p[13] if len(p) > 13 else ())),
                    heading=p[14] if len(p) > 14 else None,
                )
                for p in t["points"]
            ),
        )
        for t in data["timelines"]
    )
    return ReportSummary(brief, timelines)
