"""A comparison as a standalone HTML page (inline CSS, no external resources), edition text escaped."""

from __future__ import annotations

import html

from editions.compare.brief import lead_name
from editions.compare.words import EQUAL
from editions.model import BriefItem, Comparison, Link, LinkKind
from editions.render.comparison.view import (
    cite_sentences,
    comparison_view,
    edition_label,
    kind_label,
    link_new_text,
    link_old_text,
    section_of,
    shown,
)

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
    title = f"Changes: {edition_label(c.old)} → {edition_label(c.new)}"
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
            kind = kind_label(link)
            out.append(
                f'<li><span class="kind k-{_h(str(link.kind))}">{_h(kind)}</span> '
                f'<span class="cite">[{_h(cite_sentences(link.old, link.new))}]</span> {_html_link_new(c, link)}</li>'
            )
        if unchanged:
            out.append(f'<li class="cite">{unchanged} unchanged sentence{"s" if unchanged > 1 else ""}</li>')
        out.append("</ul>")
    old_label, new_label = _h(edition_label(c.old)), _h(edition_label(c.new))
    out.append(f'<h2>Side by side</h2><table class="side"><tr><th>{old_label}</th><th>{new_label}</th></tr>')
    current: str | None = None
    leads = lead_name(c.old), lead_name(c.new)
    for link in c.links:
        name = section_of(c, link, leads)
        if name != current:
            current = name
            out.append(f'<tr><th colspan="2">{_h(name)}</th></tr>')
        is_shown = shown(link, min_change)
        if link.kind is LinkKind.ADDED:
            left, right = "", f"<ins>{_h(link_new_text(c, link))}</ins>"
        elif link.kind is LinkKind.DELETED:
            left, right = f"<del>{_h(link_old_text(c, link))}</del>", ""
        elif not is_shown:
            left, right = _h(link_old_text(c, link)), _h(link_new_text(c, link))
        else:
            left, right = _html_redline(link.words, "old"), _html_redline(link.words, "new")
        cls = "" if is_shown else ' class="same"'
        out.append(f"<tr{cls}><td>{left}</td><td>{right}</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


def _html_link_new(c: Comparison, link: Link) -> str:
    if link.kind is LinkKind.ADDED:
        return f"<ins>{_h(link_new_text(c, link))}</ins>"
    if link.kind is LinkKind.DELETED:
        return f"<del>{_h(link_old_text(c, link))}</del>"
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
