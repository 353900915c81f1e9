"""The one view of a comparison that every face shows (`comparison_view`): the brief's headline and groups,
the stats line, the changed figures, the changes section by section; and the small readings of a link the
formats share (its kind's label, its texts, its citation)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from editions.compare.brief import lead_name, section_name, with_min_change
from editions.compare.words import EQUAL
from editions.model import BriefItem, Comparison, Edition, Fact, FactChange, FactChangeKind, Link, LinkKind


def edition_label(edition: Edition) -> str:
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


def section_of(c: Comparison, link: Link, leads: tuple[str, str]) -> str:
    """The section a link is listed under; `leads` are the old and new editions' `lead_name`s, found once."""
    return section_name(c.new, link.new[0], leads[1]) if link.new else section_name(c.old, link.old[0], leads[0])


def _sections(c: Comparison, min_change: float) -> Iterator[tuple[str, list[Link], int]]:
    """(section, changed links, unchanged count) in reading order of the new edition."""
    current: str | None = None
    changed: list[Link] = []
    unchanged = 0
    leads = lead_name(c.old), lead_name(c.new)
    for link in c.links:
        name = section_of(c, link, leads)
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


def link_old_text(c: Comparison, link: Link) -> str:
    return " ".join(c.old.text_of(c.old.sentences[i]) for i in link.old)


def link_new_text(c: Comparison, link: Link) -> str:
    return " ".join(c.new.text_of(c.new.sentences[j]) for j in link.new)


def kind_label(link: Link) -> str:
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


def fact_text(edition: Edition, fact: Fact | None) -> str:
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
                fact_text(c.old, fc.old),
                fact_text(c.new, fc.new),
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
