"""The `editions` command line: each command calls the Python API and a renderer, nothing more.

Errors a user can act on (`EditionsError`) are printed as one line, `editions: <sentence>`, with exit code 1;
warnings as `editions: warning: <sentence>`; usage errors exit with 2; Ctrl-C exits quietly with 130.
Anything else is a bug: one line saying so (exit 70), or the traceback with `EDITIONS_DEBUG=1`.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

import editions
from editions import ingest
from editions.compare.align import DEFAULT_PARAMS, SimilarityFn
from editions.errors import EditionsError, InputWarning
from editions.library import FileResult, Library, render_chart, scan_paths
from editions.library.timeline import to_csv as timeline_csv
from editions.model import SCHEMA_VERSION, Edition
from editions.render import comparison as render_comparison
from editions.render import json as render_json
from editions.render import markdown as render_markdown
from editions.render import results as render_results
from editions.render import terminal as render_terminal
from editions.vocabulary import section_label

if TYPE_CHECKING:
    from rich.progress import Progress

    from editions.fetch import Fetched, FetchSettings, ReportFetched

PROG = "editions"
MAX_SIZE_ENV = "EDITIONS_MAX_SIZE"
_MAX_SIZE_OPTION = typer.Option(
    "--max-size",
    envvar=MAX_SIZE_ENV,
    help="Refuse inputs larger than this: 100MB, 2GB, 500KB or a number of bytes.",
    show_default="100MB",
)
DIFF_MAX_BYTES = 10 * 1024 * 1024
"""diff's default input limit, below the readers' own: a comparison reads both editions and then pairs every
sentence, so its cost passes a minute well before the readers' limit; --max-size raises it."""
_DIFF_MAX_SIZE_OPTION = typer.Option(
    "--max-size",
    envvar=MAX_SIZE_ENV,
    help="Refuse inputs larger than this: 10MB, 2GB, 500KB or a number of bytes.",
    show_default="10MB",
)
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name=PROG,
    help="See what changed between editions of a policy report. Start with: editions show FILE",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


class InputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


