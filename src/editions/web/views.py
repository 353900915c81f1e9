"""What each page shows, built from the Python API: plain data for the JSON twin under `/api`, plus the
escaped HTML fragments that are easier to build here than in a template (an edition's text with its sentences
and facts marked, a comparison's redline). Every piece of edition text goes through `markupsafe.escape`."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from markupsafe import Markup, escape

from editions.compare import collector_paused
from editions.compare.brief import section_name, with_min_change
from editions.compare.words import EQUAL
from editions.library import EditionInfo, Library, ReportInfo, Timeline
from editions.model import (
    Block,
    BlockKind,
    BriefItem,
    Comparison,
    Edition,
    Fact,
    Link,
    LinkKind,
    Sentence,
)
from editions.render.comparison import (
    ComparisonView,
    brief_item_to_dict,
    cite_sentences,
    comparison_to_dict,
    comparison_view,
    shown,
)
from editions.render.results import report_to_dict
from editions.web.chart import chart

T = TypeVar("T")


class Cache(Generic[T]):
    """A small thread-safe LRU map. Keys always include what makes the value stale (edition ids, counts), so
    entries are never invalidated, only evicted."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        self.put(key, value)
        return value

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def put(self, key: Hashable, value: T) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class EditionIndexes:
    """Per edition (by id): its facts grouped by sentence, and where its sentences start (to find the sentences
    of a block by bisection), each made once for the few editions being shown."""

    def __init__(self, size: int = 64) -> None:
        self._facts: Cache[dict[int, list[Fact]]] = Cache(size)
        self._starts: Cache[list[int]] = Cache(size)

    def facts_by_sentence(self, edition: Edition) -> dict[int, list[Fact]]:
        def make() -> dict[int, list[Fact]]:
            found: dict[int, list[Fact]] = {}
            for f in sorted(edition.facts, key=lambda f: (f.span.start, -f.span.end)):
                found.setdefault(f.sentence, []).append(f)
            return found

        return self._facts.get(edition.id, make)

    def sentences_in(self, edition: Edition, start: int, end: int) -> Iterable[Sentence]:
        starts = self._starts.get(edition.id, lambda: [s.span.start for s in edition.sentences])
        i = max(0, bisect.bisect_right(starts, start) - 1)
        while i < len(edition.sentences) and edition.sentences[i].span.start < end:
            s = edition.sentences[i]
            if s.span.end > start:
                yield s
            i += 1


@dataclass
class Caches:
    latest: Cache[EditionInfo] = field(default_factory=lambda: Cache(4096))
    editions: Cache[Edition] = field(default_factory=lambda: Cache(32))
    comparisons: Cache[Comparison] = field(default_factory=lambda: Cache(16))
    compare_pages: Cache[str] = field(default_factory=lambda: Cache(16))
    """Rendered compare pages (a 100-page pair's is ~1.7 MB)."""
    edition_pages: Cache[Markup] = field(default_factory=lambda: Cache(32))
    report_pages: Cache[str] = field(default_factory=lambda: Cache(128))
    library_pages: Cache[str] = field(default_factory=lambda: Cache(64))
    indexes: EditionIndexes = field(default_factory=EditionIndexes)
    compared: dict[str, int] = field(default_factory=dict)
    """How many comparisons of each report this app has had the library keep (each can change its % changed)."""


def iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def edition_label(info: EditionInfo) -> str:
    """How a form names an edition: its date and version ("2034-05-04 · v3"), else its reference."""
    parts = [p for p in (iso(info.date), None if info.version is None else f"v{info.version}") if p]
    return " · ".join(parts) or info.ref


def percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


# --- Library ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportRow:
    info: ReportInfo
    latest: EditionInfo
    previous: EditionInfo | None

    def to_dict(self) -> dict[str, Any]:
        return {
            **report_to_dict(self.info),
            "latest_ref": self.latest.ref,
            "latest_id": self.latest.id,
            "previous_ref": None if self.previous is None else self.previous.ref,
            "changed": self.latest.changed,
        }


