"""Renderers of a Comparison: JSON per DESIGN.md's contract, Markdown, terminal, standalone HTML."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser

from rich.console import Console, Group
from rich.text import Text

from editions.compare import compare
from editions.model import Comparison, Edition
from editions.render.comparison import (
    comparison_to_dict,
    comparison_view,
    render_html,
    render_json,
    render_markdown,
    render_terminal,
)

ReadFn = Callable[..., Edition]

OLD = (
    "# Report\n\n## Overview\n\nThe agency counted 1,200 facilities in 2021. The <b>chair</b> & staff agreed.\n\n"
    "## Outlook\n\nCongress may revisit the program. This sentence is dropped later.\n"
)
NEW = (
    "# Report\n\n## Overview\n\nThe agency counted 1,500 facilities in 2021. The <b>chair</b> & staff agreed!\n\n"
    "## Outlook\n\nCongress may revisit the program. A <script>alert(1)</script> sentence is new.\n"
)


def _comparison(edition_of: ReadFn) -> Comparison:
    return compare(edition_of(OLD, "old.txt"), edition_of(NEW, "new.txt"))


def test_json_contract(edition_of: ReadFn) -> None:
    c = _comparison(edition_of)
    data = json.loads(render_json(c))
    assert data["schema"] == 2
    assert set(data) == {
        "schema", "old", "new", "old_text", "new_text", "old_sentences", "new_sentences",
        "links", "fact_changes", "stats", "brief",
    }  # fmt: skip
    assert set(data["old"]) == {"id", "report", "title", "date"}
    assert data["old_text"] == c.old.text
    for s in data["new_sentences"]:
        assert set(s) == {"index", "start", "end", "section", "role"}
    olds = sorted(i for link in data["links"] for i in link["old"])
    news = sorted(j for link in data["links"] for j in link["new"])
    assert olds == list(range(len(c.old.sentences))) and news == list(range(len(c.new.sentences)))
    for link in data["links"]:
        assert set(link) == {"old", "new", "kind", "similarity", "words", "substantive", "changed"}
        if link["kind"] in ("added", "deleted"):
            assert link["substantive"] is True and link["changed"] == 1.0
        elif link["kind"] == "same":
            assert link["substantive"] is False and link["changed"] == 0.0
        assert 0.0 <= link["changed"] <= 1.0
        for op in link["words"]:
            assert len(op) == 3 and op[0] in ("equal", "replace", "insert", "delete")
    changed = [fc for fc in data["fact_changes"] if fc["kind"] == "changed"]
    assert [(fc["old"]["value"], fc["new"]["value"]) for fc in changed] == [(1200, 1500)]
    fact = changed[0]["new"]
    assert data["new_text"][fact["start"] : fact["end"]] == "1,500"
    for item in data["brief"]:
        assert set(item) == {"text", "kind", "citations", "headline", "group", "fact_changes", "changed"}
        assert set(item["citations"]) == {"old", "new"}
    # The headline comes first, and it names the changed figure.
    flags = [item["headline"] for item in data["brief"]]
    assert flags == sorted(flags, reverse=True) and flags[0]
    first = data["brief"][0]
    assert first["kind"] == "figure" and first["fact_changes"] == [data["fact_changes"].index(changed[0])]
    assert comparison_to_dict(c) == data


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_standalone_and_escaped(edition_of: ReadFn) -> None:
    page = render_html(_comparison(edition_of))
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "b" not in parser.tags
    assert parser.links == []  # no external resources
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text and "<b>chair</b> & staff" in text
    assert "1,200" in text and "1,500" in text
    assert "<ins>" in page and "<del>" in page and "Side by side" in text


def test_markdown(edition_of: ReadFn) -> None:
    md = render_markdown(_comparison(edition_of))
    assert md.startswith("# Changes:")
    assert "~~1,200~~" in md and "**1,500**" in md
    assert "\\<script\\>" in md
    assert "## Figures" in md and "## Changes by section" in md


def test_min_change_hides_small_edits(edition_of: ReadFn) -> None:
    c = _comparison(edition_of)
    full = render_markdown(c)
    hidden = render_markdown(c, min_change=0.9)
    assert "staff agreed" in full.split("## Changes by section")[1]
    assert "staff agreed" not in hidden.split("## Changes by section")[1]
    small = compare(c.old, c.new, min_change=0.9)
    assert not [item for item in small.brief if item.kind in ("reworded", "cosmetic")]


def test_terminal(edition_of: ReadFn) -> None:
    console = Console(width=100, record=True, color_system=None)
    console.print(render_terminal(_comparison(edition_of)))
    out = console.export_text()
    assert "Comparison" in out and "Headline" in out and "1,500" in out and "<script>" in out


def test_html_has_figures_table_change_list_and_side_by_side(edition_of: ReadFn) -> None:
    c = compare(
        edition_of(OLD.replace("# Report", "Report").replace("## ", ""), "old.txt"),
        edition_of(NEW.replace("# Report", "Report").replace("## ", ""), "new.txt"),
    )
    assert {s.section for s in c.new.sentences} == {("Overview",), ("Outlook",)}
    page = render_html(c)
    figures = page.split("<h2>Figures</h2>")[1].split("</table>")[0]
    # The figure change is one row: section, old struck, new inserted, both sentences cited.
    assert "<td>Overview</td><td><del>1,200</del></td><td><ins>1,500</ins></td>" in figures
    changes = page.split("<h2>Changes</h2>")[1].split("<h2>Side by side</h2>")[0]
    assert "<h3>Overview</h3>" in changes and "<h3>Outlook</h3>" in changes
    assert re.search(r"<del>\s?1,200</del><ins>\s?1,500</ins>", changes)
    assert "This sentence is dropped later." in changes and "sentence is new." in changes
    side = page.split("<h2>Side by side</h2>")[1]
    rows = [r for r in side.split("<tr") if "<td>" in r]
    # One row per link, old on the left and new on the right.
    assert len(rows) == len(c.links)
    dropped = next(r for r in rows if "dropped later" in r)
    assert dropped.split("</td>")[0].endswith("This sentence is dropped later.</del>")
    assert dropped.split("</td>")[1].endswith("<td>")
    edited = next(r for r in rows if "agency counted" in r)
    left, right = edited.split("</td>")[:2]
    assert re.search(r"<del>\s?1,200</del>", left) and "1,500" not in left
    assert re.search(r"<ins>\s?1,500</ins>", right) and "1,200" not in right
    same = next(r for r in rows if "Congress may revisit" in r)
    assert 'class="same"' in same


def test_terminal_colored_section_by_section(edition_of: ReadFn) -> None:
    c = compare(
        edition_of(OLD.replace("# Report", "Report").replace("## ", ""), "old.txt"),
        edition_of(NEW.replace("# Report", "Report").replace("## ", ""), "new.txt"),
    )
    console = Console(width=120, record=True, color_system="truecolor", force_terminal=True)
    console.print(render_terminal(c))
    plain = console.export_text(clear=False)
    changes = plain.split("Changes by section")[1]
    # Sections in the new edition's order, each with its own changes under it.
    assert changes.index("Overview") < changes.index("1,500") < changes.index("Outlook") < changes.index("is new")
    assert "1 unchanged sentence" in changes.split("Outlook")[1]
    # Deleted words struck in red, inserted ones underlined in green, section names in their own style.
    group = render_terminal(c)
    assert isinstance(group, Group)
    lines = [r for r in group.renderables if isinstance(r, Text)]
    redline = next(t for t in lines if t.plain.startswith("  edited") and "1,500" in t.plain)
    styles = {redline.plain[span.start : span.end].strip(): str(span.style) for span in redline.spans}
    assert styles["1,200"] == "red strike" and styles["1,500"] == "green underline"
    heading = next(t for t in lines if t.plain == "Outlook")
    assert str(heading.style) == "bold magenta"


def test_plain_terminal_keeps_the_redline_readable(edition_of: ReadFn) -> None:
    """Without styles (a file, a pipe) the redline is marked as `git diff --word-diff` marks it."""
    old = "# R\n\n## A\n\nThe previous acquisition objective was set by the office last year.\n"
    new = "# R\n\n## A\n\nThe original acquisition objective was set by the office last year.\n"
    c = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    console = Console(width=200, record=True, color_system=None)
    console.print(render_terminal(c, plain=True))
    plain = console.export_text()
    assert "The [-previous-] {+original+} acquisition objective" in plain
    console = Console(width=200, record=True, color_system=None)
    console.print(render_terminal(c))
    styled = console.export_text()
    assert "[-" not in styled and "previous" in styled and "original" in styled


def test_renderers_show_one_view(edition_of: ReadFn) -> None:
    """Terminal, Markdown and HTML list the same headline and groups, read from the comparison."""
    c = _comparison(edition_of)
    view = comparison_view(c)
    assert view.headline == c.headline and view.groups == c.groups
    md = render_markdown(c)
    page = render_html(c)
    console = Console(width=300, record=True, color_system=None)
    console.print(render_terminal(c))
    out = console.export_text()
    for name, _ in view.groups:
        assert f"## {name}" in md and f"<h2>{name}</h2>" in page and name in out
    assert md.index("## Headline") < md.index("1,500")
    # The stats line counts the figure changes the brief shows.
    shown = {n for item in c.brief for n in item.fact_changes}
    assert view.stat_line.endswith(f"{len(shown)} figure changes (1 changed, {len(shown) - 1} added, 0 dropped)")
    assert view.stat_line.split(" · ")[-1] in md