def _version(value: bool) -> None:
    if value:
        try:
            version = metadata.version("editions")
        except metadata.PackageNotFoundError:
            version = "unknown"
        sys.stdout.write(f"{PROG} {version}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """See what changed between editions of a policy report."""


@app.command()
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


@app.command()
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


@app.command()
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


def _naming(path: Path, message: str) -> str:
    """`message` about `path`, which names it once: a reader's sentence already starts with the path."""
    return message if message.startswith(f"{path} ") else f"{path}: {message}"


def _is_reference(arg: Path) -> bool:
    """Whether ARG names an edition in the library rather than a file: no such file, and no file name's look."""
    return not arg.exists() and arg.suffix.lower() not in ingest.EXTENSIONS and len(arg.parts) <= 1


def _edition(arg: Path, max_bytes: int, library: str | None) -> Edition:
    """A file, or when no such file exists and ARG reads as a library reference, that edition of the library."""
    is_file_name = arg.suffix.lower() in ingest.EXTENSIONS or len(arg.parts) > 1
    if not arg.exists() and not is_file_name:
        return _library_edition(library, str(arg))
    return _read(arg, max_bytes, None)


def _editions(old: Path, new: Path, max_bytes: int, library: str | None) -> tuple[Edition, Edition]:
    """`_edition` of both; two editions of the library are read from one format when they share one, so that
    two readers' differences never show as changes."""
    if _is_reference(old) and _is_reference(new):
        with Library(library, create=False) as lib, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            pair = lib.pair(str(old), str(new))
        for warning in caught:
            warn(str(warning.message))
        return pair
    return _edition(old, max_bytes, library), _edition(new, max_bytes, library)


def _library_edition(library: str | None, ref: str, source: str | None = None) -> Edition:
    """The edition `ref` names in the library; what resolving it had to say (an "as of" date) printed as a
    warning line."""
    with Library(library, create=False) as lib, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        edition = lib.get(ref, source=source)
    for warning in caught:
        warn(str(warning.message))
    return edition


def _read(path: Path, max_bytes: int, input_format: str | None) -> Edition:
    """`editions.read`, with each `InputWarning` it issues printed as one line on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        edition = editions.read(path, input_format, max_bytes=max_bytes)
    for warning in caught:
        if issubclass(warning.category, InputWarning):
            warn(str(warning.message))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return edition


# --- The library ---------------------------------------------------------------------------------------------

_LIBRARY_OPTION = typer.Option(
    "--library",
    "-L",
    envvar="EDITIONS_LIBRARY",
    help="The library: a file (created if missing) or a postgresql:// URL.",
    show_default="editions.db",
)


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def _date(value: object) -> str:
    return "" if value is None else str(value)


@app.command()
def add(
    paths: Annotated[list[Path], typer.Argument(help="Edition files, or folders to add every edition in.")],
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to write the results.")
    ] = OutputFormat.terminal,
) -> None:
    """Add editions to the library. Files of one edition (its PDF, HTML, Markdown: same report and version, or
    date, and agreeing text) are one edition with several sources; files in a folder that are not editions
    (README, LICENSE, listings) are skipped, saying why; a file that fails is reported and the others are still
    added. Exit code 1 if any file failed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with _user_errors():
        lib = Library(library)
    found = scan_paths(paths)
    files = [p for p in found if isinstance(p, Path)]
    if not files:
        lib.close()
        usage_error(f"no edition files in {', '.join(map(str, paths))} (.md, .txt, .html, .pdf).")
    results: list[FileResult] = []
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
        redirect_stdout=sys.stdout.isatty(),
    )

    def report(result: FileResult) -> None:
        results.append(result)
        for message in result.warnings:
            warn(f"{result.path}: {message}")
        if output_format is not OutputFormat.json:
            if result.skipped is not None:
                sys.stdout.write(f"{'skipped':<11} {result.path}: {result.skipped}\n")
            elif result.added is None:
                sys.stdout.write(f"{'failed':<11} {_naming(result.path, result.error or 'failed')}\n")
            else:
                sys.stdout.write(f"{result.added.status.value:<11} {result.added.edition.ref:<28} {result.path}\n")
            sys.stdout.flush()
        progress.advance(task)

    def prepared(done: int, total: int) -> None:
        if done == 0:
            progress.add_task("preparing", total=total)
        else:
            progress.advance(progress.task_ids[-1])

    with _user_errors(), lib, progress:
        task = progress.add_task("adding", total=len(found))
        # Then each report whose page summary is missing or stale gets it made and kept (`Library.prepare`):
        # those that gained an edition, and those an interrupted earlier add left unprepared.
        lib.add_files(paths, on_result=report, on_prepare=prepared)
    failed = sum(1 for r in results if not r.ok)
    skipped = sum(1 for r in results if r.skipped is not None)
    if output_format is OutputFormat.json:
        out = [
            {
                "path": str(r.path),
                "status": r.added.status.value if r.added else "skipped" if r.skipped else "failed",
                "ref": r.added.edition.ref if r.added else None,
                "id": r.added.edition.id if r.added else None,
                "error": r.error,
                "skipped": r.skipped,
            }
            for r in results
        ]
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    else:
        counts = {
            s: sum(1 for r in results if r.added and r.added.status.value == s)
            for s in ("added", "new source", "exists")
        }
        sys.stdout.write(
            f"{len(results) - skipped} file{'s' if len(results) - skipped != 1 else ''}: {counts['added']} added, "
            f"{counts['new source']} new source{'s' if counts['new source'] != 1 else ''}, "
            f"{counts['exists']} already in the library, {failed} failed"
            + (f", {skipped} skipped (not editions)" if skipped else "")
            + "\n"
        )
    if failed:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def remove(
    ref: Annotated[
        str,
        typer.Argument(help="The edition to remove: IF12345@v7, IF12345@2034-05-04, IF12345~1 …", show_default=False),
    ],
    source: Annotated[
        str | None,
        typer.Option("--source", help="Remove only this source of it: a format (pdf, html …) or a file name."),
    ] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
) -> None:
    """Remove an edition from the library (its sentences, facts, summaries and search entries with it), or one
    source of it. Nothing else changes; the edition's files are not touched."""
    with _user_errors(), Library(library, create=False) as lib, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        removed = lib.remove(ref, source=source)
    for warning in caught:
        warn(str(warning.message))
    names = ", ".join(s.name or s.format for s in removed.sources)
    if removed.edition:
        sys.stdout.write(f"removed     {removed.ref:<28} ({names})\n")
    else:
        sys.stdout.write(f"removed     {removed.ref:<28} source {names}; the edition keeps its other sources\n")


