"""The terminal renderer's section tree and runs of text print exactly what rich's own `Tree` and `Text`s print.

`SectionTree` and `TextRun` write a line that fits as segments of their own and hand the rest to rich; each test
prints the same content both ways, on consoles in a pipe, forced to a terminal with colour, narrow and ASCII-only,
and compares the bytes.
"""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group, JustifyMethod, OverflowMethod
from rich.text import Text
from rich.tree import Tree

from editions.render import terminal as render_terminal

_CONSOLES: list[dict[str, Any]] = [
    {"width": 80},
    {"width": 100, "force_terminal": True, "color_system": "256"},
    {"width": 24, "force_terminal": True, "color_system": "truecolor"},
    {"width": 9, "force_terminal": True, "color_system": "standard", "legacy_windows": False},
    {"width": 30, "force_terminal": True, "color_system": "256", "emoji": False},
]


class _AsciiFile(io.StringIO):
    """A stream that says it takes ASCII only, as a terminal with LANG=C does: rich then draws ASCII guides."""

    encoding = "ascii"


def _printed(
    renderable: object, options: dict[str, Any], justify: JustifyMethod | None = None, ascii_only: bool = False
) -> str:
    console = Console(file=_AsciiFile() if ascii_only else io.StringIO(), highlight=False, **options)
    console.print(renderable, justify=justify)
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


# Words short and long, wide (CJK), combining and zero-width characters, tabs, newlines, carriage returns and
# other control codes rich strips, brackets that would be markup, trailing spaces.
_PARTS = st.sampled_from(
    ["a", "word", " ", "  ", "\n", "\t", "\r", "\x07", "漢字", "e\u0301", "\u200b", "[b]x[/b]", "supercalifragilistic"]
)
_TEXT = st.lists(_PARTS, max_size=30).map("".join)
_STYLE = st.sampled_from(["", "bold", "dim bold", "italic", "bold underline magenta", "bold reverse"])
_OVERFLOWS: list[OverflowMethod | None] = [None, "fold"]
_OVERFLOW = st.sampled_from(_OVERFLOWS)


@given(st.lists(st.tuples(_TEXT, _STYLE, _OVERFLOW), max_size=6), st.sampled_from(range(len(_CONSOLES))))
@settings(max_examples=400, deadline=None)
def test_a_text_run_prints_what_its_texts_print(
    blocks: list[tuple[str, str, OverflowMethod | None]], console: int
) -> None:
    run = render_terminal.TextRun(tuple(blocks))
    texts = Group(*(Text(text, style=style, overflow=overflow) for text, style, overflow in blocks))
    assert _printed(run, _CONSOLES[console]) == _printed(texts, _CONSOLES[console])


def test_a_text_run_asked_to_justify_prints_what_its_texts_print() -> None:
    blocks: tuple[tuple[str, str, OverflowMethod | None], ...] = (
        ("A short line", "bold", None),
        ("", "", None),
        ("Another, longer line of text", "", "fold"),
    )
    texts = Group(*(Text(text, style=style, overflow=overflow) for text, style, overflow in blocks))
    justifications: list[JustifyMethod] = ["left", "center", "right", "full"]
    for justify in justifications:
        printed = _printed(render_terminal.TextRun(blocks), {"width": 40}, justify=justify)
        assert printed == _printed(texts, {"width": 40}, justify=justify)
    assert "  A short line" in _printed(render_terminal.TextRun(blocks), {"width": 40}, justify="right")


def _rich_tree(tree: render_terminal.SectionTree) -> Tree:
    """The tree as the renderer built it before: rich's Tree of Texts."""
    root = Tree(Text("Sections", style="bold"), guide_style="dim")
    stack: list[tuple[Tree, tuple[str, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        for child in reversed(tree.children[path]):
            heading, count = tree.labels[child]
            label = Text(heading)
            label.append(count, style="dim")
            stack.append((node.add(label), child))
    # Children were added in reverse above: put each node's in reading order.
    nodes = [root]
    while nodes:
        node = nodes.pop()
        node.children.reverse()
        nodes.extend(node.children)
    return root


_HEADING = st.lists(
    st.sampled_from(["Part", "two", "漢字", "e\u0301", "\x07", "[x]", "averyveryverylongword"]), max_size=8
)


@given(
    st.lists(st.tuples(st.integers(min_value=0, max_value=4), _HEADING.map(" ".join)), min_size=1, max_size=12),
    st.sampled_from(range(len(_CONSOLES))),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_the_section_tree_prints_what_rich_s_tree_prints(
    shape: list[tuple[int, str]], console: int, ascii_only: bool
) -> None:
    # Each heading goes under the latest one at most one level up: nested paths of any depth and width.
    children: dict[tuple[str, ...], list[tuple[str, ...]]] = {(): []}
    labels: dict[tuple[str, ...], tuple[str, str]] = {}
    latest: list[tuple[str, ...]] = [()]
    for i, (depth, heading) in enumerate(shape):
        parent = latest[min(depth, len(latest) - 1)]
        path = (*parent, f"{i} {heading}")
        children[parent].append(path)
        children[path] = []
        labels[path] = (f"{i} {heading}", f"  {i} sentence{'' if i == 1 else 's'}")
        latest = [*latest[: latest.index(parent) + 1], path]
    tree = render_terminal.SectionTree(labels, children)
    printed = _printed(tree, _CONSOLES[console], ascii_only=ascii_only)
    assert printed == _printed(_rich_tree(tree), _CONSOLES[console], ascii_only=ascii_only)
    assert ("`-- " if ascii_only else "└── ") in printed
