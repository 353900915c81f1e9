"""What each page shows, built from the Python API: plain data for the JSON twin under `/api`, plus the
escaped HTML fragments that are easier to build here than in a template (an edition's text with its sentences
and facts marked, a comparison's redline). Every piece of edition text goes through `markupsafe.escape`."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from markupsafe import Markup, escape

from editions.compare import collector_paused
from editions.library import EditionInfo, Library, ReportInfo, Timeline
from editions.model import (
    Block,
    BlockKind,
    BriefItem,
    Comparison,
    Edition,
    Fact,
    Sentence,
)
from editions.render.comparison import (
    brief_item_to_dict,
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


def shorten(text: str, limit: int = 110) -> str:
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
