"""A pair of old and new sentences, and the two ways candidates become pairs: the heaviest chain in reading
order on both sides, and best first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(slots=True)
class Pair:
    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float


def heaviest_chain(pairs: Sequence[tuple[float, int, int]]) -> list[int]:
    """Indices of the pairs forming the heaviest chain strictly increasing in both old and new:
    O(k log k) with a Fenwick tree of prefix maxima over new positions."""
    if not pairs:
        return []
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][1], -pairs[k][2]))
    cols = sorted({pairs[k][2] for k in order})
    rank = {c: r + 1 for r, c in enumerate(cols)}
    size = len(cols)
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    back = [-1] * len(pairs)
    total = [0.0] * len(pairs)
    for k in order:
        w, _, j = pairs[k]
        # best chain ending at a column < rank[j]
        r = rank[j] - 1
        bv, ba = 0.0, -1
        while r > 0:
            if tree_val[r] > bv:
                bv, ba = tree_val[r], tree_arg[r]
            r -= r & -r
        total[k] = bv + w
        back[k] = ba
        r = rank[j]
        while r <= size:
            if total[k] > tree_val[r]:
                tree_val[r], tree_arg[r] = total[k], k
            r += r & -r
    k = max(range(len(pairs)), key=lambda x: total[x])
    chain: list[int] = []
    while k != -1:
        chain.append(k)
        k = back[k]
    chain.reverse()
    return chain


def best_first(cands: list[tuple[float, int, int]], used_old: set[int], used_new: set[int]) -> list[Pair]:
    """Pairs taken best first, each sentence at most once."""
    out: list[Pair] = []
    for s, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        out.append(Pair((i,), (j,), s))
    return out