def library_rows(
    lib: Library, caches: Caches, query: str = "", reports: Sequence[ReportInfo] | None = None
) -> list[ReportRow]:
    """Every report (filtered by `query`, words that must all be in its number, title or product), with its
    latest edition and the share of sentences changed since the one before. `reports`: `lib.reports()`, when
    the caller has it already."""
    words = query.lower().split()
    selected = [
        r
        for r in (lib.reports() if reports is None else reports)
        if not words or all(w in " ".join((r.report, r.title or "", r.product or "")).lower() for w in words)
    ]

    def state(r: ReportInfo) -> tuple[str, int, dt.date | None]:
        return (r.report, r.editions, r.latest)

    # The reports not seen in this state yet: their latest two editions in a few queries, not two lookups each.
    missing = {r.report: r for r in selected if ("latest", *state(r)) not in caches.latest}
    if missing:
        for key, found in lib.latest_editions(missing).items():
            r = missing[key]
            if found[-1].position != r.editions:
                continue  # an edition was added since `reports` was read: looked up below, as before
            caches.latest.put(("latest", *state(r)), found[-1])
            if r.editions > 1:
                caches.latest.put(("previous", *state(r)), found[-2])
    out = []
    for r in selected:
        latest = caches.latest.get(("latest", *state(r)), functools.partial(lib.info, r.report))
        previous = None
        if r.editions > 1:
            previous = caches.latest.get(("previous", *state(r)), functools.partial(lib.info, f"{r.report}~1"))
        out.append(ReportRow(r, latest, previous))
    return out


# --- Report ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureChart:
    timeline: Timeline
    svg: Markup | None
    heading: str

    @property
    def query(self) -> str:
        return self.timeline.query

    @property
    def moved(self) -> bool:
        return self.timeline.moved