def _columns(rows: list[list[str]]) -> str:
    """Rows as lines of columns padded to their widest cell (the last column unpadded)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]]) for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


@app.command(name="list")
def list_(
    report: Annotated[str | None, typer.Argument(help="A report (e.g. IF10199): list its editions.")] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to write the list.")
    ] = OutputFormat.terminal,
) -> None:
    """The reports in the library; or one report's editions, each with the share of sentences changed since
    the previous one."""
    from rich.table import Table

    with _user_errors(), Library(library, create=False) as lib:
        if report is None:
            reports = lib.reports()
            header = ["Report", "Editions", "First", "Latest", "Product", "Title"]
            rows = [
                [r.report, str(r.editions), _date(r.first), _date(r.latest), r.product or "", r.title or ""]
                for r in reports
            ]
            data: list[dict[str, object]] = [render_results.report_to_dict(r) for r in reports]
        else:
            found = lib.editions(report, compare=True)
            header = ["#", "Reference", "Date", "Version", "Changed", "Sentences", "Sources"]
            rows = [
                [str(e.position), e.ref, _date(e.date), _date(e.version), _percent(e.changed), str(e.sentences),
                 ", ".join(s.format for s in e.sources)]
                for e in found
            ]  # fmt: skip
            data = [render_results.edition_info_to_dict(e) for e in found]
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    elif output_format is OutputFormat.markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(render_markdown.escape(c, line_start=False) for c in row) + " |" for row in rows]
        sys.stdout.write("\n".join(lines) + "\n")
    elif not rows:
        sys.stdout.write("The library is empty; add editions with: editions add FILE|DIR\n")
    elif not sys.stdout.isatty():
        # Into a pipe or a file: one line per row, never wrapped, as `ls -l` or `docker ps` write.
        sys.stdout.write(_columns([header, *rows]))
    else:
        table = Table(box=None, header_style="bold")
        for i, name in enumerate(header):
            last = i == len(header) - 1
            table.add_column(name, no_wrap=not last, overflow="ellipsis" if last else "fold")
        for row in rows:
            table.add_row(*row)
        Console(highlight=False).print(table)


class SearchWithin(StrEnum):
    body = "body"
    captions = "captions"
    notes = "notes"


class SearchFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    csv = "csv"


@app.command()
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


def _stdout_console() -> Console:
    """Rich output on stdout: wrapped to a terminal's width; into a pipe or a file never wrapped, so that each
    line printed is one line for grep and friends."""
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal
    return console


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


@app.command()
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


# --- Watch list, change notices, alerts ----------------------------------------------------------------------

watch_app = typer.Typer(
    help="The reports you follow: editions update fetches their new editions and records what changed.",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def watch_add(
    reports: Annotated[list[str], typer.Argument(help="Report numbers, e.g. IF10199 R45122.", show_default=False)],
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
) -> None:
    """Follow reports (a report need not be in the library yet)."""
    with _user_errors(), Library(library) as lib:
        keys = lib.watch(reports)
    sys.stdout.write(f"Watching {', '.join(keys)}.\n")


@watch_app.command("remove")
def watch_remove(
    reports: Annotated[list[str], typer.Argument(help="Reports to stop following.", show_default=False)],
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
) -> None:
    """Stop following reports."""
    with _user_errors(), Library(library, create=False) as lib:
        keys = lib.unwatch(reports)
    sys.stdout.write(f"No longer watching {', '.join(keys)}.\n")


@watch_app.command("list")
def watch_list(
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to write the list.")
    ] = OutputFormat.terminal,
) -> None:
    """The reports you follow, with how many editions of each the library holds."""
    with _user_errors(), Library(library, create=False) as lib:
        watched = lib.watched()
    if output_format is OutputFormat.json:
        data = [
            {"report": w.report, "title": w.title, "editions": w.editions, "latest": _date(w.latest) or None,
             "watched_since": w.added_at.isoformat()}
            for w in watched
        ]  # fmt: skip
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    if not watched:
        sys.stdout.write("No report is watched; follow one with: editions watch add IF10199\n")
        return
    rows = [
        [w.report, str(w.editions), _date(w.latest), w.title or ("(not in the library yet)" if not w.editions else "")]
        for w in watched
    ]
    header = ["Report", "Editions", "Latest", "Title"]
    if output_format is OutputFormat.markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(render_markdown.escape(c, line_start=False) for c in row) + " |" for row in rows]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    sys.stdout.write(_columns([header, *rows]))


@app.command()
def changes(
    since: Annotated[
        str | None, typer.Option("--since", help="Only notices recorded on or after this date (YYYY[-MM[-DD]]).")
    ] = None,
    report: Annotated[str | None, typer.Option("--report", "-r", help="Only this report.")] = None,
    watched: Annotated[bool, typer.Option("--watched", help="Only reports on the watch list.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many notices.")] = 50,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to write the notices.")
    ] = OutputFormat.terminal,
) -> None:
    """Recent change notices, newest first: each new edition of a report with what changed since the one
    before (figure changes first, each old → new with its sentence) and how to see the whole comparison."""
    with _user_errors(), Library(library, create=False) as lib:
        found = lib.notices(since=since, report=report, watched_only=watched, limit=limit)
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps({"notices": [n.to_dict() for n in found]}, indent=2, ensure_ascii=False) + "\n")
        return
    if not found:
        sys.stdout.write(
            "No change notices" + (f" since {since}" if since else "") + "; editions update records them when a "
            "watched report has a new edition.\n"
        )
        return
    if output_format is OutputFormat.markdown:
        lines: list[str] = []
        for n in found:
            lines += [f"## {render_markdown.escape(n.title, line_start=False)}", ""]
            lines += [f"- {render_markdown.escape(line, line_start=False)}" for line in n.lines]
            lines += ["", f"`editions diff {n.old.ref} {n.new.ref}` · recorded {n.created_at:%Y-%m-%d %H:%M} UTC", ""]
        sys.stdout.write("\n".join(lines))
        return
    from rich.text import Text

    console = Console(highlight=False)
    for n in found:
        parts = [
            (n.title, "bold"),
            (f"  {n.old.ref} → {n.new.ref}, recorded {n.created_at:%Y-%m-%d %H:%M} UTC", "dim"),
            *(("\n  " + line, "") for line in n.lines),
            (f"\n  editions diff {n.old.ref} {n.new.ref}\n", "dim"),
        ]
        if console.is_terminal:
            console.print(Text.assemble(*parts))
        else:  # into a pipe or a file: one line per headline line, never wrapped
            sys.stdout.write("".join(text for text, _ in parts) + "\n")


@app.command()
def notify(
    urls: Annotated[
        list[str] | None,
        typer.Argument(
            help="Apprise URLs (json://host/path, mailto://…, ntfy://topic, slack://…).", show_default=False
        ),
    ] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="The settings file (default: $XDG_CONFIG_HOME/editions/config.toml)."),
    ] = None,
) -> None:
    """Send the change notices not yet delivered to each URL given and each in the settings file's notify list
    (editions update does this after it records notices). A failed delivery is tried again next time."""
    from editions.config import load_config
    from editions.notify import deliver_pending

    with _user_errors():
        config = load_config(config_file)
        targets = [*config.notify, *(urls or [])]
        if not targets:
            usage_error(
                "give an Apprise URL (editions notify json://host/hook) or put notify = [...] in the settings file."
            )
        with Library(library, create=False) as lib:
            made = deliver_pending(lib, targets, base_url=config.base_url)
    failed = [d for d in made if not d.delivered]
    for d in made:
        if d.delivered:
            sys.stdout.write(f"sent {d.notice.title} to {d.target}\n")
        else:
            error(
                f"could not send {d.notice.title} to {d.target} (attempt {d.attempts}; kept for next time): {d.error}"
            )
    if not made:
        sys.stdout.write("Nothing to send: every notice has been delivered.\n")
    if failed:
        raise typer.Exit(EXIT_ERROR)


# --- The web app ---------------------------------------------------------------------------------------------


def _samples_dir() -> Path | None:
    """The bundled sample editions: `samples/` of the checkout Editions runs from."""
    folder = Path(editions.__file__).resolve().parents[2] / "samples"
    return folder if folder.is_dir() else None


@app.command()
def serve(
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    host: Annotated[str, typer.Option("--host", help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="The port; 0 picks a free one.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="EDITIONS_TOKEN",
            help="Allow adding editions over the web to whoever gives this token (off without one; at least "
            "16 characters).",
            show_default=False,
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests for this host name (repeatable): the name others use to reach the server. "
            "Without, it answers only to --host, localhost, 127.0.0.1 and [::1].",
            show_default=False,
        ),
    ] = None,
    update_every: Annotated[
        str | None,
        typer.Option(
            "--update-every",
            help="Run `editions update` in the background this often (e.g. 1h), with $CONGRESS_API_KEY.",
            show_default=False,
        ),
    ] = None,
    samples: Annotated[
        bool,
        typer.Option(
            "--samples",
            help="Add the bundled sample editions first (to a temporary library unless "
            "--library or $EDITIONS_LIBRARY names one).",
        ),
    ] = False,
) -> None:
    """Serve the library as web pages and an HTTP API (/api, described at /docs), until Ctrl-C."""
    import tempfile
    from contextlib import ExitStack

    try:
        from editions.web.security import short_token
        from editions.web.serve import serve as serve_library
    except ImportError as exc:
        error(f"editions serve needs {exc.name}, which comes with Editions: pip install --force-reinstall editions.")
        raise typer.Exit(EXIT_ERROR) from None
    library, token = library or None, token or None  # an empty $EDITIONS_LIBRARY or $EDITIONS_TOKEN is none
    if token is not None and (refused := short_token(token)) is not None:
        usage_error(refused)
    with ExitStack() as stack:
        if samples and library is None:
            library = str(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="editions-"))) / "samples.db")
        with _user_errors():
            lib = stack.enter_context(Library(library, create=samples or token is not None))
        if samples:
            folder = _samples_dir()
            if folder is None:
                error("the sample editions are in a checkout's samples/ folder, which this installation lacks.")
                raise typer.Exit(EXIT_ERROR)
            for result in lib.add_files([folder]):
                if not result.ok:
                    warn(f"{result.path}: {result.error}")
        if update_every:
            stack.enter_context(_background_updates(lib.location, update_every))
        uploads = "on (the token is needed)" if token else "off (start with --token to allow)"

        def listening(url: str) -> None:
            sys.stdout.write(
                f"Serving {lib.location} at {url}\nAdding editions over the web: {uploads}. Ctrl-C stops.\n"
            )
            sys.stdout.flush()

        with _user_errors():
            serve_library(lib, host=host, port=port, token=token, hosts=allow_host or [], on_listening=listening)


# --- Fetching from the publishers (editions.fetch) -------------------------------------------------------------

_API_KEY_OPTION = typer.Option(
    "--api-key",
    envvar="CONGRESS_API_KEY",
    help="Your Congress.gov API key (free from https://api.data.gov/signup/).",
    show_default=False,
)
DEFAULT_API_URL = "https://api.congress.gov/v3"
_API_URL_OPTION = typer.Option(
    "--api-url", envvar="EDITIONS_CONGRESS_API", help="The Congress.gov API, or a mirror or test server standing in."
)
_FORMATS_OPTION = typer.Option("--formats", help="Which current formats to download (comma-separated): pdf, html.")
_CACHE_OPTION = typer.Option(
    "--cache",
    envvar="EDITIONS_CACHE",
    help="Where downloaded files are kept, so that re-runs download nothing unchanged.",
    show_default="~/.cache/editions/files",
)
_RATE_OPTION = typer.Option("--rate", min=0.0, help="At most this many requests a second (0: no limit).")
_JOBS_OPTION = typer.Option("--jobs", "-j", min=1, max=32, help="Download and read this many files at once.")


def _fetch_settings(
    api_key: str | None, api_url: str, formats: str, cache: Path | None, rate: float, jobs: int
) -> FetchSettings:
    from editions.fetch import FetchSettings

    return FetchSettings(
        api_key=api_key or "",
        api_url=api_url,
        cache_dir=cache,
        rate=rate,
        jobs=jobs,
        formats=tuple(f.strip().lower() for f in formats.split(",") if f.strip()),
    )


def _fetch_progress() -> Progress:
    """A progress bar on a terminal (stderr); nothing otherwise, where each file gets its line on stdout."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
        redirect_stdout=sys.stdout.isatty(),
    )


