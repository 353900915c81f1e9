"""The compare page's view: the comparison's rows side by side (a redline of each edited sentence, the
figure changes, the groups of the brief), built from a `Comparison`; every piece of edition text goes through
`markupsafe.escape`."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from editions.compare.brief import section_name, with_min_change
from editions.compare.words import EQUAL
from editions.model import (
    Comparison,
    Edition,
    Link,
    LinkKind,
)
from editions.render.comparison import (
    ComparisonView,
    brief_item_to_dict,
    cite_sentences,
    comparison_to_dict,
    comparison_view,
    shown,
)
from editions.web.views import percent, shorten


def _marked_words(tag: str, text: str) -> str:
    """`text` in <del> or <ins>, its leading and trailing spaces left outside (so no struck or underlined gap)."""
    core = text.strip()
    if not core:
        return str(escape(text))
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{escape(lead)}<{tag}>{escape(core)}</{tag}>{escape(trail)}"


def _redline(words: Sequence[tuple[str, str, str]], side: str) -> Markup:
    out: list[str] = []
    for op, old, new in words:
        if op == EQUAL:
            out.append(str(escape(old if side == "old" else new)))
        elif side == "old" and old:
            out.append(_marked_words("del", old))
        elif side == "new" and new:
            out.append(_marked_words("ins", new))
    return Markup("".join(out))


def _plain(texts: Sequence[str], indices: Sequence[int]) -> Markup:
    """The sentences `indices` of an edition (`texts`: its sentences' texts), escaped."""
    if len(indices) == 1:
        return escape(texts[indices[0]])
    return escape(" ".join(texts[i] for i in indices))


def _sentence_texts(edition: Edition) -> list[str]:
    text = edition.text
    return [text[s.span.start : s.span.end] for s in edition.sentences]


def _section_names(edition: Edition) -> list[str]:
    """`section_name` of every sentence, each distinct heading path joined once."""
    names: dict[tuple[str, ...], str] = {}
    out = []
    for n, s in enumerate(edition.sentences):
        name = names.get(s.section)
        if name is None:
            name = names[s.section] = section_name(edition, n)
        out.append(name)
    return out


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    """same · edited · cosmetic · moved · split · merged · added · deleted · moved-away (where a moved
    sentence used to be)."""
    old: Markup
    new: Markup
    old_ids: tuple[int, ...]
    new_ids: tuple[int, ...]
    change: int = 0
    """1-based number in the change list; 0 for unchanged rows."""
    figure: bool = False
    target: str = ""
    """For a moved sentence: where to jump (its other place)."""
    section: str = ""
    above: bool = False
    """For a moved-away marker: whether the sentence's new place is above it on the page."""


@dataclass(frozen=True, slots=True)
class Group:
    """A section's rows: changes one by one, runs of unchanged sentences folded."""

    section: str
    anchor: str
    runs: tuple[tuple[bool, tuple[Row, ...]], ...]
    """(folded, rows): folded runs are unchanged sentences."""


@dataclass(frozen=True, slots=True)
class ChangeItem:
    number: int
    kind: str
    section: str
    excerpt: str
    figure: bool


@dataclass(frozen=True, slots=True)
class FigureRow:
    measure: str
    section: str
    old: str
    new: str
    old_sentence: int | None
    new_sentence: int | None
    kind: str


@dataclass(frozen=True, slots=True)
class CompareView:
    comparison: Comparison
    min_change: float
    brief: ComparisonView
    """What every face shows of the comparison (the brief's headline and groups, the stats line)."""
    groups: tuple[Group, ...]
    changes: tuple[ChangeItem, ...]
    figures: tuple[FigureRow, ...]
    stats: tuple[tuple[str, str], ...]


def compare_view(c: Comparison, min_change: float) -> CompareView:
    """The side-by-side view of a comparison: rows in the new edition's reading order (deleted sentences where
    they stood), each change numbered for the change list, cosmetic edits marked to fold, a moved sentence shown
    at its new place with a marker at its old one, runs of unchanged sentences folded."""
    figure_old = {fc.old.sentence for fc in c.fact_changes if fc.old is not None and fc.kind == "changed"}
    figure_new = {fc.new.sentence for fc in c.fact_changes if fc.new is not None and fc.kind == "changed"}
    old_texts, new_texts = _sentence_texts(c.old), _sentence_texts(c.new)
    old_sections, new_sections = _section_names(c.old), _section_names(c.new)
    rows: list[Row] = []
    changes: list[ChangeItem] = []
    # Where each old sentence's row is, to put a "moved from here" marker after its predecessor.
    moved_from: dict[int, list[Link]] = {}
    for link in c.links:
        if link.kind is LinkKind.MOVED and link.old:
            moved_from.setdefault(link.old[0] - 1, []).append(link)
    ghosts_done: set[int] = set()
    placed: set[tuple[int, ...]] = set()  # old sentences of the moved links already on the page

    def ghosts_after(old_index: int) -> None:
        for moved in moved_from.get(old_index, ()):
            if moved.old[0] in ghosts_done:
                continue
            ghosts_done.add(moved.old[0])
            rows.append(
                Row("moved-away", Markup(), Markup(), moved.old, (), target=f"new-s{moved.new[0]}",
                    section=old_sections[moved.old[0]], above=moved.old in placed)
            )  # fmt: skip

    ghosts_after(-1)
    for link in c.links:
        section = new_sections[link.new[0]] if link.new else old_sections[link.old[0]]
        is_shown = shown(link, min_change)
        figure = is_shown and (any(i in figure_old for i in link.old) or any(j in figure_new for j in link.new))
        kind = str(link.kind)
        if not is_shown:
            kind = "same"
            old_html, new_html = _plain(old_texts, link.old), _plain(new_texts, link.new)
        elif link.kind is LinkKind.ADDED:
            old_html, new_html = Markup(), Markup("<ins>{}</ins>").format(_plain(new_texts, link.new))
        elif link.kind is LinkKind.DELETED:
            old_html, new_html = Markup("<del>{}</del>").format(_plain(old_texts, link.old)), Markup()
        else:
            if link.kind is LinkKind.EDITED and not figure and not link.substantive:
                kind = "cosmetic"
            if link.words:
                old_html, new_html = _redline(link.words, "old"), _redline(link.words, "new")
            else:
                old_html, new_html = _plain(old_texts, link.old), _plain(new_texts, link.new)
        number = 0
        if is_shown:
            number = len(changes) + 1
            text = " ".join(new_texts[j] for j in link.new) or " ".join(old_texts[i] for i in link.old)
            changes.append(ChangeItem(number, kind, section, shorten(text, 90), figure))
        target = f"moved-from-{link.old[0]}" if link.kind is LinkKind.MOVED and link.old else ""
        rows.append(Row(kind, old_html, new_html, link.old, link.new, number, figure, target, section))
        if link.kind is LinkKind.MOVED:
            placed.add(link.old)
        if link.old and link.kind is not LinkKind.MOVED:
            ghosts_after(link.old[-1])
    groups: list[Group] = []
    for n, (section, section_rows) in enumerate(itertools.groupby(rows, key=lambda r: r.section)):
        runs = tuple(
            (folded, tuple(run)) for folded, run in itertools.groupby(section_rows, key=lambda r: r.kind == "same")
        )
        groups.append(Group(section, f"part-{n}", runs))
    figures = tuple(
        FigureRow(
            fc.measure,
            new_sections[fc.new.sentence] if fc.new else old_sections[fc.old.sentence] if fc.old else "",
            c.old.text_of(fc.old) if fc.old else "",
            c.new.text_of(fc.new) if fc.new else "",
            fc.old.sentence if fc.old else None,
            fc.new.sentence if fc.new else None,
            str(fc.kind),
        )
        # The figure changes the brief shows: those of the report's argument, not of its notes and references.
        for fc in (c.fact_changes[n] for n in sorted({n for item in c.brief for n in item.fact_changes}))
    )
    s = c.stats
    stats = (
        ("words changed", percent(s.get("words_changed", 0.0))),
        ("sentences same", percent(s.get("share_same", 0.0))),
        ("edited", percent(s.get("share_edited", 0.0))),
        ("moved", percent(s.get("share_moved", 0.0))),
        ("added", percent(s.get("share_added", 0.0))),
        ("deleted", percent(s.get("share_deleted", 0.0))),
        ("figure changes", str(int(sum(s.get(f"shown_{kind}", 0) for kind in ("changed", "added", "removed"))))),
    )
    return CompareView(c, min_change, comparison_view(c, min_change), tuple(groups), tuple(changes), figures, stats)


def _row_html(r: Row, changes: int, with_id: bool = True) -> str:
    """One row of the side-by-side view. Built here rather than in a template macro: a 100-page comparison has
    thousands of rows, and this is several times faster."""
    if r.kind == "moved-away":
        arrow = "↑" if r.above else "↓"
        number = int(r.target.removeprefix("new-s")) + 1
        return (
            f'<div class="row k-moved-away" id="moved-from-{r.old_ids[0]}"><div class="old">'
            f'<a href="#{escape(r.target)}">Moved from here: now new sentence {number} {arrow}</a></div>'
            '<div class="new"></div></div>\n'
        )
    kind = escape(r.kind)
    old_anchors = "".join(f'<span id="old-s{i}"></span>' for i in r.old_ids)
    new_anchors = "".join(f'<span id="new-s{j}"></span>' for j in r.new_ids)
    sides = f'<div class="old">{old_anchors}{r.old}</div><div class="new">{new_anchors}{r.new}</div></div>\n'
    if not r.change:  # most rows: an unchanged sentence
        return f'<div class="row k-{kind}{" fig" if r.figure else ""}">{sides}'
    ident = f' id="c{r.change}" tabindex="-1"' if with_id else ""
    out = [f'<div class="row k-{kind}{" fig" if r.figure else ""}"{ident}>']
    out.append(f'<div class="rowbar"><span class="badge k-{kind}">{kind}</span>')
    if r.figure:
        out.append(' <span class="badge k-figure">figure</span>')
    out.append(f' <span class="cite">{cite_sentences(r.old_ids, r.new_ids)}</span>')
    if r.target:
        out.append(f' <a href="#{escape(r.target)}">where it was</a>')
    out.append(' <span class="step">')
    if r.change > 1:
        out.append(f'<a href="#c{r.change - 1}">previous change</a> · ')
    if r.change < changes:
        out.append(f'<a href="#c{r.change + 1}">next change</a> · ')
    out.append('<a href="#changes">change list</a></span></div>')
    out.append(sides)
    return "".join(out)


def side_by_side_html(view: CompareView) -> Markup:
    """The side-by-side rows of a comparison, section by section: unchanged runs folded in <details>, each
    cosmetic edit folded on its own, every other change a row with its number, badges and steps."""
    changes = len(view.changes)
    out: list[str] = []
    for g in view.groups:
        out.append(f'<h3 id="{escape(g.anchor)}" class="sec">{escape(g.section)}</h3>\n')
        for folded, rows in g.runs:
            if folded:
                out.append(
                    f'<details class="same-run"><summary>{len(rows)} unchanged sentence{"s" if len(rows) != 1 else ""}'
                    "</summary>\n"
                )
                out.extend(_row_html(r, changes) for r in rows)
                out.append("</details>\n")
                continue
            for r in rows:
                if r.kind == "cosmetic":
                    out.append(
                        f'<details class="cosmetic" id="c{r.change}"><summary><span class="badge k-cosmetic">'
                        f'cosmetic edit</span> <span class="cite">{cite_sentences(r.old_ids, r.new_ids)}</span>'
                        "</summary>\n"
                    )
                    out.append(_row_html(r, changes, with_id=False))
                    out.append("</details>\n")
                else:
                    out.append(_row_html(r, changes))
    return Markup("".join(out))


def comparison_json(c: Comparison, min_change: float) -> dict[str, Any]:
    """The comparison as JSON, its brief as the page shows it at `min_change` (read from each item's share
    changed; links carry their own verdicts)."""
    out = comparison_to_dict(c)
    out["brief"] = [brief_item_to_dict(item) for item in with_min_change(c.brief, min_change)]
    out["min_change"] = min_change
    return out
