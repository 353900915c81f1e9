"""A comparison as data for programs: the JSON document (DESIGN.md's contract), written whole or element by
element, and the figure changes as CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, TextIO

from editions.compare.brief import section_name
from editions.model import COMPARISON_SCHEMA_VERSION, BriefItem, Comparison, Edition
from editions.render.comparison.view import fact_text
from editions.render.json import fact_to_dict, write_streamed


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data, following DESIGN.md's contract (`"schema": 2`: each link carries
    compare's verdict, each brief item whether it is in the headline, its group and the fact changes it shows)."""
    fields = _comparison_fields(comparison)
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in fields.items()}


def _comparison_fields(comparison: Comparison) -> dict[str, Any]:
    """The comparison's JSON fields in order; its sentences, links, fact changes and brief as iterators, so a
    writer can make and write them one at a time."""
    c = comparison
    return {
        "schema": COMPARISON_SCHEMA_VERSION,
        "old": _edition_head(c.old),
        "new": _edition_head(c.new),
        "old_text": c.old.text,
        "new_text": c.new.text,
        "old_sentences": (_sentence(c.old, k) for k in range(len(c.old.sentences))),
        "new_sentences": (_sentence(c.new, k) for k in range(len(c.new.sentences))),
        "links": (
            {
                "old": list(link.old),
                "new": list(link.new),
                "kind": str(link.kind),
                "similarity": link.similarity,
                "words": [list(op) for op in link.words],
                "substantive": link.substantive,
                "changed": link.changed,
            }
            for link in c.links
        ),
        "fact_changes": (
            {
                "kind": str(fc.kind),
                "measure": fc.measure,
                "old": fact_to_dict(fc.old) if fc.old else None,
                "new": fact_to_dict(fc.new) if fc.new else None,
            }
            for fc in c.fact_changes
        ),
        "stats": dict(c.stats),
        "brief": map(brief_item_to_dict, c.brief),
    }


def brief_item_to_dict(item: BriefItem) -> dict[str, Any]:
    """One brief item as JSON: also the shape of the web API's briefs."""
    return {
        "text": item.text,
        "kind": item.kind,
        "citations": {"old": list(item.citations.old), "new": list(item.citations.new)},
        "headline": item.headline,
        "group": item.group,
        "fact_changes": list(item.fact_changes),
        "changed": item.changed,
    }


def render_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as a JSON document (UTF-8 text, not ASCII-escaped), ending in a newline."""
    if indent is None:
        return json.dumps(comparison_to_dict(comparison), ensure_ascii=False) + "\n"
    out = io.StringIO()
    write_json(comparison, out, indent=indent)
    return out.getvalue()


def write_json(comparison: Comparison, out: TextIO, *, indent: int = 2) -> None:
    """Write `render_json`'s document to `out` element by element (`render.json.write_streamed`), so that a
    large comparison is never held whole as text and dicts."""
    write_streamed(_comparison_fields(comparison), out, indent=indent)


FIGURE_CSV_COLUMNS = (
    "kind",
    "section",
    "measure",
    "old_figure",
    "new_figure",
    "old_value",
    "new_value",
    "unit",
    "old_sentence",
    "new_sentence",
    "old_text",
    "new_text",
    "in_brief",
)
"""The columns of `editions diff --format csv` and `/api/compare/{old}/{new}.csv`: one row per figure change (see
the README)."""


def render_figures_csv(comparison: Comparison) -> str:
    """Every figure change of the comparison as CSV (`FIGURE_CSV_COLUMNS`), in the comparison's order: what
    changed (changed, added, removed), the section (the new edition's, or the old one's for a removed figure),
    what the figure measures, each side's figure as printed and as a value, the sentence indices (from 0, as in
    the JSON) and texts, and whether the brief shows it (figures in notes and references are not shown)."""
    c = comparison
    in_brief = {n for item in c.brief for n in item.fact_changes}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_CSV_COLUMNS)
    for n, fc in enumerate(c.fact_changes):
        old, new = fc.old, fc.new
        stated = new or old
        section = section_name(c.new, new.sentence) if new else section_name(c.old, old.sentence) if old else ""
        writer.writerow(
            (
                str(fc.kind),
                section,
                fc.measure,
                fact_text(c.old, old),
                fact_text(c.new, new),
                _csv_value(old.value) if old else "",
                _csv_value(new.value) if new else "",
                (stated.unit or "") if stated else "",
                old.sentence if old else "",
                new.sentence if new else "",
                c.old.text_of(c.old.sentences[old.sentence]) if old else "",
                c.new.text_of(c.new.sentences[new.sentence]) if new else "",
                "yes" if n in in_brief else "no",
            )
        )
    return out.getvalue()


def _csv_value(value: object) -> str:
    """A fact's value in a CSV cell: a whole number without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _edition_head(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.id,
        "report": edition.report,
        "title": edition.title,
        "date": edition.date.isoformat() if edition.date else None,
    }


def _sentence(edition: Edition, k: int) -> dict[str, Any]:
    s = edition.sentences[k]
    return {
        "index": s.index,
        "start": s.span.start,
        "end": s.span.end,
        "section": list(s.section),
        "role": str(s.role),
    }