def _fetched_line(fetched: Fetched) -> str | None:
    from editions.fetch import Outcome

    task = fetched.task
    if fetched.outcome in (Outcome.KNOWN, Outcome.MISSING):
        return None
    what = f"{task.report} {task.format}" + (f" v{task.version}" if task.version is not None else "")
    detail = fetched.ref or fetched.message or ""
    return f"{fetched.outcome.value:<11} {what:<20} {detail}  {task.url if fetched.ref else ''}".rstrip()


def _fetch_summary(results: Sequence[ReportFetched]) -> tuple[str, bool]:
    from editions.fetch import Outcome

    counts: dict[str, int] = {}
    downloaded = 0
    failed = False
    for result in results:
        failed = failed or result.error is not None
        for f in result.files:
            counts[f.outcome.value] = counts.get(f.outcome.value, 0) + 1
            downloaded += f.downloaded
            failed = failed or f.outcome is Outcome.FAILED
    reports = len(results)
    line = (
        f"{reports} report{'s' if reports != 1 else ''}: {counts.get('added', 0)} editions added, "
        f"{counts.get('new source', 0)} new sources, "
        f"{counts.get('exists', 0) + counts.get('known', 0)} already in the library, "
        f"{counts.get('missing', 0)} version numbers missing, {counts.get('failed', 0)} failed; "
        f"{downloaded} file{'s' if downloaded != 1 else ''} downloaded"
    )
    return line, failed


