"""A Comparison for people and programs: JSON (DESIGN.md's contract), Markdown, a terminal view and a
standalone HTML page.

Every renderer is a pure function of the comparison and shows one view of it (`comparison_view`, which the web
page reads too): the brief's headline, then its groups, the figures table, the changes section by section.
What is substantive, what share of a link changed, what the headline is: all read from the Comparison, never
decided again here. `min_change` (0–1) hides edits that change less than that share of their words (read from
`Link.changed` and `BriefItem.changed`): they are shown as unchanged. Text from the editions is always escaped
for the output (HTML entities, Markdown backslashes, rich `Text` objects rather than markup).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from editions.compare.brief import lead_name, section_name, with_min_change
from editions.compare.words import EQUAL
from editions.model import (
    COMPARISON_SCHEMA_VERSION,
    BriefItem,
    Comparison,
    Edition,
    Fact,
    FactChange,
    FactChangeKind,
    Link,
    LinkKind,
)
from editions.render.json import fact_to_dict, write_streamed

__all__ = [
    "ComparisonView",
    "comparison_to_dict",
    "comparison_view",
    "render_html",
    "render_json",
    "render_markdown",
    "render_terminal",
]


# --- JSON ------------------------------------------------------------------------------------------------------


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data, following DESIGN.md's contract (`"schema": 2`: each link carries
    compare's verdict, each brief item whether it is in the headline, its group and the fact changes it shows)."""
    fields = _comparison_fields(comparison)
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in fields.items()}


def _comparison_fields(comparison: Comparison) -> dict[str, Any]:
    """The comparison's JSON fields in order; its sentences, links, fact changes and brief as iterators, so a
    writer can make and write them one at a time."""
    c = comparison
    return {
        "schema": COMPARISON_SCHEMA_VERSION,
        "old": _edition_head(c.old),
        "new": _edition_head(c.new),
        "old_text": c.old.text,
        "new_text": c.new.text,
        "old_sentences": (_sentence(c.old, k) for k in range(len(c.old.sentences))),
        "new_sentences": (_sentence(c.new, k) for k in range(len(c.new.sentences))),
        "links": (
            {
                "old": list(link.old),
                "new": list(link.new),
                "kind": str(link.kind),
                "similarity": link.similarity,
                "words": [list(op) for op in link.words],
                "substantive": link.substantive,
                "changed": link.changed,
            }
            for link in c.links
        ),
        "fact_changes": (
            {
                "kind": str(fc.kind),
                "measure": fc.measure,
                "old": fact_to_dict(fc.old) if fc.old else None,
                "new": fact_to_dict(fc.new) if fc.new else None,
            }
            for fc in c.fact_changes
        ),
        "stats": dict(c.stats),
        "brief": map(brief_item_to_dict, c.brief),
    }


def brief_item_to_dict(item: BriefItem) -> dict[str, Any]:
    """One brief item as JSON: also the shape of the web API's briefs."""
    return {
        "text": item.text,
        "kind": item.kind,
        "citations": {"old": list(item.citations.old), "new": list(item.citations.new)},
        "headline": item.headline,
        "group": item.group,
        "fact_changes": list(item.fact_changes),
        "changed": item.changed,
    }


