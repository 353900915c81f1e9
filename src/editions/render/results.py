"""The library's results as JSON-ready dicts, one serialiser per result type, written alike by the command
line (`editions list|search|timeline --format json`) and the web app's `/api/…` (README lists the keys).

Every dict carries what either face wrote before the two were joined; each face may wrap it (the API adds
`"schema"` to its top-level answers, `editions list` writes a bare array)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from editions.library import (
    Citation,
    Citations,
    EditionInfo,
    ReportInfo,
    ReportOverview,
    SearchResults,
    Timeline,
)
from editions.model import SCHEMA_VERSION
from editions.render.comparison import brief_item_to_dict
from editions.render.json import source_fields


def iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def report_to_dict(r: ReportInfo) -> dict[str, Any]:
    """A report of the library: its number, title, product, how many editions and their date range."""
    return {
        "report": r.report,
        "title": r.title,
        "product": r.product,
        "editions": r.editions,
        "first": iso(r.first),
        "latest": iso(r.latest),
    }


def edition_info_to_dict(e: EditionInfo) -> dict[str, Any]:
    """An edition as the library lists it: reference, id, dates, place in its report, share changed, sources."""
    return {
        "ref": e.ref,
        "id": e.id,
        "report": e.report,
        "title": e.title,
        "date": iso(e.date),
        "version": e.version,
        "product": e.product,
        "position": e.position,
        "changed": e.changed,
        "sentences": e.sentences,
        "sources": [source_fields(s) for s in e.sources],
    }


def citation_to_dict(c: Citation) -> dict[str, Any]:
    return {"ref": c.ref, "edition": c.edition, "date": iso(c.date), "sentence": c.sentence,
            "section": list(c.section)}  # fmt: skip


def search_to_dict(results: SearchResults) -> dict[str, Any]:
    """One page of a search: the counts, and the hits grouped by report, each cited, with its first-seen edition."""
    return {
        "schema": SCHEMA_VERSION,
        "query": results.query,
        "total": results.total,
        "reports": results.reports,
        "offset": results.offset,
        "limit": results.limit,
        "groups": [
            {
                "report": g.report,
                "title": g.title,
                "product": g.product,
                "hits": [
                    {
                        "text": h.text,
                        "role": h.role,
                        "rank": h.rank,
                        "marks": [[m.start, m.end] for m in h.marks],
                        "first_seen": h.first_seen.ref,
                        "editions": h.editions,
                        "sentences": h.sentences,
                        "citations": [citation_to_dict(c) for c in h.citations],
                    }
                    for h in g.hits
                ],
            }
            for g in results.groups
        ],
    }


def citations_to_dict(cited: Citations) -> dict[str, Any]:
    """One page of the sentences that print a hit's wording (`Library.citations`)."""
    return {
        "schema": SCHEMA_VERSION,
        "report": cited.report,
        "text": cited.text,
        "total": cited.total,
        "editions": cited.editions,
        "offset": cited.offset,
        "limit": cited.limit,
        "citations": [citation_to_dict(c) for c in cited.citations],
    }


def timeline_to_dict(t: Timeline) -> dict[str, Any]:
    """One figure through a report's editions."""
    return {"schema": SCHEMA_VERSION, **t.to_dict()}


def report_overview_to_dict(o: ReportOverview) -> dict[str, Any]:
    """A report as its page shows it (`Library.overview`): its editions, figures and latest brief."""
    rows = o.editions
    return {
        "schema": SCHEMA_VERSION,
        "report": o.report,
        "title": rows[-1].title if rows else None,
        "product": rows[-1].product if rows else None,
        "editions": [edition_info_to_dict(e) for e in rows],
        "figures": [t.to_dict() for t in o.timelines],
        "latest_brief": None
        if o.brief is None
        else {"old": rows[-2].ref, "new": rows[-1].ref, "brief": [brief_item_to_dict(b) for b in o.brief]},
    }
