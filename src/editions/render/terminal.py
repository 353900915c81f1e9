"""An Edition for a terminal, as rich renderables: a metadata panel, a section tree, then the text.

Headings are styled by level, captions italic, tables drawn as tables, page furniture dimmed where it stands.
All text goes in as `rich.text.Text` (or as rich segments), never as console markup, so brackets in a report are
printed as they are. Rich writes plain text when the output is not a terminal, so the same renderables serve pipes
and files.

A document can have a hundred thousand sections, and rich lays out every `Text` and every tree node on its own,
at a cost per renderable many times that of the text itself. So the section tree and each run of plain blocks are
one renderable each, which writes a line that fits the width as rich's own `Text` or `Tree` would write it, as the
same segments, and hands anything else (a line to wrap, a tab, a narrow console) to rich's `Text` and `Tree` code.
tests/test_render_terminal_fast_paths.py holds both to printing what rich's own renderables print.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, OverflowMethod, RenderableType, RenderResult
from rich.control import strip_control_codes
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.styled import Styled
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from editions.model import Block, BlockKind, Edition

LABEL = "bold cyan"
MISSING = "dim italic"
FURNITURE = "dim"
TREE_GUIDE_STYLE = "dim"
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
    # One pass over the sentences counts each under every heading path it sits in, so the tree costs
    # headings + sentences × depth, not headings × sentences.
    under: Counter[tuple[str, ...]] = Counter()
    for sentence in edition.sentences:
        for depth in range(1, len(sentence.section) + 1):
            under[sentence.section[:depth]] += 1
    children: dict[tuple[str, ...], list[tuple[str, ...]]] = {(): []}
    for block in headings:
        path = (*block.section, edition.text_of(block))
        if path in children:
            continue
        parent = tuple(block.section)
        children[path] = []
        children[parent if parent in children else ()].append(path)
    labels = {
        path: (" ".join(path[-1].split()), f"  {under[path]} sentence{'' if under[path] == 1 else 's'}")
        for path in children
        if path
    }
    return SectionTree(labels, children)


@dataclass(frozen=True)
class SectionTree:
    """The section tree as rich's `Tree(Text("Sections", style="bold"), guide_style="dim")` draws it, each node's
    label its heading then its sentence count, dimmed. `labels` maps a heading path to those two parts, `children`
    a path (the root is `()`) to the paths under it in reading order."""

    labels: dict[tuple[str, ...], tuple[str, str]]
    children: dict[tuple[str, ...], list[tuple[str, ...]]]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        guide_style = console.get_style(TREE_GUIDE_STYLE)
        node_style = console.get_style("tree") + console.get_style("tree")  # the root's style, then each node's
        if options.ascii_only:
            guides = Tree.ASCII_GUIDES
        else:
            guides = Tree.TREE_GUIDES[
                0 if options.legacy_windows else 1 if guide_style.bold else 2 if guide_style.underline2 else 0
            ]
        # Tree writes each guide as a segment of its own, styled as `Segment.apply_style` leaves it.
        background = node_style.background_style
        drawn = (background + guide_style if background else guide_style) + Style(bold=False, underline2=False)
        space, above, fork, end = (Segment(guide, drawn) for guide in guides)
        # A label's segments as Styled(label, node_style) leaves them: the node's style applied only if it has one.
        name_style = node_style + Style.null() if node_style else Style.null()
        count_style = node_style + console.get_style("dim") if node_style else console.get_style("dim")
        yield from self._node(console, options, [], Text("Sections", style="bold"), node_style)
        # Depth-first with a stack of (children left to draw, guide segments before them), as Tree does.
        stack: list[tuple[Iterator[tuple[str, ...]], list[Segment], int]] = [
            (iter(self.children[()]), [], len(self.children[()]))
        ]
        while stack:
            siblings, before, left = stack.pop()
            path = next(siblings, None)
            if path is None:
                continue
            last = left == 1
            stack.append((siblings, before, left - 1))
            heading, count = self.labels[path]
            prefix = [*before, end if last else fork]
            # A label that fits in cells and in characters is one line, as in TextRun.
            fits = (
                options.justify is None
                and "\n" not in heading
                and "\t" not in heading
                and max(len(heading), cell_len(heading)) + len(count)
                <= options.max_width - space.cell_length * len(prefix)
                and strip_control_codes(heading) == heading
            )
            if fits:
                yield from prefix
                yield Segment(heading, name_style)
                yield Segment(count, count_style)
                yield Segment.line()
            else:
                label = Text(heading)
                label.append(count, style="dim")
                yield from self._node(console, options, prefix, label, node_style, continued=space if last else above)
            under = self.children[path]
            if under:
                stack.append((iter(under), [*before, space if last else above], len(under)))

    @staticmethod
    def _node(
        console: Console,
        options: ConsoleOptions,
        prefix: list[Segment],
        label: Text,
        style: Style,
        continued: Segment | None = None,
    ) -> RenderResult:
        """A label as rich's Tree writes it: wrapped to the width its guides leave, later lines under `continued`."""
        lines = console.render_lines(
            Styled(label, style),
            options.update(width=options.max_width - sum(g.cell_length for g in prefix), highlight=False, height=None),
            pad=options.justify is not None,
        )
        for line in lines:
            yield from prefix
            yield from line
            yield Segment.line()
            if prefix and continued is not None:
                prefix = [*prefix[:-1], continued]