def render_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as a JSON document (UTF-8 text, not ASCII-escaped), ending in a newline."""
    if indent is None:
        return json.dumps(comparison_to_dict(comparison), ensure_ascii=False) + "\n"
    out = io.StringIO()
    write_json(comparison, out, indent=indent)
    return out.getvalue()


def write_json(comparison: Comparison, out: TextIO, *, indent: int = 2) -> None:
    """Write `render_json`'s document to `out` element by element (`render.json.write_streamed`), so that a
    large comparison is never held whole as text and dicts."""
    write_streamed(_comparison_fields(comparison), out, indent=indent)


FIGURE_CSV_COLUMNS = (
    "kind",
    "section",
    "measure",
    "old_figure",
    "new_figure",
    "old_value",
    "new_value",
    "unit",
    "old_sentence",
    "new_sentence",
    "old_text",
    "new_text",
    "in_brief",
)
"""The columns of `editions diff --format csv` and `/api/compare/{old}/{new}.csv`: one row per figure change (see
the README)."""


def render_figures_csv(comparison: Comparison) -> str:
    """Every figure change of the comparison as CSV (`FIGURE_CSV_COLUMNS`), in the comparison's order: what
    changed (changed, added, removed), the section (the new edition's, or the old one's for a removed figure),
    what the figure measures, each side's figure as printed and as a value, the sentence indices (from 0, as in
    the JSON) and texts, and whether the brief shows it (figures in notes and references are not shown)."""
    c = comparison
    in_brief = {n for item in c.brief for n in item.fact_changes}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_CSV_COLUMNS)
    for n, fc in enumerate(c.fact_changes):
        old, new = fc.old, fc.new
        stated = new or old
        section = section_name(c.new, new.sentence) if new else section_name(c.old, old.sentence) if old else ""
        writer.writerow(
            (
                str(fc.kind),
                section,
                fc.measure,
                _fact_text(c.old, old),
                _fact_text(c.new, new),
                _csv_value(old.value) if old else "",
                _csv_value(new.value) if new else "",
                (stated.unit or "") if stated else "",
                old.sentence if old else "",
                new.sentence if new else "",
                c.old.text_of(c.old.sentences[old.sentence]) if old else "",
                c.new.text_of(c.new.sentences[new.sentence]) if new else "",
                "yes" if n in in_brief else "no",
            )
        )
    return out.getvalue()


def _csv_value(value: object) -> str:
    """A fact's value in a CSV cell: a whole number without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _edition_head(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.id,
        "report": edition.report,
        "title": edition.title,
        "date": edition.date.isoformat() if edition.date else None,
    }


def _sentence(edition: Edition, k: int) -> dict[str, Any]:
    s = edition.sentences[k]
    return {
        "index": s.index,
        "start": s.span.start,
        "end": s.span.end,
        "section": list(s.section),
        "role": str(s.role),
    }


# --- shared walk ---------------------------------------------------------------------------------------------


def _label(edition: Edition) -> str:
    parts = [edition.report or "", edition.title or edition.source.name or "untitled"]
    if edition.date:
        parts.append(edition.date.isoformat())
    return " · ".join(p for p in parts if p)


def shown(link: Link, min_change: float) -> bool:
    """Whether a link is shown as a change (not hidden as unchanged), from compare's verdict `Link.changed`."""
    if link.kind is LinkKind.SAME:
        return False
    if link.kind in (LinkKind.ADDED, LinkKind.DELETED):
        return True
    if not any(op != EQUAL for op, _, _ in link.words):
        return link.kind is LinkKind.MOVED
    return link.changed >= min_change


def _section_of(c: Comparison, link: Link, leads: tuple[str, str]) -> str:
    """The section a link is listed under; `leads` are the old and new editions' `lead_name`s, found once."""
    return section_name(c.new, link.new[0], leads[1]) if link.new else section_name(c.old, link.old[0], leads[0])


def _sections(c: Comparison, min_change: float) -> Iterator[tuple[str, list[Link], int]]:
    """(section, changed links, unchanged count) in reading order of the new edition."""
    current: str | None = None
    changed: list[Link] = []
    unchanged = 0
    leads = lead_name(c.old), lead_name(c.new)
    for link in c.links:
        name = _section_of(c, link, leads)
        if name != current:
            if current is not None:
                yield current, changed, unchanged
            current, changed, unchanged = name, [], 0
        if shown(link, min_change):
            changed.append(link)
        else:
            unchanged += 1
    if current is not None:
        yield current, changed, unchanged


def _old_text(c: Comparison, link: Link) -> str:
    return " ".join(c.old.text_of(c.old.sentences[i]) for i in link.old)


def _new_text(c: Comparison, link: Link) -> str:
    return " ".join(c.new.text_of(c.new.sentences[j]) for j in link.new)


def _kind_label(link: Link) -> str:
    if link.kind in (LinkKind.ADDED, LinkKind.DELETED, LinkKind.MOVED, LinkKind.SPLIT, LinkKind.MERGED):
        return str(link.kind)
    return "edited" if link.substantive else "edited (cosmetic)"