@app.command()
def fetch(
    reports: Annotated[
        list[str] | None, typer.Argument(help="Report numbers, e.g. IF10199 R45122.", show_default=False)
    ] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    source: Annotated[
        str,
        typer.Option(
            "--from",
            help="congress (the Congress.gov API), everycrsreport (everycrsreport.com), or the URL or folder of an "
            "EveryCRSReport-style mirror.",
        ),
    ] = "congress",
    all_reports: Annotated[
        bool, typer.Option("--all", help="Every report the catalogue lists as updated since --since.")
    ] = False,
    since: Annotated[str | None, typer.Option("--since", help="With --all: updated on or after (YYYY-MM-DD).")] = None,
    api_key: Annotated[str | None, _API_KEY_OPTION] = None,
    api_url: Annotated[str, _API_URL_OPTION] = DEFAULT_API_URL,
    formats: Annotated[str, _FORMATS_OPTION] = "pdf,html",
    cache: Annotated[Path | None, _CACHE_OPTION] = None,
    rate: Annotated[float, _RATE_OPTION] = 1.0,
    jobs: Annotated[int, _JOBS_OPTION] = 1,
    backfill: Annotated[
        bool, typer.Option("--backfill/--no-backfill", help="Also fetch every earlier version's PDF.")
    ] = True,
) -> None:
    """Fetch reports' editions from Congress.gov (the current formats, and every earlier version from the
    numbered PDFs) or from an EveryCRSReport mirror, into the library. Each file becomes a source of its edition
    with its provenance (URL, retrieved-at, SHA-256, version number). Re-runs download nothing unchanged; an
    interrupted run is picked up where it stopped. Exit code 1 if any report or file failed."""
    import datetime as dt

    from editions.fetch import open_fetcher
    from editions.fetch.mirror import EVERYCRSREPORT_URL, import_mirror

    ids = [r for r in reports or [] if r.strip()]
    if all_reports and ids:
        usage_error("give report numbers or --all, not both.")
    if not all_reports and not ids:
        usage_error("name the reports to fetch (e.g. editions fetch IF10199), or --all --since DATE.")
    if all_reports and not since:
        usage_error("--all needs --since DATE (YYYY-MM-DD): the whole catalogue is ~100,000 editions.")
    if since:
        try:
            dt.date.fromisoformat(since[:10])
        except ValueError:
            usage_error(f"--since {since!r} is not a date; write it like 2026-10-01.")
    from editions.config import load_config

    with _user_errors():
        config = load_config()
    if api_url == DEFAULT_API_URL and config.api_url:
        api_url = config.api_url
    settings = _fetch_settings(api_key or config.api_key, api_url, formats, cache, rate, jobs)
    results: list[ReportFetched] = []
    with _user_errors():
        lib = Library(library)
    progress = _fetch_progress()
    task = progress.add_task("fetching", total=None)

    def tell(fetched: Fetched) -> None:
        line = _fetched_line(fetched)
        if line is not None:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        progress.advance(task)

    with _user_errors(), lib, progress:
        if source.lower() != "congress":
            mirror = EVERYCRSREPORT_URL if source.lower() == "everycrsreport" else source
            if all_reports:
                usage_error("--all is for the Congress.gov catalogue; name the reports to import from a mirror.")
            results.extend(import_mirror(lib, mirror, ids, settings, on_file=tell))
        else:
            with open_fetcher(lib, settings, on_file=tell) as fetcher:
                if all_reports:
                    assert since is not None
                    ids = [item.id for item in fetcher.api.listing(since=since)]
                results.extend(fetcher.fetch(ids, backfill=backfill))
    for result in results:
        for note in result.notes:
            warn(note)
        if result.error:
            error(f"{result.report}: {result.error}")
    line, failed = _fetch_summary(results)
    sys.stdout.write(line + "\n")
    if failed:
        raise typer.Exit(EXIT_ERROR)