def body(edition: Edition, *, furniture: bool = True) -> list[RenderableType]:
    """The text in reading order, a blank line between blocks (not inside a list): each list item and table a
    renderable of its own, each run of other blocks one `TextRun`."""
    out: list[RenderableType] = []
    run: list[tuple[str, str, OverflowMethod | None]] = []
    previous: BlockKind | None = None
    for block in edition.blocks:
        if block.kind is BlockKind.BOILERPLATE and not furniture:
            continue
        if previous is not None and not (previous is block.kind is BlockKind.LIST_ITEM):
            run.append(("", "", None))
        text = edition.text_of(block)
        plain = _plain_block(block)
        if plain is None:
            if run:
                out.append(TextRun(tuple(run)))
                run = []
            out.append(_block(block, text))
        else:
            run.append((text, *plain))
        previous = block.kind
    if run:
        out.append(TextRun(tuple(run)))
    return out


@dataclass(frozen=True)
class TextRun:
    """Blocks printed one after another, each as `Text(text, style=style, overflow=overflow)` prints it."""

    blocks: tuple[tuple[str, str, OverflowMethod | None], ...]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        styles: dict[str, Style] = {}
        for text, style, overflow in self.blocks:
            lines = strip_control_codes(text).split("\n")
            # Without a justification asked for, Text leaves a line that fits, and has no tab to expand, as it is;
            # "fits" in characters too, as Text trims the end of a line longer in characters than the width.
            if options.justify is None and all(
                "\t" not in line and max(len(line), cell_len(line)) <= width for line in lines
            ):
                if style not in styles:
                    styles[style] = console.get_style(style)
                for line in lines:
                    if line:
                        yield Segment(line, styles[style])
                    yield Segment.line()
            else:
                yield Text(text, style=style, overflow=overflow)


def _plain_block(block: Block) -> tuple[str, OverflowMethod | None] | None:
    """The style and overflow a block is printed with as a `Text`, or None for a block drawn otherwise."""
    kind = block.kind
    if kind is BlockKind.TITLE:
        return "bold reverse", None
    if kind is BlockKind.HEADING:
        return HEADING_STYLES.get(max(block.level, 1), "bold"), None
    if kind is BlockKind.CAPTION:
        return "italic", "fold"
    if kind is BlockKind.BOILERPLATE:
        return FURNITURE + (" bold" if block.level > 0 else ""), "fold"
    if kind in (BlockKind.TABLE, BlockKind.LIST_ITEM):
        return None
    return "", "fold"


def _block(block: Block, text: str) -> RenderableType:
    """A block drawn as more than a line of text: a table or a list item."""
    if block.kind is BlockKind.TABLE:
        return _table(text)
    item = Text("• ")
    item.append(text)
    return Padding(item, (0, 0, 0, 2 + 2 * max(block.level, 0)), expand=False)


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