def cite_sentences(link_old: Sequence[int], link_new: Sequence[int]) -> str:
    """'old 8,9 · new 9': sentences of both editions, numbered from 1."""
    parts = []
    if link_old:
        parts.append("old " + ",".join(str(i + 1) for i in link_old))
    if link_new:
        parts.append("new " + ",".join(str(j + 1) for j in link_new))
    return " · ".join(parts)


def _stat_line(stats: dict[str, float]) -> str:
    return (
        f"{stats.get('words_changed', 0.0):.0%} of words changed · "
        f"sentences: {stats.get('share_same', 0.0):.0%} same, {stats.get('share_edited', 0.0):.0%} edited, "
        f"{stats.get('share_moved', 0.0):.0%} moved, "
        f"{stats.get('share_split', 0.0) + stats.get('share_merged', 0.0):.0%} split or merged, "
        f"{stats.get('share_added', 0.0):.0%} added, {stats.get('share_deleted', 0.0):.0%} deleted · "
        f"{int(stats.get('edits_substantive', 0))} substantive and {int(stats.get('edits_cosmetic', 0))} "
        f"cosmetic edits · {_figure_count(stats)}"
    )


def _figure_count(stats: dict[str, float]) -> str:
    """The figure changes the brief shows, by kind."""
    changed, added, removed = (int(stats.get(f"shown_{kind}", 0)) for kind in ("changed", "added", "removed"))
    total = changed + added + removed
    if not total:
        return "no figure changed"
    return f"{total} figure change{'s' if total != 1 else ''} ({changed} changed, {added} added, {removed} dropped)"


def _fact_text(edition: Edition, fact: Fact | None) -> str:
    return edition.text_of(fact) if fact is not None else ""


