"""The web app: `serve`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

import editions
from editions.cli.common import (
    _LIBRARY_OPTION,
    EXIT_ERROR,
    _user_errors,
    error,
    usage_error,
    warn,
)
from editions.cli.fetch import _background_updates
from editions.library import Library


def _samples_dir() -> Path | None:
    """The bundled sample editions: `samples/` of the checkout Editions runs from."""
    folder = Path(editions.__file__).resolve().parents[2] / "samples"
    return folder if folder.is_dir() else None


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
