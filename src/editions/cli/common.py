"""What every command shares: the program's name and exit codes, the --library and --max-size options,
an edition argument (a file or a library reference) read into an `Edition`, sizes, and the one-line
messages."""

from __future__ import annotations

import io
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

import editions
from editions import ingest
from editions.errors import EditionsError, InputWarning
from editions.library import Library
from editions.model import Edition

PROG = "editions"
MAX_SIZE_ENV = "EDITIONS_MAX_SIZE"
_MAX_SIZE_OPTION = typer.Option(
    "--max-size",
    envvar=MAX_SIZE_ENV,
    help="Refuse inputs larger than this: 100MB, 2GB, 500KB or a number of bytes.",
    show_default="100MB",
)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70
EXIT_INTERRUPTED = 130

_LIBRARY_OPTION = typer.Option(
    "--library",
    "-L",
    envvar="EDITIONS_LIBRARY",
    help="The library: a file (created if missing) or a postgresql:// URL.",
    show_default="editions.db",
)


def _date(value: object) -> str:
    return "" if value is None else str(value)


# --- Editions named on the command line ---------------------------------------------------------------------


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


# --- Output -------------------------------------------------------------------------------------------------


def _columns(rows: list[list[str]]) -> str:
    """Rows as lines of columns padded to their widest cell (the last column unpadded)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]]) for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


def _stdout_console() -> Console:
    """Rich output on stdout: wrapped to a terminal's width; into a pipe or a file never wrapped, so that each
    line printed is one line for grep and friends."""
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal
    return console


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