def _figure_rows(c: Comparison) -> list[tuple[str, str, str, str, FactChange]]:
    """The changed figures the brief shows (not those of notes and references)."""
    rows = []
    lead = lead_name(c.new)
    shown_changes = sorted({n for item in c.brief for n in item.fact_changes})
    for fc in (c.fact_changes[n] for n in shown_changes):
        if fc.kind is not FactChangeKind.CHANGED:
            continue
        assert fc.old is not None and fc.new is not None
        rows.append(
            (
                section_name(c.new, fc.new.sentence, lead),
                _fact_text(c.old, fc.old),
                _fact_text(c.new, fc.new),
                cite_sentences((fc.old.sentence,), (fc.new.sentence,)),
                fc,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class ComparisonView:
    """What every face shows of a comparison at a `min_change` setting: the brief's headline and groups, the
    stats line, the changed figures, and the changes section by section."""

    comparison: Comparison
    min_change: float
    headline: tuple[BriefItem, ...]
    groups: tuple[tuple[str, tuple[BriefItem, ...]], ...]
    stat_line: str
    figures: tuple[tuple[str, str, str, str, FactChange], ...]
    sections: tuple[tuple[str, tuple[Link, ...], int], ...]
    """(section, changed links shown, unchanged count) in reading order of the new edition."""


def comparison_view(comparison: Comparison, min_change: float = 0.0) -> ComparisonView:
    """The one view of a comparison that the terminal, Markdown, HTML and the web page render."""
    items = with_min_change(comparison.brief, min_change)
    groups: dict[str, list[BriefItem]] = {}
    for item in items:
        if not item.headline:
            groups.setdefault(item.group or "Other", []).append(item)
    return ComparisonView(
        comparison,
        min_change,
        tuple(item for item in items if item.headline),
        tuple((name, tuple(group)) for name, group in groups.items()),
        _stat_line(comparison.stats),
        tuple(_figure_rows(comparison)),
        tuple((name, tuple(changed), unchanged) for name, changed, unchanged in _sections(comparison, min_change)),
    )


# --- Markdown --------------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_redline(words: tuple[tuple[str, str, str], ...]) -> str:
    out: list[str] = []
    for op, old, new in words:
        lead = " " if (old or new)[:1].isspace() else ""
        if op == EQUAL:
            out.append(_md(new) and lead + _md(new))
            continue
        if old.strip():
            out.append(f"{lead}~~{_md(old)}~~")
            lead = " "
        if new.strip():
            out.append(f"{lead}**{_md(new)}**")
    return "".join(out).strip()


def render_markdown(comparison: Comparison, *, min_change: float = 0.0) -> str:
    """The comparison as Markdown: the brief (headline, then its groups), figures table, then the changes
    section by section (deleted words ~~struck~~, new words **bold**)."""
    c = comparison
    view = comparison_view(c, min_change)
    lines = [
        f"# Changes: {_md(_label(c.old))} → {_md(_label(c.new))}",
        "",
        _md(view.stat_line),
    ]

    def item_line(item: BriefItem) -> str:
        cite = cite_sentences(item.citations.old, item.citations.new)
        return f"- *{item.kind}* — {_md(item.text)}" + (f" \\[{cite}\\]" if cite else "")

    if view.headline:
        lines += ["", "## Headline", ""]
        lines += [item_line(item) for item in view.headline]
    for name, items in view.groups:
        lines += ["", f"## {_md(name)}", ""]
        lines += [item_line(item) for item in items]
    if view.figures:
        lines += ["", "## Figures", "", "| section | old | new | sentences |", "|---|---|---|---|"]
        lines += [f"| {_md(s)} | {_md(o)} | {_md(n)} | {cite} |" for s, o, n, cite, _ in view.figures]
    lines += ["", "## Changes by section"]
    for name, changed, unchanged in view.sections:
        if not changed:
            continue
        lines += ["", f"### {_md(name)}", ""]
        for link in changed:
            cite = cite_sentences(link.old, link.new)
            if link.kind is LinkKind.ADDED:
                body = f"**{_md(_new_text(c, link))}**"
            elif link.kind is LinkKind.DELETED:
                body = f"~~{_md(_old_text(c, link))}~~"
            else:
                body = _md_redline(link.words)
            lines.append(f"- *{_kind_label(link)}* \\[{cite}\\]: {body}")
        if unchanged:
            lines.append(f"- *{unchanged} unchanged sentence{'s' if unchanged > 1 else ''}*")
    return "\n".join(lines) + "\n"


# --- terminal ----------------------------------------------------------------------------------------------------

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
    head.append(_label(c.old) + "\n")
    head.append("new  ", style="bold cyan")
    head.append(_label(c.new) + "\n")
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
            line.append(f"{_kind_label(link)} ", style="bold")
            line.append(f"[{cite_sentences(link.old, link.new)}] ", style="dim")
            if link.kind is LinkKind.ADDED:
                added = _new_text(c, link)
                line.append("{+" + added + "+}" if plain else added, style="green")
            elif link.kind is LinkKind.DELETED:
                dropped = _old_text(c, link)
                line.append("[-" + dropped + "-]" if plain else dropped, style="red strike")
            else:
                line.append_text(_rich_redline(link.words, plain=plain))
            parts.append(line)
        if unchanged:
            parts.append(Text(f"  {unchanged} unchanged sentence{'s' if unchanged > 1 else ''}", style="dim"))
    return Group(*parts)


# --- HTML ------------------------------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1rem 2rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem;color:#6a1b9a}
.stats{color:#555}.kind{display:inline-block;min-width:5.5rem;font-weight:600;font-size:.85em;text-transform:uppercase}
.k-figure{color:#a15c00}.k-new,.k-added,.k-section,.k-list{color:#1b7f3b}.k-dropped,.k-deleted{color:#b3261e}.k-reworded,.k-edited{color:#0b57d0}
.k-moved,.k-split,.k-merged{color:#5e35b1}.k-cosmetic,.k-unchanged,.k-notes{color:#777}
.cite{color:#777;font-size:.85em}del{background:#fde7e9;color:#8c1d18}ins{background:#e3f5e8;color:#0d5a26;text-decoration:none}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #e0e0e0;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f6f6}.side td{width:50%}.same td{color:#888}ul{padding-left:1.2rem}li{margin:.25rem 0}
body{overflow-wrap:anywhere}.side{table-layout:fixed}@media(max-width:40rem){body{padding:.5rem}}
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_redline(words: tuple[tuple[str, str, str], ...], side: str) -> str:
    out: list[str] = []
    for op, old, new in words:
        if op == EQUAL:
            out.append(_h(old if side == "old" else new))
        elif side == "old" and old:
            out.append(f"<del>{_h(old)}</del>")
        elif side == "new" and new:
            out.append(f"<ins>{_h(new)}</ins>")
    return "".join(out)


def render_html(comparison: Comparison, *, min_change: float = 0.0) -> str:
    """A standalone HTML page (inline CSS, no external resources): brief, figures table, change list and the
    two editions side by side."""
    c = comparison
    view = comparison_view(c, min_change)
    title = f"Changes: {_label(c.old)} → {_label(c.new)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_h(title)}</h1>",
        f'<p class="stats">{_h(view.stat_line)}</p>',
    ]

    def item_html(item: BriefItem) -> str:
        cite = cite_sentences(item.citations.old, item.citations.new)
        return (
            f'<li><span class="kind k-{_h(item.kind)}">{_h(item.kind)}</span> {_h(item.text)}'
            + (f' <span class="cite">[{_h(cite)}]</span>' if cite else "")
            + "</li>"
        )

    if view.headline:
        out.append("<h2>Headline</h2><ul>")
        out.extend(item_html(item) for item in view.headline)
        out.append("</ul>")
    for name, items in view.groups:
        out.append(f"<h2>{_h(name)}</h2><ul>")
        out.extend(item_html(item) for item in items)
        out.append("</ul>")
    rows = view.figures
    if rows:
        out.append("<h2>Figures</h2><table><tr><th>section</th><th>old</th><th>new</th><th>sentences</th></tr>")
        for s, o, n, cite, _ in rows:
            out.append(
                f"<tr><td>{_h(s)}</td><td><del>{_h(o)}</del></td><td><ins>{_h(n)}</ins></td><td>{_h(cite)}</td></tr>"
            )
        out.append("</table>")
    out.append("<h2>Changes</h2>")
    for name, changed, unchanged in view.sections:
        if not changed:
            continue
        out.append(f"<h3>{_h(name)}</h3><ul>")
        for link in changed:
            kind = _kind_label(link)
            out.append(
                f'<li><span class="kind k-{_h(str(link.kind))}">{_h(kind)}</span> '
                f'<span class="cite">[{_h(cite_sentences(link.old, link.new))}]</span> {_html_link_new(c, link)}</li>'
            )
        if unchanged:
            out.append(f'<li class="cite">{unchanged} unchanged sentence{"s" if unchanged > 1 else ""}</li>')
        out.append("</ul>")
    out.append(
        f'<h2>Side by side</h2><table class="side"><tr><th>{_h(_label(c.old))}</th><th>{_h(_label(c.new))}</th></tr>'
    )
    current: str | None = None
    leads = lead_name(c.old), lead_name(c.new)
    for link in c.links:
        name = _section_of(c, link, leads)
        if name != current:
            current = name
            out.append(f'<tr><th colspan="2">{_h(name)}</th></tr>')
        is_shown = shown(link, min_change)
        if link.kind is LinkKind.ADDED:
            left, right = "", f"<ins>{_h(_new_text(c, link))}</ins>"
        elif link.kind is LinkKind.DELETED:
            left, right = f"<del>{_h(_old_text(c, link))}</del>", ""
        elif not is_shown:
            left, right = _h(_old_text(c, link)), _h(_new_text(c, link))
        else:
            left, right = _html_redline(link.words, "old"), _html_redline(link.words, "new")
        cls = "" if is_shown else ' class="same"'
        out.append(f"<tr{cls}><td>{left}</td><td>{right}</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


def _html_link_new(c: Comparison, link: Link) -> str:
    if link.kind is LinkKind.ADDED:
        return f"<ins>{_h(_new_text(c, link))}</ins>"
    if link.kind is LinkKind.DELETED:
        return f"<del>{_h(_old_text(c, link))}</del>"
    parts: list[str] = []
    for op, old, new in link.words:
        if op == EQUAL:
            parts.append(_h(new))
            continue
        if old:
            parts.append(f"<del>{_h(old)}</del>")
        if new:
            parts.append(f"<ins>{_h(new)}</ins>")
    return "".join(parts)