def _followed(library: Library, reports: list[str], all_reports: bool) -> list[str] | None:
    """The reports an update follows: those named, else (without --all) the watch list, else the library's
    numbered reports."""
    from editions.fetch.update import followed_reports

    if all_reports:
        return None
    return reports or followed_reports(library)


def _deliver(lib: Library, targets: list[str], base_url: str | None) -> bool:
    """Send the notices not yet delivered to each target; a line per delivery. False when one failed (it is
    kept and tried again next time)."""
    from editions.notify import deliver_pending

    made = deliver_pending(lib, targets, base_url=base_url)
    for d in made:
        if d.delivered:
            sys.stdout.write(f"sent {d.notice.title} to {d.target}\n")
        else:
            error(
                f"could not send {d.notice.title} to {d.target} (attempt {d.attempts}; kept for next time): {d.error}"
            )
    return all(d.delivered for d in made)


@app.command()
def update(
    reports: Annotated[
        list[str] | None,
        typer.Argument(
            help="Follow these reports (default: the watch list, or the library's numbered reports when nothing "
            "is watched).",
            show_default=False,
        ),
    ] = None,
    library: Annotated[str | None, _LIBRARY_OPTION] = None,
    all_reports: Annotated[bool, typer.Option("--all", help="Every report in the catalogue.")] = False,
    notify_urls: Annotated[
        list[str] | None,
        typer.Option(
            "--notify",
            help="Send each change notice to this Apprise URL (repeatable; also the settings file's notify list).",
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="The settings file (default: $XDG_CONFIG_HOME/editions/config.toml)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Where a first run starts (YYYY-MM-DD); later runs go on from there.")
    ] = None,
    api_key: Annotated[str | None, _API_KEY_OPTION] = None,
    api_url: Annotated[str, _API_URL_OPTION] = DEFAULT_API_URL,
    formats: Annotated[str, _FORMATS_OPTION] = "pdf,html",
    cache: Annotated[Path | None, _CACHE_OPTION] = None,
    rate: Annotated[float, _RATE_OPTION] = 1.0,
    jobs: Annotated[int, _JOBS_OPTION] = 1,
) -> None:
    """Poll Congress.gov for reports updated since the last run (newest first, until it meets what the last run
    saw) and fetch their new editions; an update that brings no new edition is told as metadata-only. Each new
    edition is compared with the one before it and a change notice kept (editions changes lists them; the feeds
    show them), then sent to each --notify URL. Safe to run again and from cron or a systemd timer: a second run
    finds nothing new, and a notice not delivered is sent by the next. Exit code 1 if any report or delivery
    failed."""
    from editions.config import load_config
    from editions.fetch import open_fetcher
    from editions.fetch.update import update as run_update

    if all_reports and reports:
        usage_error("give report numbers or --all, not both.")
    with _user_errors():
        config = load_config(config_file)
    targets = [*config.notify, *(notify_urls or [])]
    if api_url == DEFAULT_API_URL and config.api_url:
        api_url = config.api_url
    settings = _fetch_settings(api_key or config.api_key, api_url, formats, cache, rate, jobs)
    with _user_errors():
        lib = Library(library)
    with _user_errors(), lib:
        with open_fetcher(lib, settings) as fetcher:
            result = run_update(lib, fetcher, followed=_followed(lib, reports or [], all_reports), since=since)
        for fetched in result.fetched:
            for note in fetched.notes:
                warn(note)
            if fetched.error:
                error(f"{fetched.report}: {fetched.error}")
        for edition in result.new_editions:
            sys.stdout.write(f"{'new edition':<14} {edition.ref:<28} {edition.url}\n")
        for report in result.metadata_only:
            sys.stdout.write(f"{'metadata only':<14} {report}\n")
        for notice in result.notices:
            sys.stdout.write(f"{'notice':<14} {notice.title}\n")
            for line in notice.lines[:3]:
                sys.stdout.write(f"{'':<14} {line}\n")
        n = len(result.looked_at)
        sys.stdout.write(
            f"{n} report{'s' if n != 1 else ''} looked at: {len(result.new_editions)} new editions, "
            f"{len(result.metadata_only)} metadata-only updates, {len(result.failed)} failed\n"
        )
        sys.stdout.flush()
        delivered = _deliver(lib, targets, config.base_url) if targets else True
    if result.failed or not delivered:
        raise typer.Exit(EXIT_ERROR)


