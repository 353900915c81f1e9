"""The Typer `app` of `editions`, its --version and root callback, and the option enums several commands share;
the commands are registered on it in `editions.cli`."""

from __future__ import annotations

import sys
from enum import StrEnum
from importlib import metadata
from typing import Annotated

import typer

from editions.cli.common import PROG

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
