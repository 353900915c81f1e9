"""A figure through every edition of a report.

`trace` picks, for the words a user gives ("troops"), the fact that best matches them (by its `measure`, or
by its sentence), then follows that figure edition by edition in both directions: in each neighbouring
edition, the fact of a compatible kind whose `measure` is most like the last one found
(`facts.measure_similarity`), if any is like enough. An edition where no such fact is found gets a point with
no value ("not stated"), and the chain goes on from the last measure found, so one reworded edition does not
cut the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from editions.facts import measure_similarity
from editions.facts.measure import normalize_words
from editions.facts.phrase import figure_title
from editions.library._codec import read_value, sentence_role
from editions.model import FactValue

MIN_SIMILARITY = 0.5
"""How alike two measures must be to be read as the same figure in consecutive editions."""
MIN_QUERY_SCORE = 0.5
"""At least half of the user's words must be in the fact's measure or sentence."""
_NUMERIC = frozenset({"count", "money", "percent", "fraction", "range"})
_DATES = frozenset({"date", "year"})
_BEST_SCORE = 1.05 - 1e-9
"""What `query_score` gives a fact whose measure holds every word of the query."""
_NO_BAR = frozenset({"rank", "ordinal"})
"""Kinds whose size a bar would misstate: the largest (1) is not the smallest."""


def figure_sentence_headings(body_json: str) -> dict[int, str | None]:
    """The sentences of a stored edition (its body as the library keeps it) whose figures a timeline may
    follow, each with the heading of its section (None outside any): those structure gave an argument role
    (body prose, a table row; a sentence stored before roles existed takes its block's role, as the library
    reads it)."""
    data = json.loads(body_json)
    block_kinds = [row[0] for row in data["blocks"]]
    return {
        int(row[0]): (str(row[4][-1]) if row[4] else None)
        for row in data["sentences"]
        if sentence_role(row, block_kinds).is_argument
    }


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact of one edition, as the library hands it to `trace`."""

    sentence: int
    kind: str
    measure: str
    value_json: str | None
    """The value as stored (JSON text); decoded only for the facts a timeline shows."""
    unit: str | None
    approximate: bool
    surface: str
    sentence_text: str
    heading: str | None = None
    """The heading of the sentence's section."""

    @property
    def value(self) -> FactValue:
        return read_value(self.value_json)


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another figure of an edition that continues the line as well as the one shown: the edition states two
    candidates, and a timeline shows both rather than guess."""

    value: FactValue
    text: str
    """The figure as printed."""
    sentence: int
    sentence_text: str


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    edition: str
    ref: str
    date: dt.date | None
    version: int | None
    value: FactValue
    """None when this edition does not state the figure."""
    kind: str | None
    unit: str | None
    approximate: bool
    text: str | None
    """The figure as printed ("around 54,000")."""
    measure: str | None
    sentence: int | None
    sentence_text: str | None
    similarity: float
    """How alike this point's measure is to the one it continues (1.0 for the starting point)."""
    alternatives: tuple[Alternative, ...] = ()
    """Other figures of this edition that continue the line as well (`RIVAL_MARGIN`), with other values."""
    heading: str | None = None
    """The heading of the section the sentence stands in."""

    @property
    def stated(self) -> bool:
        return self.value is not None

    @property
    def number(self) -> float | None:
        return float(self.value) if isinstance(self.value, int | float) and not isinstance(self.value, bool) else None


@dataclass(frozen=True, slots=True)
class Timeline:
    report: str
    title: str | None
    query: str
    points: tuple[TimelinePoint, ...]

    @property
    def found(self) -> bool:
        return any(p.stated for p in self.points)

    @property
    def statements(self) -> tuple[tuple[str, int | None], ...]:
        """(edition, sentence) of each point: two timelines with the same statements chart one figure."""
        return tuple((p.edition, p.sentence) for p in self.points)

    @property
    def measures(self) -> str | None:
        """What the figure counts, in a reader's words, read from the latest sentence that states it
        (`facts.phrase.figure_title`: "U.S. troops on active duty", or the stating clause when no noun phrase
        is found); None when no edition states it."""
        stated = [p for p in self.points if p.stated and p.sentence_text]
        if not stated:
            return None
        latest = stated[-1]
        return figure_title(latest.sentence_text or "", latest.text or "", latest.kind or "", latest.heading)

    @property
    def moved(self) -> bool:
        """Whether the figure takes two different values across the editions that state it as a number."""
        return len({p.number for p in self.points if p.number is not None}) > 1

    def series(self) -> list[tuple[dt.date | None, float | None]]:
        """(date, numeric value) per edition: what a chart plots."""
        return [(p.date, p.number) for p in self.points]

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "title": self.title,
            "query": self.query,
            "measures": self.measures,
            "points": [
                {
                    "edition": p.edition,
                    "ref": p.ref,
                    "date": None if p.date is None else p.date.isoformat(),
                    "version": p.version,
                    "value": p.value,
                    "kind": p.kind,
                    "unit": p.unit,
                    "approximate": p.approximate,
                    "text": p.text,
                    "measure": p.measure,
                    "sentence": p.sentence,
                    "sentence_text": p.sentence_text,
                    "heading": p.heading,
                    "similarity": round(p.similarity, 3),
                    "alternatives": [
                        {"value": a.value, "text": a.text, "sentence": a.sentence, "sentence_text": a.sentence_text}
                        for a in p.alternatives
                    ],
                }
                for p in self.points
            ],
        }


