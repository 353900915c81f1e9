"""The watch list and change notices: `watch add|remove|list`, `changes` and `notify`."""

from __future__ import annotations

import json
import sys
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
    _user_errors,
    error,
    usage_error,
)
from editions.library import Library
from editions.render import markdown as render_markdown

watch_app = typer.Typer(
    help="The reports you follow: editions update fetches their new editions and records what changed.",
    no_args_is_help=True,
)


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
