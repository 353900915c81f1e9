"""A report's summary, as its page shows it: the latest edition's brief and the figures worth charting.

Tracing figures through every edition costs a read of all the report's facts and a search per figure (up to
0.5 s for a report of 60 editions), so `Library.prepare` makes the summary when editions are added and the
library keeps it, as JSON, with the editions it was made from; `Library.summary` reads it back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from editions.library.timeline import Timeline, TimelinePoint
from editions.model import BriefItem, Citations, Comparison

TRACKED_KINDS = frozenset({"count", "money", "percent", "fraction", "rank"})
"""Kinds of facts a report's summary charts."""
MAX_CHARTS = 6
VERSION = "summary-2"
"""Stored with each summary (beside the compare engine); bump it when what a summary holds changes."""


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What a report page shows beyond its editions: the latest brief (None with one edition) and the figures
    charted."""

    brief: tuple[BriefItem, ...] | None
    timelines: tuple[Timeline, ...]


def figure_candidates(latest: Comparison) -> list[str]:
    """What the figures worth charting measure, best first: those that changed in the latest edition, then
    the latest edition's figures in sentences aligned with an older sentence stating a figure of the same kind
    (a figure the edition before did not state cannot make a line, and tracing it costs a timeline)."""
    out = [
        fc.measure
        for fc in latest.fact_changes
        if fc.old is not None and fc.new is not None and fc.new.kind in TRACKED_KINDS
    ]
    old_kinds: dict[int, set[str]] = {}
    for f in latest.old.facts:
        if f.kind in TRACKED_KINDS:
            old_kinds.setdefault(f.sentence, set()).add(f.kind)
    kinds_before: dict[int, set[str]] = {}
    for link in latest.links:
        kinds = set().union(*(old_kinds.get(i, set()) for i in link.old)) if link.old else set()
        if kinds:
            for j in link.new:
                kinds_before.setdefault(j, set()).update(kinds)
    out += [f.measure for f in latest.new.facts if f.kind in kinds_before.get(f.sentence, ())]
    return list(dict.fromkeys(m for m in out if m.strip()))


def tracked_figures(latest: Comparison | None, timelines: Callable[[Sequence[str]], list[Timeline]]) -> list[Timeline]:
    """The figures a report's summary charts: those that changed in the latest edition first, then the latest
    edition's other figures that the edition before stated too; of those, the ones stated (as numbers) in at
    least two editions, those that move before those that do not; at most MAX_CHARTS. The first 2 × MAX_CHARTS
    candidates are traced together (`timelines`: `Library.timelines` of the report, its facts read once), and
    taken in order until MAX_CHARTS moving figures are found."""
    if latest is None:
        return []
    candidates = figure_candidates(latest)[: 2 * MAX_CHARTS]
    found: list[tuple[bool, int, Timeline]] = []
    seen: set[tuple[tuple[str, int | None], ...]] = set()
    for n, timeline in enumerate(timelines(candidates) if candidates else []):
        if sum(1 for flat, _, _ in found if not flat) >= MAX_CHARTS:
            break
        numbers = [p.number for p in timeline.points if p.number is not None]
        chain = tuple((p.edition, p.sentence) for p in timeline.points if p.stated)
        if len(numbers) < 2 or chain in seen:
            continue
        seen.add(chain)
        found.append((len(set(numbers)) == 1, n, timeline))
    return [t for _, _, t in sorted(found, key=lambda x: x[:2])[:MAX_CHARTS]]


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
                )
                for p in t["points"]
            ),
        )
        for t in data["timelines"]
    )
    return ReportSummary(brief, timelines)
