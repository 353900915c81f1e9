"""The library's editions: `add`, `remove` and `list`."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from editions.cli.app import OutputFormat
from editions.cli.common import (
    _LIBRARY_OPTION,
    EXIT_ERROR,
    _columns,
    _date,
    _naming,
    _user_errors,
    usage_error,
    warn,
)
from editions.errors import InputWarning
from editions.library import FileResult, Library, scan_paths
from editions.render import markdown as render_markdown
from editions.render import results as render_results


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


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
