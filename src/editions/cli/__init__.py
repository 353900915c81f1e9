"""The `editions` command line: each command calls the Python API and a renderer, nothing more.

Errors a user can act on (`EditionsError`) are printed as one line, `editions: <sentence>`, with exit code 1;
warnings as `editions: warning: <sentence>`; usage errors exit with 2; Ctrl-C exits quietly with 130.
Anything else is a bug: one line saying so (exit 70), or the traceback with `EDITIONS_DEBUG=1`.

One module per command family (`reading`, `library`, `search`, `watch`, `serve`, `fetch`), what they share in
`common`, the Typer `app` in `app`; the commands are registered here, in one place, in the order
`editions --help` lists them.
"""

from __future__ import annotations

import os
import sys

import editions as editions  # the package the commands call; tests reach `editions.read` through it
from editions.cli import fetch, library, reading, search, serve, watch
from editions.cli.app import InputFormat, OutputFormat, app
from editions.cli.common import (
    EXIT_BUG,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    MAX_SIZE_ENV,
    PROG,
    _one_line,
    _tolerant_streams,
    error,
    parse_size,
    usage_error,
    warn,
)
from editions.cli.fetch import DEFAULT_API_URL
from editions.cli.reading import DIFF_MAX_BYTES
from editions.cli.search import _counted as _counted  # tests/library/test_search_counts.py reads it here

__all__ = [
    "DEFAULT_API_URL",
    "DIFF_MAX_BYTES",
    "EXIT_BUG",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_USAGE",
    "MAX_SIZE_ENV",
    "PROG",
    "InputFormat",
    "OutputFormat",
    "app",
    "error",
    "main",
    "parse_size",
    "usage_error",
    "warn",
]

app.command()(reading.show)
app.command()(reading.facts)
app.command()(reading.diff)
app.command()(library.add)
app.command()(library.remove)
app.command(name="list")(library.list_)
app.command()(search.search)
app.command()(search.timeline)
app.add_typer(watch.watch_app, name="watch")
app.command()(watch.changes)
app.command()(watch.notify)
app.command()(serve.serve)
app.command()(fetch.fetch)
app.command()(fetch.update)


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
