"""The `editions` command line: each command calls the Python API and a renderer, nothing more.

Errors a user can act on (`EditionsError`) are printed as one line, `editions: <sentence>`, with exit code 1;
warnings as `editions: warning: <sentence>`; usage errors exit with 2; Ctrl-C exits quietly with 130.
Anything else is a bug: one line saying so (exit 70), or the traceback with `EDITIONS_DEBUG=1`.
"""

from __future__ import annotations

import io
import os
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

import editions
from editions import ingest
from editions.errors import EditionsError, InputWarning
from editions.model import Edition
from editions.render import comparison as render_comparison
from editions.render import json as render_json
from editions.render import markdown as render_markdown
from editions.render import terminal as render_terminal

PROG = "editions"
MAX_SIZE_ENV = "EDITIONS_MAX_SIZE"
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
            help="An edition: Markdown (.md), plain text (.txt), HTML (.html) or PDF (.pdf).", show_default=False
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to write the edition.")
    ] = OutputFormat.terminal,
    max_size: Annotated[
        str | None,
        typer.Option(
            "--max-size",
            envvar=MAX_SIZE_ENV,
            help="Refuse inputs larger than this: 100MB, 2GB, 500KB or a number of bytes.",
            show_default="100MB",
        ),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", help="Read FILE as this format instead of going by its name and content."),
    ] = None,
    furniture: Annotated[
        bool,
        typer.Option("--furniture/--no-furniture", help="Show page furniture (date line, authors, disclaimer)."),
    ] = True,
) -> None:
    """Show one edition, cleanly: metadata, sections, the text, page furniture set apart."""
    limit = _max_bytes(max_size)
    with _user_errors():
        edition = _read(file, limit, input_format.value if input_format else None)
    if output_format is OutputFormat.json:
        sys.stdout.write(render_json.render_edition(edition))
    elif output_format is OutputFormat.markdown:
        sys.stdout.write(render_markdown.render_edition(edition, furniture=furniture))
    else:
        Console(highlight=False).print(render_terminal.render_edition(edition, furniture=furniture))


class DiffFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier edition (any format `show` reads).", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later edition.", show_default=False)],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="How to write the comparison.")
    ] = DiffFormat.terminal,
    min_change: Annotated[
        float,
        typer.Option("--min-change", min=0.0, max=1.0, help="Hide edits changing less than this share of words (0-1)."),
    ] = 0.0,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    max_size: Annotated[
        str | None,
        typer.Option(
            "--max-size",
            envvar=MAX_SIZE_ENV,
            help="Refuse inputs larger than this: 100MB, 2GB, 500KB or a number of bytes.",
            show_default="100MB",
        ),
    ] = None,
) -> None:
    """What changed from OLD to NEW: figures first, then new, dropped and reworded statements, each cited."""
    limit = _max_bytes(max_size)
    with _user_errors():
        comparison = editions.compare(_read(old, limit, None), _read(new, limit, None), min_change=min_change)
    if output_format is DiffFormat.json:
        text = render_comparison.render_json(comparison)
    elif output_format is DiffFormat.markdown:
        text = render_comparison.render_markdown(comparison, min_change=min_change)
    elif output_format is DiffFormat.html:
        text = render_comparison.render_html(comparison, min_change=min_change)
    else:
        renderable = render_comparison.render_terminal(comparison, min_change=min_change)
        if output is None:
            Console(highlight=False).print(renderable)
            return
        console = Console(highlight=False, record=True, file=io.StringIO(), width=120)
        console.print(renderable)
        text = console.export_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror or exc}.")
        raise typer.Exit(EXIT_ERROR) from None


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


def _max_bytes(option: str | None) -> int:
    if option is None or not option.strip():
        return ingest.DEFAULT_MAX_BYTES
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