def _shorten(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def figure_chart(timeline: Timeline, n: int) -> FigureChart:
    """A chart titled by what its figure counts (`Timeline.measures`), or by the words asked when no edition
    states it."""
    return FigureChart(timeline, chart(timeline, f"chart-{n}"), timeline.measures or timeline.query)


def compare_refs(
    lib: Library,
    caches: Caches,
    old: str,
    new: str,
    infos: tuple[EditionInfo, EditionInfo] | None = None,
) -> Comparison:
    """The comparison of two editions named by reference, through `Library.compare` (which keeps its links for
    the library's changed shares), kept in memory. One comparison serves every `min_change` setting: the
    setting filters what is shown from the verdicts the comparison carries. `infos`: `lib.info` of both, when
    the caller has them already."""
    old_info, new_info = infos or (lib.info(old), lib.info(new))

    def make() -> Comparison:
        with collector_paused():
            comparison = lib.compare(old_info.ref, new_info.ref)
            for report in {old_info.report, new_info.report}:
                caches.compared[report] = caches.compared.get(report, 0) + 1
            return comparison

    return caches.comparisons.get((old_info.id, new_info.id), make)


def brief_to_dict(brief: Iterable[BriefItem]) -> list[dict[str, Any]]:
    return [brief_item_to_dict(b) for b in brief]


# --- Edition ---------------------------------------------------------------------------------------------------


def _fact_title(edition: Edition, fact: Fact) -> str:
    value = fact.value
    shown = f"{value:,}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    unit = f" {fact.unit}" if fact.unit else ""
    about = f" · {fact.measure}" if fact.measure else ""
    return f"{fact.kind}: {'~' if fact.approximate else ''}{shown}{unit}{about}"


def marked_text(
    edition: Edition, start: int, end: int, *, anchors: set[int], indexes: EditionIndexes, prefix: str = "s"
) -> Markup:
    """The text [start, end) escaped, each sentence in a span (with id `{prefix}{index}` the first time it is
    seen, recorded in `anchors`), each fact in a <mark> whose title says its kind, value and what it measures."""
    text = edition.text
    out: list[str] = []
    pos = start
    facts = indexes.facts_by_sentence(edition)
    for s in indexes.sentences_in(edition, start, end):
        s_start, s_end = max(s.span.start, start), min(s.span.end, end)
        if s_start > pos:
            out.append(str(escape(text[pos:s_start])))
        ident = ""
        if s.index not in anchors:
            anchors.add(s.index)
            ident = f' id="{prefix}{s.index}"'
        out.append(f'<span class="s"{ident}>')
        inner = s_start
        for f in facts.get(s.index, ()):
            f_start, f_end = max(f.span.start, inner), min(f.span.end, s_end)
            if f_start >= f_end:
                continue
            out.append(str(escape(text[inner:f_start])))
            out.append(
                f'<mark class="fact k-{escape(f.kind)}" title="{escape(_fact_title(edition, f))}">'
                f"{escape(text[f_start:f_end])}</mark>"
            )
            inner = f_end
        out.append(str(escape(text[inner:s_end])))
        out.append("</span>")
        pos = s_end
    if pos < end:
        out.append(str(escape(text[pos:end])))
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class TextBlock:
    kind: str
    html: Markup
    heading_level: int = 0
    """2–6 for headings (h2 … h6, never skipping a level), else 0."""
    anchor: str = ""
    rows: tuple[tuple[Markup, ...], ...] = ()
    """A table's cells, row by row."""


@dataclass(frozen=True, slots=True)
class EditionView:
    edition: Edition
    body: tuple[TextBlock, ...]
    furniture: tuple[TextBlock, ...]
    toc: tuple[tuple[int, str, str], ...]
    """(heading level, anchor, text) of every section heading."""


def edition_view(edition: Edition, indexes: EditionIndexes) -> EditionView:
    """The edition's blocks as HTML pieces: headings (levels mapped to h2… without skips, for the table of
    contents), paragraphs, list items, tables (cells), captions, footnotes; page furniture set apart."""
    anchors: set[int] = set()
    levels = sorted({b.level for b in edition.blocks if b.kind is BlockKind.HEADING})
    body: list[TextBlock] = []
    furniture: list[TextBlock] = []
    toc: list[tuple[int, str, str]] = []
    previous = 1
    for n, block in enumerate(edition.blocks):
        if block.kind is BlockKind.TITLE:
            continue
        if block.kind is BlockKind.TABLE:
            body.append(TextBlock("table", Markup(), rows=_table_rows(edition, block, anchors, indexes)))
            continue
        html = marked_text(edition, block.span.start, block.span.end, anchors=anchors, indexes=indexes)
        if block.kind is BlockKind.BOILERPLATE:
            furniture.append(TextBlock("boilerplate", html))
        elif block.kind is BlockKind.HEADING:
            level = min(6, 2 + levels.index(block.level), previous + 1)
            previous = level
            anchor = f"sec-{n}"
            toc.append((level, anchor, edition.text_of(block)))
            body.append(TextBlock("heading", html, level, anchor))
        else:
            body.append(TextBlock(str(block.kind), html))
    return EditionView(edition, tuple(body), tuple(furniture), tuple(toc))


def _table_rows(
    edition: Edition, block: Block, anchors: set[int], indexes: EditionIndexes
) -> tuple[tuple[Markup, ...], ...]:
    rows = []
    pos = block.span.start
    for line in edition.text_of(block).split("\n"):
        cells = []
        cell_start = pos
        for cell in line.split(" | "):
            cells.append(marked_text(edition, cell_start, cell_start + len(cell), anchors=anchors, indexes=indexes))
            cell_start += len(cell) + 3
        rows.append(tuple(cells))
        pos += len(line) + 1
    return tuple(rows)


# --- Compare ---------------------------------------------------------------------------------------------------


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
            changes.append(ChangeItem(number, kind, section, _shorten(text, 90), figure))
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


# --- Search ----------------------------------------------------------------------------------------------------


def highlighted(text: str, marks: Iterable[Any]) -> Markup:
    out: list[str] = []
    pos = 0
    for m in marks:
        out.append(str(escape(text[pos : m.start])))
        out.append(f"<mark>{escape(text[m.start : m.end])}</mark>")
        pos = m.end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
