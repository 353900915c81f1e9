"""An Edition for a terminal, as rich renderables: a metadata panel, a section tree, then the text.

Headings are styled by level, captions italic, tables drawn as tables, page furniture dimmed where it stands.
All text goes in as `rich.text.Text`, never as console markup, so brackets in a report are printed as they are.
Rich writes plain text when the output is not a terminal, so the same renderables serve pipes and files.
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from editions.model import Block, BlockKind, Edition

LABEL = "bold cyan"
MISSING = "dim italic"
FURNITURE = "dim"
HEADING_STYLES = {1: "bold underline magenta", 2: "bold magenta", 3: "bold", 4: "bold italic"}


def render_edition(edition: Edition, *, furniture: bool = True) -> RenderableType:
    """Everything `editions show` prints for an edition, top to bottom."""
    return Group(
        metadata_panel(edition),
        section_tree(edition),
        Rule(style="dim"),
        *body(edition, furniture=furniture),
    )


def metadata_panel(edition: Edition) -> Panel:
    """Title, report, product, date, version, authors with roles, source, and what the edition holds."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=LABEL, no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Title", _value(edition.title))
    grid.add_row("Report", _value(edition.report))
    grid.add_row("Product", _value(edition.product))
    grid.add_row("Date", _value(edition.date.isoformat() if edition.date else None))
    grid.add_row("Version", _value(str(edition.version) if edition.version is not None else None))
    authors = Text()
    for i, author in enumerate(edition.authors):
        if i:
            authors.append("\n")
        authors.append(author.name, style="bold")
        if author.role:
            authors.append(f" — {author.role}")
    grid.add_row("Authors", authors if edition.authors else _value(None))
    grid.add_row("Source", Text(f"{edition.source.name or 'bytes'} ({edition.source.format})"))
    if edition.source.url:
        grid.add_row("Published at", Text(edition.source.url))
    grid.add_row("Contents", Text(_contents(edition)))
    grid.add_row("ID", Text(edition.id[:16], style="dim"))
    return Panel(grid, title="Edition", title_align="left", box=box.ROUNDED, expand=False)


def section_tree(edition: Edition) -> RenderableType:
    """The heading paths as a tree, each with the number of sentences under it."""
    headings = [b for b in edition.blocks if b.kind is BlockKind.HEADING]
    if not headings:
        return Text("No section headings.", style=MISSING)
    root = Tree(Text("Sections", style="bold"), guide_style="dim")
    # One pass over the sentences counts each under every heading path it sits in, so the tree costs
    # headings + sentences × depth, not headings × sentences.
    under: Counter[tuple[str, ...]] = Counter()
    for sentence in edition.sentences:
        for depth in range(1, len(sentence.section) + 1):
            under[sentence.section[:depth]] += 1
    nodes: dict[tuple[str, ...], Tree] = {}
    for block in headings:
        path = (*block.section, edition.text_of(block))
        if path in nodes:
            continue
        count = under[path]
        label = Text(" ".join(path[-1].split()))
        label.append(f"  {count} sentence{'' if count == 1 else 's'}", style="dim")
        parent = nodes.get(tuple(block.section), root)
        nodes[path] = parent.add(label)
    return root


def body(edition: Edition, *, furniture: bool = True) -> list[RenderableType]:
    """The text in reading order: one renderable a block, a blank line between blocks (not inside a list)."""
    out: list[RenderableType] = []
    previous: BlockKind | None = None
    for block in edition.blocks:
        if block.kind is BlockKind.BOILERPLATE and not furniture:
            continue
        if previous is not None and not (previous is block.kind is BlockKind.LIST_ITEM):
            out.append(Text())
        out.append(_block(block, edition.text_of(block)))
        previous = block.kind
    return out


def _block(block: Block, text: str) -> RenderableType:
    kind = block.kind
    if kind is BlockKind.TITLE:
        return Text(text, style="bold reverse")
    if kind is BlockKind.HEADING:
        return Text(text, style=HEADING_STYLES.get(max(block.level, 1), "bold"))
    if kind is BlockKind.TABLE:
        return _table(text)
    if kind is BlockKind.CAPTION:
        return Text(text, style="italic", overflow="fold")
    if kind is BlockKind.LIST_ITEM:
        item = Text("• ")
        item.append(text)
        return Padding(item, (0, 0, 0, 2 + 2 * max(block.level, 0)), expand=False)
    if kind is BlockKind.BOILERPLATE:
        return Text(text, style=FURNITURE + (" bold" if block.level > 0 else ""), overflow="fold")
    return Text(text, overflow="fold")


def _table(text: str) -> Table:
    rows = [row.split(" | ") for row in text.split("\n") if row.strip()]
    width = max(len(r) for r in rows)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for cell in rows[0] + [""] * (width - len(rows[0])):
        table.add_column(Text(cell.strip(), style="bold"), overflow="fold")
    for row in rows[1:]:
        table.add_row(*(Text(c.strip()) for c in row + [""] * (width - len(row))))
    return table


def _value(value: str | None) -> Text:
    return Text(value) if value else Text("not printed", style=MISSING)


def _contents(edition: Edition) -> str:
    counts = {
        "sections": len(edition.sections),
        "paragraphs": sum(1 for b in edition.blocks if b.kind is BlockKind.PARAGRAPH),
        "sentences": len(edition.sentences),
        "facts": len(edition.facts),
        "furniture blocks": sum(1 for b in edition.blocks if b.kind is BlockKind.BOILERPLATE),
    }
    return " · ".join(f"{n} {name}" for name, n in counts.items())
