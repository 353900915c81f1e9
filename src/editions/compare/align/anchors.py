"""Step 1 of the alignment: exact anchors, sentences equal after light normalization, matched in order."""

from __future__ import annotations

import bisect
import difflib
from collections import Counter, defaultdict
from collections.abc import Sequence

from editions.compare.align.pairs import heaviest_chain

DIFFLIB_MAX_WORK = 2_000_000
"""Most element visits difflib's longest-match search may make (every occurrence in one side of every element
of the other) before the linear in-order matching takes its place."""


def exact_anchors(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    """Monotone pairs (i, j) with a[i] == b[j]: prefix, suffix, then difflib (or a linear fallback)."""
    n, m = len(a), len(b)
    lo = 0
    while lo < n and lo < m and a[lo] == b[lo]:
        lo += 1
    hi_a, hi_b = n, m
    while hi_a > lo and hi_b > lo and a[hi_a - 1] == b[hi_b - 1]:
        hi_a -= 1
        hi_b -= 1
    pairs = [(i, i) for i in range(lo)]
    mid_a, mid_b = a[lo:hi_a], b[lo:hi_b]
    if mid_a and mid_b:
        pairs.extend((lo + i, lo + j) for i, j in _unique_first(mid_a, mid_b))
    pairs.extend((hi_a + k, hi_b + k) for k in range(n - hi_a))
    return pairs


def _unique_first(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    """Monotone matches of `a` and `b` the way patience diff finds them: elements once in each side are matched
    first (the longest in-order chain of them), then difflib runs in the gaps between those anchors. On a long
    edition difflib's recursive longest-match search over all of it grew faster than the text (benchmarks/
    compare.py --pages 1000; docs/quality.md); the gaps are short."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {x: j for j, x in enumerate(b) if count_b[x] == 1}
    unique = [(1.0, i, where_b[x]) for i, x in enumerate(a) if count_a[x] == 1 and x in where_b]
    if len(unique) < 2:
        return _matching(a, b)
    chain = [unique[k] for k in heaviest_chain(unique)]
    out: list[tuple[int, int]] = []
    i0 = j0 = -1
    for _, i1, j1 in [*chain, (0.0, len(a), len(b))]:
        if i1 - i0 > 1 and j1 - j0 > 1:
            out.extend((i0 + 1 + i, j0 + 1 + j) for i, j in _matching(a[i0 + 1 : i1], b[j0 + 1 : j1]))
        if i1 < len(a):
            out.append((i1, j1))
        i0, j0 = i1, j1
    return out


def _matching(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    """difflib's matching blocks as pairs, or the linear in-order matching when repeated elements would make
    difflib quadratic."""
    in_b = Counter(b)
    # difflib's longest-match search touches every occurrence in b of every element of a.
    work = sum(in_b.get(x, 0) for x in a)
    if work > DIFFLIB_MAX_WORK:
        return _greedy_in_order(a, b)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(block.a + k, block.b + k) for block in matcher.get_matching_blocks() for k in range(block.size)]


def _greedy_in_order(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    """Each element of `a`, in order, paired with its next occurrence in `b` after the last pair: linear."""
    positions: dict[int, list[int]] = defaultdict(list)
    for j, x in enumerate(b):
        positions[x].append(j)
    pairs: list[tuple[int, int]] = []
    last = -1
    for i, x in enumerate(a):
        occ = positions.get(x)
        if not occ:
            continue
        k = bisect.bisect_right(occ, last)
        if k < len(occ):
            last = occ[k]
            pairs.append((i, last))
    return pairs