CSV_COLUMNS = ("report", "query", "date", "version", "edition", "ref", "stated", "value", "unit", "approximate",
               "text", "kind", "sentence", "sentence_text")  # fmt: skip
"""A timeline as CSV, one row per edition, oldest first: the report and the words asked; the edition's date
(ISO), version, id and reference; whether it states the figure (`stated`: 1 or 0, the other cells empty when 0);
the value (a number, or the text of a non-numeric value), its unit (USD, percent, …) and whether it is
approximate (1 or 0); the figure as printed; its kind (count, money, rank, …); the sentence's number in the
edition (from 1) and its text."""


def to_csv(timeline: Timeline) -> str:
    """`timeline` as CSV text with a header row (`CSV_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in timeline.points:
        writer.writerow(
            [
                timeline.report,
                timeline.query,
                "" if p.date is None else p.date.isoformat(),
                "" if p.version is None else p.version,
                p.edition,
                p.ref,
                int(p.stated),
                "" if p.value is None else p.value,
                p.unit or "",
                int(p.approximate) if p.stated else "",
                p.text or "",
                p.kind or "",
                "" if p.sentence is None else p.sentence + 1,
                p.sentence_text or "",
            ]
        )
    return out.getvalue()


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """Normalized words of a sentence; cached, since consecutive editions repeat most sentences."""
    return frozenset(normalize_words(text))


@functools.lru_cache(maxsize=65536)
def _measure_words(measure: str) -> frozenset[str]:
    return frozenset(measure.split())


@functools.lru_cache(maxsize=262144)
def _similarity(a: str, b: str) -> float:
    return measure_similarity(a, b)


@functools.lru_cache(maxsize=262144)
def sentence_similarity(a: str, b: str) -> float:
    """Share of two sentences' words they have in common (of the longer one's words)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def query_score(query: frozenset[str], fact: FactRow) -> float:
    """Share of the query's words in the fact's measure (full weight) or its sentence (less weight)."""
    if not query:
        return 0.0
    in_measure = len(query & _measure_words(fact.measure)) / len(query)
    in_sentence = len(query & _words(fact.sentence_text)) / len(query)
    score = max(in_measure, 0.8 * in_sentence) + 0.05 * in_measure
    if fact.kind in _DATES:
        score *= 0.8  # a year is rarely the figure a reader follows
    return score


def _compatible(a: FactRow, b: FactRow) -> bool:
    if a.kind == b.kind:
        return True
    return a.kind in _NUMERIC and b.kind in _NUMERIC and a.unit == b.unit


_MAX_QUERY_BONUS = 0.27
"""More than `_best_next` can add for the query's words (0.25 × `query_score`, at most 0.25 × 1.05)."""


class ReportFacts:
    """A report's facts, edition by edition, as `trace` reads them; the facts of each edition that can continue
    a figure of a given kind (and unit) are picked once and kept, so tracing several figures of one report
    (`Library.timelines`) picks them once."""

    def __init__(self, editions: Sequence[Sequence[FactRow]]) -> None:
        self.editions = editions
        self._picked: list[dict[tuple[str, str | None], list[FactRow]]] = [{} for _ in editions]

    def __len__(self) -> int:
        return len(self.editions)

    def compatible(self, position: int, current: FactRow) -> list[FactRow]:
        """The facts of edition `position` that can carry `current`'s figure, in their order."""
        key = (current.kind, current.unit if current.kind in _NUMERIC else None)
        picked = self._picked[position].get(key)
        if picked is None:
            picked = [f for f in self.editions[position] if _compatible(current, f)]
            self._picked[position][key] = picked
        return picked


RIVAL_MARGIN = 0.05
"""A figure scoring within this of the best continuation, with another value, is a second candidate."""


def _best_next(
    current: FactRow, candidates: Sequence[FactRow], query: frozenset[str]
) -> tuple[FactRow | None, float, tuple[FactRow, ...]]:
    """The candidate (all of them compatible with `current`) that best continues it, its similarity, and the
    candidates with other values that continue it about as well (`RIVAL_MARGIN`)."""
    scored: list[tuple[float, FactRow]] = []
    best: FactRow | None = None
    best_key = (MIN_SIMILARITY, -1.0, -1.0)
    per_sentence: dict[int, int] = {}
    for fact in candidates:
        per_sentence[fact.sentence] = per_sentence.get(fact.sentence, 0) + 1
    for fact in candidates:
        similarity = _similarity(current.measure, fact.measure)
        if fact.sentence_text == current.sentence_text and fact.surface == current.surface:
            similarity = 1.0
        elif per_sentence[fact.sentence] == 1 and similarity < 1.0:
            # A sentence reworded around its one figure of this kind ("troops—currently numbering around
            # 54,000" → "troops—currently about 55,000 on active duty") still carries it, though the words
            # next to the number (its measure) changed: the sentence is the same sentence.
            similarity = max(similarity, sentence_similarity(current.sentence_text, fact.sentence_text))
        if similarity + _MAX_QUERY_BONUS < best_key[0]:
            continue  # cannot score as high as the best so far, whatever the query adds
        # A measure reworded a little more than MIN_SIMILARITY allows still continues the line when its
        # sentence speaks of what the user asked for ("GDP" → "gross domestic product").
        score = min(1.0, similarity + 0.25 * query_score(query, fact))
        key = (score, float(fact.unit == current.unit), similarity)
        if score >= MIN_SIMILARITY:
            scored.append((score, fact))
        if score >= MIN_SIMILARITY and key > best_key:
            best, best_key = fact, key
    if best is None:
        return None, 0.0, ()
    chosen = best
    rivals = tuple(
        fact
        for score, fact in scored
        if fact is not chosen and score >= best_key[0] - RIVAL_MARGIN and fact.value_json != chosen.value_json
    )
    return chosen, best_key[2], rivals


def trace(query: str, editions: Sequence[Sequence[FactRow]] | ReportFacts) -> list[tuple[FactRow | None, float]]:
    """For each edition (in order), the fact that carries the figure the query names, and its similarity to
    the figure it continues; (None, 0.0) where the edition does not state it. All None when nothing matches.
    Several figures of one report: pass one `ReportFacts` to each call."""
    return [(fact, similarity) for fact, similarity, _ in trace_with_rivals(query, editions)]


def trace_with_rivals(
    query: str, editions: Sequence[Sequence[FactRow]] | ReportFacts
) -> list[tuple[FactRow | None, float, tuple[FactRow, ...]]]:
    """`trace`, with each edition's other candidates: figures with other values that continue the line about
    as well as the one found (an edition stating two candidates shows both)."""
    report = editions if isinstance(editions, ReportFacts) else ReportFacts(editions)
    facts = report.editions
    words = _words(query) or frozenset(w.lower() for w in query.split())
    anchor: tuple[int, FactRow] | None = None
    anchor_key = (MIN_QUERY_SCORE, -1)
    for position in range(len(facts) - 1, -1, -1):  # latest first: ties go to the figure a reader sees now
        for fact in facts[position]:
            key = (query_score(words, fact), position)
            if key > anchor_key:  # ties go to the edition's first statement of the figure
                anchor, anchor_key = (position, fact), key
        if anchor_key[0] >= _BEST_SCORE:
            break  # no earlier edition can match better
    out: list[tuple[FactRow | None, float, tuple[FactRow, ...]]] = [(None, 0.0, ())] * len(facts)
    if anchor is None:
        return out
    start, fact = anchor
    out[start] = (fact, 1.0, ())
    for step in (1, -1):
        current = fact
        position = start + step
        while 0 <= position < len(facts):
            found, similarity, rivals = _best_next(current, report.compatible(position, current), words)
            if found is not None:
                out[position] = (found, similarity, rivals)
                current = found
            position += step
    return out


# --- A small chart for the terminal ------------------------------------------------------------------------------

_EIGHTHS = " ▏▎▍▌▋▊▉█"


def _bar(value: float, top: float, width: int) -> str:
    if top <= 0 or value <= 0:
        return ""
    eighths = round(value / top * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def format_value(point: TimelinePoint) -> str:
    if point.value is None:
        return "—  (not stated)"
    shown = point.text or str(point.value)
    return " or ".join([shown, *(a.text for a in point.alternatives)])


def render_chart(timeline: Timeline, width: int = 30) -> str:
    """One line per edition: its date (or reference), a bar scaled to the largest value, the figure as
    printed. Editions that do not state the figure show a dash; non-numeric figures (office holders, dates)
    show their value without a bar."""
    if not timeline.points:
        return f"{timeline.report}: no editions.\n"
    numbers = [p.number for p in timeline.points if p.number is not None and p.kind not in _NO_BAR]
    top = max((abs(n) for n in numbers), default=0.0)
    labels = [p.date.isoformat() if p.date else p.ref for p in timeline.points]
    label_width = max(len(label) for label in labels)
    lines = []
    for label, point in zip(labels, timeline.points, strict=True):
        bar = _bar(abs(point.number), top, width) if point.number is not None and point.kind not in _NO_BAR else ""
        lines.append(f"{label:<{label_width}}  {bar:<{width}}  {format_value(point)}")
    return "\n".join(lines) + "\n"
