"""Facts: the figures and dated statements of each sentence, with what they measure.

`extract(text, sentences)` returns, for every sentence of an edition's normalized text, its facts in
text order, as `Fact`s whose spans are offsets into `text`. Kinds and values (DESIGN.md's JSON contract):

| kind | example | value | unit |
|---|---|---|---|
| count | "around 54,000", "13 other countries", "twice" | 54000, 13, 2 | the plural counted ("country", "time") |
| money | "$2 billion", "\\$300 million", "450,000 yen" | 2000000000 | ISO currency ("USD"), "cent", "pence" |
| percent | "57%", "2.2 percent" | 57, 2.2 | "percent" or "percentage point" |
| fraction | "two-thirds", "over half" | 0.6667, 0.5 | — |
| rank | "fourth-largest", "second largest", "the largest", "top 10" | 4, 2, 1, 10 | — |
| ordinal | "the third meeting", "21st" | 3, 21 | — |
| date | "July 8, 2022", "September 2022", "the end of 2022", "the 2000s" | "2022-07-08", "2022-09", "2022", "200" | — |
| year | "since 1951", "FY2022" | "1951", "2022" | "fiscal year" for FY |
| duration | "four-year deal", "two days later" | 4, 2 | "year", "day" |
| range | "from 1910 to 1945", "10-15%", "between 5 and 10 troops" | "1910/1945", "10/15" | the endpoints' unit |
| office_holder | "former Prime Minister Shinzo Abe" | "Shinzo Abe" | "former Prime Minister" |

A range of years is reported with its two years as well ("from 1905 to 1940" → the range and the years 1905
and 1940, whose spans lie inside the range's): the only facts whose spans overlap.

`approximate` is true when an approximation or bound word stands before the figure ("around", "about",
"roughly", "over", "more than", "nearly", "up to" …); the span then includes that word. `measure` is the
normalized words of what the figure is about (see `editions.facts.measure`), and
`measure_similarity(a, b)` says how alike two measures are.

Relative dates ("this year", "last month", "Friday") are reported only when `anchor` (the edition's own
date) is given, resolved against it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

from editions.facts._found import Found, resolve_overlaps
from editions.facts.dates import find_dates, find_durations
from editions.facts.measure import measure_for, measure_similarity, normalize, office_measure
from editions.facts.numbers import find_multiples, find_quantities, number_tokens
from editions.facts.offices import NATIONALITIES, find_office_holders
from editions.facts.ranks import find_ranks
from editions.model import Fact, Role, Sentence, Span

__all__ = [
    "KINDS",
    "extract",
    "extract_from_sentence",
    "find",
    "measure_similarity",
    "normalize",
]

KINDS = (
    "count", "money", "percent", "fraction", "rank", "ordinal", "date", "year", "duration", "range",
    "office_holder",
)  # fmt: skip

_RANGE_GAP = re.compile(r"\s?(?:-|–|—|to|through|until)\s?")
_AND_GAP = re.compile(r"\s+and\s+")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_NUMERIC_KINDS = frozenset({"count", "money", "percent"})
_FIGURE_KINDS = frozenset({"count", "money", "percent", "fraction", "rank", "ordinal", "duration", "range"})
_NOT_FIGURES = frozenset({Role.NOTE, Role.SOURCE, Role.REFERENCE})
_NATION_IN_SPAN = re.compile("|".join(re.escape(n) for n in sorted(NATIONALITIES, key=len, reverse=True)))


def _range_of(text: str, a: Found, b: Found) -> Found | None:
    """`a` and `b` joined into one range fact, when the text between them makes them a range."""
    gap = text[a.end : b.start]
    if len(gap) > 12 and gap.strip() != "and":  # longer than any gap a range allows: no range
        return None
    between = _BETWEEN_BEFORE.search(text, max(0, a.start - 10), a.start)
    joined = _RANGE_GAP.fullmatch(gap) is not None
    if between is not None and _AND_GAP.fullmatch(gap):
        joined = True
    if not joined:
        return None
    from_before = _FROM_BEFORE.search(text, max(0, a.start - 6), a.start)
    start = a.start
    if a.kind == "year" and b.kind == "year":
        if from_before is not None:
            start = from_before.start()
        elif between is not None:
            start = between.start()
        return Found(start, b.end, "range", f"{a.value}/{b.value}", "year")
    if a.kind in _NUMERIC_KINDS and b.kind in _NUMERIC_KINDS and from_before is None:
        if a.kind != b.kind and a.kind != "count":
            return None
        if a.kind == "count" and a.unit is not None and a.unit != b.unit:
            return None
        if between is not None:
            start = between.start()
        return Found(start, b.end, "range", f"{a.value}/{b.value}", b.unit, a.approximate or b.approximate)
    return None


def _merge_ranges(text: str, found: list[Found]) -> list[Found]:
    """Adjacent matches joined into ranges. A range of years is also read as its two years, which readers
    see in it ("from 1905 to 1940" states 1905 and 1940): the range's span holds theirs."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        if i + 1 < len(found):
            merged = _range_of(text, found[i], found[i + 1])
            if merged is not None:
                out.append(merged)
                if merged.unit == "year" and found[i].kind == found[i + 1].kind == "year":
                    out += found[i : i + 2]
                i += 2
                continue
        out.append(found[i])
        i += 1
    return out