@contextmanager
def _background_updates(location: str, every: str) -> Iterator[None]:
    """`editions update` every `every` in a background thread of `serve` (own library connection, one run at a
    time, logged on stderr), with the key from $CONGRESS_API_KEY."""
    import logging

    from editions.config import load_config
    from editions.fetch import FetchSettings, open_fetcher
    from editions.fetch.update import LOG, UpdateResult, UpdateScheduler, parse_duration
    from editions.fetch.update import update as run_update
    from editions.notify import deliver_pending

    try:
        seconds = parse_duration(every)
    except ValueError:
        usage_error(f"--update-every {every!r} is not a duration; write it like 1h, 30m or 90s.")
    with _user_errors():
        config = load_config()
    settings = FetchSettings(
        api_key=os.environ.get("CONGRESS_API_KEY", "") or (config.api_key or ""),
        api_url=os.environ.get("EDITIONS_CONGRESS_API") or config.api_url or DEFAULT_API_URL,
        cache_dir=Path(os.environ["EDITIONS_CACHE"]) if os.environ.get("EDITIONS_CACHE") else None,
    )
    if not settings.api_key.strip():
        error(
            "--update-every needs a Congress.gov API key in $CONGRESS_API_KEY (free from https://api.data.gov/signup/)."
        )
        raise typer.Exit(EXIT_ERROR)

    def run() -> UpdateResult:
        with Library(location) as lib:
            with open_fetcher(lib, settings) as fetcher:
                result = run_update(lib, fetcher, followed=_followed(lib, [], False))
            if config.notify:  # a failed delivery is kept and sent by a later run
                deliver_pending(lib, list(config.notify), base_url=config.base_url)
            return result

    if not LOG.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s editions: %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    scheduler = UpdateScheduler(run, seconds)
    scheduler.start()
    try:
        yield
    finally:
        scheduler.stop(timeout=5)


