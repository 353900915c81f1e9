"""Reading editions: `show`, `facts` and `diff`."""

from __future__ import annotations

import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import editions
from editions import ingest
from editions.cli.app import InputFormat, OutputFormat
from editions.cli.common import (
    _LIBRARY_OPTION,
    _MAX_SIZE_OPTION,
    EXIT_ERROR,
    MAX_SIZE_ENV,
    _date,
    _editions,
    _is_reference,
    _library_edition,
    _max_bytes,
    _read,
    _user_errors,
    error,
    usage_error,
)
from editions.compare.align import DEFAULT_PARAMS, SimilarityFn
from editions.model import SCHEMA_VERSION
from editions.render import comparison as render_comparison
from editions.render import json as render_json
from editions.render import markdown as render_markdown
from editions.render import terminal as render_terminal
from editions.vocabulary import section_label

DIFF_MAX_BYTES = 10 * 1024 * 1024
"""diff's default input limit, below the readers' own: a comparison reads both editions and then pairs every
sentence, so its cost passes a minute well before the readers' limit; --max-size raises it."""
_DIFF_MAX_SIZE_OPTION = typer.Option(
    "--max-size",
    envvar=MAX_SIZE_ENV,
    help="Refuse inputs larger than this: 10MB, 2GB, 500KB or a number of bytes.",
    show_default="10MB",
)


def show(
    file: Annotated[
        Path,
        typer.Argument(
            help="An edition: Markdown (.md), plain text (.txt), HTML (.html) or PDF (.pdf), or one in the library "
            "(IF12345, IF12345@v7, IF12345@2034-05-04, IF12345~1).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to write the edition.")
    ] = OutputFormat.terminal,
    source: Annotated[
        InputFormat | None,
        typer.Option("--source", help="For an edition in the library: show its reading from this format."),
    ] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    max_size: Annotated[str | None, _MAX_SIZE_OPTION] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", help="Read FILE as this format instead of going by its name and content."),
    ] = None,
    furniture: Annotated[
        bool,
        typer.Option("--furniture/--no-furniture", help="Show page furniture (date line, authors, disclaimer)."),
    ] = True,
) -> None:
    """Show one edition, cleanly: metadata, sections, the text, page furniture set apart. An edition in the
    library is shown from its primary source (HTML, else Markdown, else PDF, else text) unless --source says."""
    limit = _max_bytes(max_size)
    with _user_errors():
        if _is_reference(file):
            edition = _library_edition(library, str(file), source.value if source else None)
        else:
            if source is not None:
                usage_error("--source chooses a source of an edition in the library; FILE is a file.")
            edition = _read(file, limit, input_format.value if input_format else None)
    if output_format is OutputFormat.json:
        render_json.write_edition(edition, sys.stdout)
    elif output_format is OutputFormat.markdown:
        sys.stdout.write(render_markdown.render_edition(edition, furniture=furniture))
    else:
        Console(highlight=False).print(render_terminal.render_edition(edition, furniture=furniture))


class FactsFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    csv = "csv"


def facts(
    file: Annotated[Path, typer.Argument(help="An edition (any format `show` reads).", show_default=False)],
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", "-k", help="Only facts of this kind (repeat, or separate by commas).", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        FactsFormat, typer.Option("--format", "-f", help="How to write the facts.")
    ] = FactsFormat.terminal,
    max_size: Annotated[str | None, _MAX_SIZE_OPTION] = None,
) -> None:
    """The figures and dated statements of an edition, sentence by sentence, each with what it measures.

    Kinds: count, money, percent, fraction, rank, ordinal, date, year, duration, range, office_holder."""
    import csv

    from editions.facts import KINDS

    wanted = {k.strip() for option in kinds or () for k in option.split(",") if k.strip()}
    if unknown := sorted(wanted - set(KINDS)):
        usage_error(f"unknown fact kind {', '.join(map(repr, unknown))}; the kinds are: {', '.join(KINDS)}.")
    limit = _max_bytes(max_size)
    with _user_errors():
        edition = _read(file, limit, None)
    found = [f for f in edition.facts if not wanted or f.kind in wanted]
    sections = {s.index: s.section for s in edition.sentences}
    if output_format is FactsFormat.json:
        doc = {
            "schema": SCHEMA_VERSION,
            "edition": {"id": edition.id, "report": edition.report, "title": edition.title,
                        "date": _date(edition.date) or None},
            "facts": [render_json.fact_to_dict(f) for f in found],
        }  # fmt: skip
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if output_format is FactsFormat.csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["sentence", "section", "kind", "text", "value", "unit", "approximate", "measure", "start", "end"])
        for f in found:
            section = section_label(sections.get(f.sentence, ()), lead="")  # an empty cell: no heading above
            out.writerow([f.sentence, section, f.kind, f.span.of(edition.text),
                          "" if f.value is None else f.value, f.unit or "", str(f.approximate).lower(), f.measure,
                          f.span.start, f.span.end])  # fmt: skip
        return
    if not found:
        sys.stdout.write(f"No {'facts of that kind' if wanted else 'facts'} in {file}.\n")
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for name in ("#", "Section", "Kind", "Text", "Value", "Unit", "~", "Measure"):
        wraps = name in ("Section", "Text", "Measure")  # the others stay on one line
        table.add_column(name, justify="right" if name in ("#", "Value") else "left", no_wrap=not wraps)
    for f in found:
        value = f"{f.value:,}" if isinstance(f.value, int | float) and not isinstance(f.value, bool) else str(f.value)
        surface = " ".join(f.span.of(edition.text).split())
        section = section_label(sections.get(f.sentence, ()))
        table.add_row(str(f.sentence + 1), section, f.kind, surface, value, f.unit or "",
                      "~" if f.approximate else "", f.measure)  # fmt: skip
    Console(highlight=False).print(table)


class DiffFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"


def diff(
    old: Annotated[Path, typer.Argument(help="The earlier edition (any format `show` reads).", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later edition.", show_default=False)],
    output_format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="How to write the comparison (csv: one row per figure change)."),
    ] = DiffFormat.terminal,
    min_change: Annotated[
        float,
        typer.Option("--min-change", min=0.0, max=1.0, help="Hide edits changing less than this share of words (0-1)."),
    ] = 0.0,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    max_size: Annotated[str | None, _DIFF_MAX_SIZE_OPTION] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    semantic: Annotated[
        bool,
        typer.Option(
            "--semantic", help="Also pair paraphrases by sentence embeddings (needs the editions[semantic] extra)."
        ),
    ] = False,
) -> None:
    """What changed from OLD to NEW: a headline of the news first, then figures, new and dropped sections and
    statements, rewording, moves, notes and references, each cited. Without a terminal (a file, a pipe) the
    redline is marked [-old-]{+new+}.

    OLD and NEW are files, or editions in the library: IF10199 (latest), IF10199~1 (the one before),
    IF10199@2022-07-21 (by date)."""
    limit = _max_bytes(max_size, DIFF_MAX_BYTES)
    for path in (old, new):
        if path.is_file() and (size := path.stat().st_size) > limit:
            error(
                f"{path} is {ingest.format_size(size)}, over diff's {ingest.format_size(limit)} limit on each edition; "
                f"--max-size (or ${MAX_SIZE_ENV}) raises it."
            )
            raise typer.Exit(EXIT_ERROR)
    with _user_errors():
        similarity: SimilarityFn | None = None
        params = DEFAULT_PARAMS
        if semantic:
            from editions.compare import semantic as embeddings

            similarity, params = embeddings.semantic_similarity(), embeddings.SEMANTIC_PARAMS
        old_edition, new_edition = _editions(old, new, limit, library)
        comparison = editions.compare(
            old_edition,
            new_edition,
            min_change=min_change,
            params=params,
            similarity=similarity,
        )
    if output_format is DiffFormat.json:
        # Written element by element: a large comparison's JSON is never held whole.
        if output is None:
            render_comparison.write_json(comparison, sys.stdout)
            return
        try:
            with output.open("w", encoding="utf-8") as stream:
                render_comparison.write_json(comparison, stream)
        except OSError as exc:
            error(f"cannot write {output}: {exc.strerror or exc}.")
            raise typer.Exit(EXIT_ERROR) from None
        return
    if output_format is DiffFormat.csv:
        text = render_comparison.render_figures_csv(comparison)
    elif output_format is DiffFormat.markdown:
        text = render_comparison.render_markdown(comparison, min_change=min_change)
    elif output_format is DiffFormat.html:
        text = render_comparison.render_html(comparison, min_change=min_change)
    else:
        if output is None:
            console = Console(highlight=False)
            # Without a terminal the styles are dropped: the redline is then marked [-old-]{+new+}.
            plain = not console.is_terminal or console.no_color
            console.print(render_comparison.render_terminal(comparison, min_change=min_change, plain=plain))
            return
        console = Console(highlight=False, record=True, file=io.StringIO(), width=120)
        console.print(render_comparison.render_terminal(comparison, min_change=min_change, plain=True))
        text = console.export_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror or exc}.")
        raise typer.Exit(EXIT_ERROR) from None