def find(sentence: str, anchor: dt.date | None = None, *, references: bool = False) -> list[Found]:
    """The raw matches of one sentence, non-overlapping, in order, before measures are attached."""
    tokens = number_tokens(sentence)
    candidates = find_office_holders(sentence)
    candidates += find_dates(sentence, tokens, anchor, references=references)
    candidates += find_durations(sentence, tokens, anchor)
    candidates += find_quantities(sentence, tokens)
    candidates += find_multiples(sentence)
    candidates += find_ranks(sentence, tokens)
    if "://" in sentence or "www." in sentence:
        candidates = _outside_urls(sentence, candidates)
    return _merge_ranges(sentence, resolve_overlaps(candidates))


_URL = re.compile(r"(?:\b[A-Za-z][A-Za-z+.-]*://|\bwww\.)\S+")


def _outside_urls(sentence: str, found: list[Found]) -> list[Found]:
    """`found` without matches inside a web address ("…/2017/12/19/…", "…?entry=24092"): a URL's digits
    name a page, they are not figures of the report."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _URL.finditer(sentence):
        starts.append(m.start())
        ends.append(m.end())
    if not starts:
        return found
    kept = []
    for f in found:
        i = bisect.bisect_left(starts, f.end) - 1  # the last address starting before the match ends
        if i < 0 or ends[i] <= f.start:  # addresses are disjoint: earlier ones end earlier still
            kept.append(f)
    return kept


def _measures(sentence: str, found: list[Found]) -> list[str]:
    """The measure of each match. Dates, years and office holders qualify a clause rather than compete
    for its words: only other figures limit how far a measure reaches."""
    n = len(found)
    previous_end = [0] * n
    next_start: list[int | None] = [None] * n
    last = 0
    for i, f in enumerate(found):
        previous_end[i] = last
        if f.kind in _FIGURE_KINDS:
            last = f.end
    upcoming: int | None = None
    for i in range(n - 1, -1, -1):
        next_start[i] = upcoming
        if found[i].kind in _FIGURE_KINDS:
            upcoming = found[i].start
    out: list[str] = []
    enclosing: tuple[int, str] | None = None  # the end and measure of the last range read
    for i, f in enumerate(found):
        if enclosing is not None and f.end <= enclosing[0]:
            out.append(enclosing[1])  # a year of a range measures what its range does
            continue
        if f.kind == "office_holder":
            nation = _NATION_IN_SPAN.search(sentence, f.start, f.end)
            out.append(office_measure(f.unit or "", NATIONALITIES[nation.group()] if nation else None))
        else:
            out.append(measure_for(sentence, f.start, f.end, previous_end[i], next_start[i]))
        if f.kind == "range":
            enclosing = (f.end, out[-1])
    return out


def extract_from_sentence(
    sentence: str, *, index: int = 0, offset: int = 0, anchor: dt.date | None = None
) -> tuple[Fact, ...]:
    """The facts of one sentence; spans are shifted by `offset` and facts carry sentence `index`."""
    found = find(sentence, anchor)
    measures = _measures(sentence, found)
    return tuple(
        Fact(
            kind=f.kind,
            span=Span(offset + f.start, offset + f.end),
            sentence=index,
            value=f.value,
            unit=f.unit,
            approximate=f.approximate,
            measure=measures[i],
        )
        for i, f in enumerate(found)
    )


def extract(text: str, sentences: Sequence[Sentence], *, anchor: dt.date | None = None) -> tuple[Fact, ...]:
    """Every fact of every sentence of `text` (an edition's normalized text), in text order. A note, a source
    line or a reference states no figure of the report: its numbers name notes, pages, laws and dates of
    access, and renumbering them is no change; those sentences give no facts."""
    facts: list[Fact] = []
    for sentence in sentences:
        if sentence.role in _NOT_FIGURES:
            continue
        facts.extend(
            extract_from_sentence(
                sentence.span.of(text), index=sentence.index, offset=sentence.span.start, anchor=anchor
            )
        )
    return tuple(facts)
