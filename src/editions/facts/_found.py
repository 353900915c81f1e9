"""The raw match every finder returns: offsets into the sentence text, before a measure is attached."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from editions.model import FactValue

# When two finders claim overlapping text, the longer match wins; on equal length, the lower priority
# number wins. Office holders and dates outrank the bare numbers inside them.
PRIORITY: dict[str, int] = {
    "office_holder": 0,
    "date": 1,
    "range": 2,
    "money": 3,
    "percent": 4,
    "rank": 5,
    "duration": 6,
    "year": 7,
    "fraction": 8,
    "ordinal": 9,
    "count": 10,
}


@functools.lru_cache(maxsize=16)
def lower(text: str) -> str:
    """`text` in lower case with its length kept (offsets stay valid). The finders and measures of one
    sentence all ask for it: a few recent answers are kept (a memo of a pure function, not state)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (for readable word tables)."""
    return frozenset(text.split())


_Trie = dict[str, "_Trie"]


def alternation(options: Iterable[str]) -> str:
    """A regex matching exactly the literal `options`, written as a trie ("f(?:ive|our)" for "five",
    "four"): the regex engine then tests one character per level instead of every option in turn. Where
    one option is a prefix of another the longer is tried first, as in a longest-first alternation."""
    trie: _Trie = {}
    for option in options:
        node = trie
        for char in option:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"

    return emit(trie)


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to build, and this is per figure
class Found:
    start: int
    end: int
    kind: str
    value: FactValue
    unit: str | None = None
    approximate: bool = False

    def overlaps(self, other: Found) -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(found: list[Found]) -> list[Found]:
    """Keep a set of non-overlapping matches: longest first, then by kind priority, then leftmost."""
    in_order = sorted(found, key=lambda f: (f.start, f.end))
    if all(f.start < f.end for f in in_order) and all(
        in_order[i - 1].end <= in_order[i].start for i in range(1, len(in_order))
    ):
        return in_order  # nothing overlaps (the usual case): every match is kept
    ranked = sorted(found, key=lambda f: (-(f.end - f.start), PRIORITY.get(f.kind, 99), f.start))
    kept: list[Found] = []
    # An interval check against the sorted list of kept spans (they never overlap each other).
    taken: list[tuple[int, int]] = []
    for f in ranked:
        i = bisect.bisect_left(taken, (f.start, f.start))
        clash = False
        if i > 0 and taken[i - 1][1] > f.start:
            clash = True
        if i < len(taken) and taken[i][0] < f.end:
            clash = True
        if not clash:
            bisect.insort(taken, (f.start, f.end))
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept
