"""Rule 3 of `settle`: a quantity of a dropped sentence and one of an added sentence that are one measure
changed across sentences."""

from __future__ import annotations

import math
from collections import defaultdict

from editions.compare.claims.settings import ACROSS_THRESHOLD, SAME_SIZE
from editions.compare.claims.side import EditionFacts
from editions.compare.claims.values import reading_position
from editions.facts.measure import normalize_words
from editions.model import Fact

_ACROSS_KINDS = frozenset({"count", "money", "percent"})
"""Rule 3 pairs quantities that count a noun; dates, years and durations that leave one sentence and appear in
another are as often two events as one event moved, and their unit (days, years) names no measure."""


def changed_across(
    o: EditionFacts,
    n: EditionFacts,
    removed: list[Fact],
    added: list[Fact],
    alone_old: frozenset[int],
    alone_new: frozenset[int],
    weight: dict[str, float],
) -> tuple[list[tuple[Fact, Fact]], list[Fact], list[Fact]]:
    """Rule 3: a quantity of a dropped sentence and one of an added sentence that count the same noun, share
    another word of their measures (with heading and lead-in) and are of one size are one changed figure;
    the closest in value first. Sentences dated to different years state two data points, not one change."""
    candidates_new: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in added:
        if f.kind in _ACROSS_KINDS and f.sentence in alone_new and isinstance(f.value, int | float):
            noun = n.counted_noun(f)
            if noun is not None:
                candidates_new[(f.kind, noun)].append(f)
    if not candidates_new:
        return [], removed, added
    pairs: list[tuple[float, float, Fact, Fact]] = []
    for a in removed:
        if a.kind not in _ACROSS_KINDS or a.sentence not in alone_old or not isinstance(a.value, int | float):
            continue
        noun = o.counted_noun(a)
        if noun is None:
            continue
        for b in candidates_new.get((a.kind, noun), ()):
            assert isinstance(b.value, int | float)
            va, vb = float(a.value), float(b.value)
            if va <= 0 or vb <= 0 or max(va, vb) / min(va, vb) > SAME_SIZE:
                continue
            if not (_label_found(o, a, n, b) and _label_found(n, b, o, a)):
                continue
            when_a, when_b = o.times(a), n.times(b)
            if when_a and when_b and not when_a & when_b:
                continue  # "in 2022, $21 billion" and "in 2025, $20 billion": two data points, not one changed
            shared = (_extended_words(o, a) & _extended_words(n, b)) - {noun}
            agreement = sum(weight.get(w, 1.0) for w in shared)
            if agreement < ACROSS_THRESHOLD:
                continue
            pairs.append((abs(math.log(va / vb)), -agreement, a, b))
    pairs.sort(key=lambda p: (p[0], p[1], reading_position(p[2]), reading_position(p[3])))
    used: set[int] = set()
    moved: list[tuple[Fact, Fact]] = []
    for _, _, a, b in pairs:
        if id(a) in used or id(b) in used:
            continue
        used.update((id(a), id(b)))
        moved.append((a, b))
    return (
        moved,
        [f for f in removed if id(f) not in used],
        [f for f in added if id(f) not in used],
    )


def _label_found(xs: EditionFacts, x: Fact, ys: EditionFacts, y: Fact) -> bool:
    """A labelled list item's figure measures its label: the other figure's sentence must name it too."""
    label = xs.label(x)
    return not label or label <= ys.sentence_words(y)


def _extended_words(side: EditionFacts, fact: Fact) -> frozenset[str]:
    """A fact's measure words with its section heading's and, in a list item, its lead-in's."""
    section = side.section(fact)
    heading = section[-1] if section else ""
    return side.measure_words(fact) | frozenset(normalize_words(heading + " " + side.lead_in(fact)))