# --- Sizes ---------------------------------------------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$", re.I)
_SCALE = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def parse_size(text: str) -> int:
    """'100MB' → 104857600. Units are binary (1 KB = 1024 bytes), as the size limit messages print them.
    Raises ValueError for anything else."""
    m = _SIZE.match(text)
    if not m or (m.group(3).lower() == "i"):
        raise ValueError(text)
    size = int(float(m.group(1)) * _SCALE[m.group(2).lower()])
    if size < 1:
        raise ValueError(text)
    return size


def _max_bytes(option: str | None, default: int = ingest.DEFAULT_MAX_BYTES) -> int:
    if option is None or not option.strip():
        return default
    try:
        return parse_size(option)
    except ValueError:
        usage_error(
            f"--max-size (or ${MAX_SIZE_ENV}) {option!r} is not a size; write it like 100MB, 2GB or 5000000 (bytes)."
        )


# --- Messages ------------------------------------------------------------------------------------------------


def _one_line(message: str) -> str:
    return " ".join(message.split())


def error(message: str) -> None:
    sys.stderr.write(f"{PROG}: {_one_line(message)}\n")
    sys.stderr.flush()


def warn(message: str) -> None:
    sys.stderr.write(f"{PROG}: warning: {_one_line(message)}\n")
    sys.stderr.flush()


def usage_error(message: str) -> NoReturn:
    error(message)
    raise typer.Exit(EXIT_USAGE)


@contextmanager
def _user_errors() -> Iterator[None]:
    """An EditionsError becomes its one sentence on stderr and exit code 1."""
    try:
        yield
    except EditionsError as exc:
        error(str(exc) or type(exc).__name__)
        raise typer.Exit(EXIT_ERROR) from None


def _tolerant_streams() -> None:
    """Characters the output encoding cannot hold are replaced, not raised (e.g. PYTHONIOENCODING=ascii)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main() -> None:
    """The `editions` entry point."""
    _tolerant_streams()
    try:
        app(prog_name=PROG)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if os.environ.get("EDITIONS_DEBUG"):
            raise
        error(
            f"internal error ({type(exc).__name__}: {_one_line(str(exc))[:200]}), a bug in Editions; "
            "please report it with the input (EDITIONS_DEBUG=1 shows the traceback)."
        )
        sys.exit(EXIT_BUG)
