"""A comparison as rich renderables for a terminal, or marked as `git diff --word-diff` marks words where the
output has no styles."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from editions.compare.words import EQUAL
from editions.model import BriefItem, Comparison, LinkKind
from editions.render.comparison.view import (
    cite_sentences,
    comparison_view,
    edition_label,
    kind_label,
    link_new_text,
    link_old_text,
)

_KIND_STYLE = {
    "figure": "bold yellow",
    "new": "bold green",
    "dropped": "bold red",
    "reworded": "bold cyan",
    "moved": "bold blue",
    "cosmetic": "dim",
    "notes": "dim",
    "unchanged": "dim",
    "section": "bold green",
    "list": "bold green",
}


def _rich_redline(words: tuple[tuple[str, str, str], ...], *, plain: bool = False) -> Text:
    """The words of an edit, deleted ones struck in red and new ones underlined in green; with `plain`, marked
    as `git diff --word-diff` marks them (`[-old-]{+new+}`), which survives output without styles."""
    text = Text()
    for op, old, new in words:
        if op == EQUAL:
            text.append(new)
            continue
        for part, (style, opening, closing) in (
            (old, ("red strike", "[-", "-]")),
            (new, ("green underline", "{+", "+}")),
        ):
            if not part:
                continue
            if not plain:
                text.append(part, style=style)
                continue
            core = part.strip()
            if not core:
                text.append(part)
                continue
            lead, trail = part[: len(part) - len(part.lstrip())], part[len(part.rstrip()) :]
            text.append(f"{lead}{opening}{core}{closing}{trail}", style=style)
    return text


def render_terminal(comparison: Comparison, *, min_change: float = 0.0, plain: bool = False) -> RenderableType:
    """Rich renderables: a header, the brief (headline, then its groups), a figures table, then the changes
    section by section, with deleted words struck in red and new ones underlined in green. With `plain`
    (output without styles: a file, a pipe) deleted and new words are marked `[-old-]{+new+}` and whole
    sentences `[-…-]`, `{+…+}`, so the redline stays readable."""
    c = comparison
    view = comparison_view(c, min_change)
    parts: list[RenderableType] = []
    head = Text()
    head.append("old  ", style="bold cyan")
    head.append(edition_label(c.old) + "\n")
    head.append("new  ", style="bold cyan")
    head.append(edition_label(c.new) + "\n")
    head.append(view.stat_line, style="dim")
    parts.append(Panel(head, title="Comparison", title_align="left", box=box.ROUNDED, expand=False))

    def item_line(item: BriefItem) -> Text:
        line = Text()
        line.append(f"{item.kind:<9} ", style=_KIND_STYLE.get(item.kind, "bold"))
        line.append(item.text)
        cite = cite_sentences(item.citations.old, item.citations.new)
        if cite:
            line.append(f"  [{cite}]", style="dim")
        return line

    if view.headline:
        parts.append(Rule("Headline", style="dim"))
        parts.extend(item_line(item) for item in view.headline)
    for name, items in view.groups:
        parts.append(Rule(name, style="dim"))
        parts.extend(item_line(item) for item in items)
    if view.figures:
        table = Table(title="Figures", box=box.SIMPLE_HEAVY, title_justify="left")
        for col in ("section", "old", "new", "sentences"):
            table.add_column(col, overflow="fold")
        for s, o, n, cite, _ in view.figures:
            table.add_row(Text(s), Text(o, style="red"), Text(n, style="green"), Text(cite, style="dim"))
        parts.append(table)
    parts.append(Rule("Changes by section", style="dim"))
    for name, changed, unchanged in view.sections:
        if not changed:
            continue
        parts.append(Text(name, style="bold magenta"))
        for link in changed:
            line = Text("  ")
            line.append(f"{kind_label(link)} ", style="bold")
            line.append(f"[{cite_sentences(link.old, link.new)}] ", style="dim")
            if link.kind is LinkKind.ADDED:
                added = link_new_text(c, link)
                line.append("{+" + added + "+}" if plain else added, style="green")
            elif link.kind is LinkKind.DELETED:
                dropped = link_old_text(c, link)
                line.append("[-" + dropped + "-]" if plain else dropped, style="red strike")
            else:
                line.append_text(_rich_redline(link.words, plain=plain))
            parts.append(line)
        if unchanged:
            parts.append(Text(f"  {unchanged} unchanged sentence{'s' if unchanged > 1 else ''}", style="dim"))
    return Group(*parts)
