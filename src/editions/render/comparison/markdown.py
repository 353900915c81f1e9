"""A comparison as Markdown: Markdown's special characters in edition text escaped."""

from __future__ import annotations

import re

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
        f"# Changes: {_md(edition_label(c.old))} → {_md(edition_label(c.new))}",
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
                body = f"**{_md(link_new_text(c, link))}**"
            elif link.kind is LinkKind.DELETED:
                body = f"~~{_md(link_old_text(c, link))}~~"
            else:
                body = _md_redline(link.words)
            lines.append(f"- *{kind_label(link)}* \\[{cite}\\]: {body}")
        if unchanged:
            lines.append(f"- *{unchanged} unchanged sentence{'s' if unchanged > 1 else ''}*")
    return "\n".join(lines) + "\n"
