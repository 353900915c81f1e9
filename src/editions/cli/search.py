"""Finding in the library: `search` and `timeline`."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from editions.cli.common import (
    _LIBRARY_OPTION,
    EXIT_ERROR,
    _date,
    _stdout_console,
    _user_errors,
    error,
)
from editions.library import Library, render_chart
from editions.library.timeline import to_csv as timeline_csv
from editions.render import markdown as render_markdown
from editions.render import results as render_results
from editions.vocabulary import section_label


class SearchWithin(StrEnum):
    body = "body"
    captions = "captions"
    notes = "notes"


class SearchFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def search(
    query: Annotated[str, typer.Argument(help='Words that must all appear; "quoted phrases" match as a phrase.')],
    report: Annotated[str | None, typer.Option("--report", "-r", help="Only this report.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only editions dated on or after (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only editions dated on or before.")] = None,
    product: Annotated[str | None, typer.Option("--product", help='Only this product, e.g. "In Focus".')] = None,
    within: Annotated[
        SearchWithin | None,
        typer.Option(
            "--in", help="Only body sentences (prose, table rows), captions, or notes (notes, sources, references)."
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many sentences a page.")] = 20,
    page: Annotated[int, typer.Option("--page", "-p", min=1, help="Which page of results (from 1).")] = 1,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    output_format: Annotated[
        SearchFormat, typer.Option("--format", "-f", help="How to write the results (csv: one row per sentence).")
    ] = SearchFormat.terminal,
) -> None:
    """Which editions say it: matching sentences (each wording once, the reports' body prose first, then
    captions and notes) grouped by report, each cited to its latest edition and section, with the edition it
    first appeared in; with the total and page."""
    from rich.text import Text

    from editions.library.search import search_csv

    with _user_errors(), Library(library, create=False) as lib:
        results = lib.search(
            query,
            report=report,
            since=since,
            until=until,
            product=product,
            within=within.value if within else None,
            limit=limit,
            offset=(page - 1) * limit,
        )
    if output_format is SearchFormat.csv:
        sys.stdout.write(search_csv(results))
        return
    if output_format is SearchFormat.json:
        sys.stdout.write(json.dumps(render_results.search_to_dict(results), indent=2) + "\n")
        return
    if not results.groups:
        if results.total:
            sys.stdout.write(f"{_counted(results)}; page {page} is past the last ({results.pages}).\n")
        else:
            sys.stdout.write(f"No sentence in the library matches {query!r}.\n")
        return
    if output_format is SearchFormat.markdown:
        lines: list[str] = []
        for g in results.groups:
            lines += [f"## {g.report}: {render_markdown.escape(g.title or '', line_start=False)}", ""]
            for h in g.hits:
                text = h.highlighted("**", "**")
                lines.append(f"- {text} ({_citation(h)})")
            lines.append("")
        lines += [_page_line(results), ""]
        sys.stdout.write("\n".join(lines))
        return
    console = _stdout_console()
    for g in results.groups:
        console.print(
            Text.assemble((g.report, "bold"), "  ", g.title or "", (f"  ({g.product})" if g.product else "", "dim"))
        )
        for h in g.hits:
            line = Text("  " + h.text)
            for m in h.marks:
                line.stylize("bold yellow", m.start + 2, m.end + 2)
            console.print(line)
            console.print(Text("    " + _citation(h), style="dim"))
        console.print()
    console.print(Text(_page_line(results), style="dim"))


def _counted(results: object) -> str:
    from editions.library import SearchResults

    assert isinstance(results, SearchResults)
    s = "" if results.total == 1 else "s"
    if results.reports is None:
        return f"{results.total:,} sentence{s} (too many to count their reports)"
    r = "" if results.reports == 1 else "s"
    return f"{results.total} sentence{s} in {results.reports} report{r}"


def _page_line(results: object) -> str:
    """ "47 sentences in 7 reports; 1–20 shown (page 1 of 3; next: --page 2)"."""
    from editions.library import SearchResults

    assert isinstance(results, SearchResults)
    shown = len(results)
    line = f"{_counted(results)}; {results.offset + 1}–{results.offset + shown} shown"
    if results.pages > 1:
        line += f" (page {results.page} of {results.pages}"
        line += f"; next: --page {results.page + 1})" if results.page < results.pages else ")"
    return line


def _citation(hit: object) -> str:
    from editions.library import Hit

    assert isinstance(hit, Hit)
    latest, first = hit.latest, hit.first_seen
    where = section_label(latest.section)
    n = hit.editions
    seen = "" if first.ref == latest.ref else f"; first seen {first.ref}"
    return f"{latest.ref} · {where} · sentence {latest.sentence + 1} · in {n} edition{'s' if n != 1 else ''}{seen}"


class TimelineFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    csv = "csv"


def timeline(
    report: Annotated[str, typer.Argument(help="The report, e.g. IF10199.")],
    words: Annotated[str, typer.Argument(help='What the figure is about, e.g. "troops".')],
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    output_format: Annotated[
        TimelineFormat, typer.Option("--format", "-f", help="How to write the timeline (csv: one row per edition).")
    ] = TimelineFormat.terminal,
) -> None:
    """A figure through every edition of a report: its value in each, with a small chart and the sentence
    that states it."""
    with _user_errors(), Library(library, create=False) as lib:
        found = lib.timeline(report, words)
    if output_format is TimelineFormat.json:
        sys.stdout.write(json.dumps(render_results.timeline_to_dict(found), indent=2) + "\n")
        return
    if not found.found:
        error(f"no figure about {words!r} in {found.report}; try other words, or: editions search {words!r}")
        raise typer.Exit(EXIT_ERROR)
    if output_format is TimelineFormat.csv:
        sys.stdout.write(timeline_csv(found))
        return
    if output_format is TimelineFormat.markdown:
        lines = [f"## {found.report}: {words}", "", f"What it measures: {render_markdown.escape(found.measures or '')}"]
        lines += ["", "| Date | Edition | Figure | Sentence |", "|---|---|---|---|"]
        for p in found.points:
            lines.append(
                f"| {_date(p.date)} | {p.ref} | {render_markdown.escape(p.text or '—', line_start=False)} | "
                f"{render_markdown.escape(p.sentence_text or '', line_start=False)} |"
            )
            for a in p.alternatives:
                lines.append(
                    f"| {_date(p.date)} | {p.ref} | or {render_markdown.escape(a.text, line_start=False)} | "
                    f"{render_markdown.escape(a.sentence_text, line_start=False)} |"
                )
        sys.stdout.write("\n".join(lines) + "\n")
        return
    console = _stdout_console()
    console.print(f"[bold]{found.report}[/bold]  {found.title or ''}  [dim]figure: {words}[/dim]")
    console.print(f"What it measures: {found.measures}\n", markup=False, highlight=False)
    sys.stdout.write(render_chart(found))
    sys.stdout.write("\n")
    previous: object = object()
    for p in found.points:
        if p.stated and (p.value != previous or p.alternatives):
            console.print(f"[dim]{p.ref}, sentence {(p.sentence or 0) + 1}:[/dim] {p.sentence_text}")
        for a in p.alternatives:
            console.print(f"[dim]{p.ref}, or sentence {a.sentence + 1}:[/dim] {a.sentence_text}")
        previous = p.value
