"""Step 3 of the alignment: the monotone dynamic programme that pairs the sentences of one small gap between
two anchors, with 1→1, 1→2 (split) and 2→1 (merge) steps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from editions.compare.align.pairs import Pair
from editions.compare.align.settings import AlignParams
from editions.compare.align.similarity import SimilarityFn, content_words, shares_enough, similarities

SPLIT_WEIGHT = 1.5
"""How a 1→2 or 2→1 link's gain over the threshold counts against a 1→1 link's: it covers three sentences
where a 1→1 link covers two."""


def split_holds(
    joined_sim: float, first_sim: float, second_sim: float, first: str, second: str, whole: str, p: AlignParams
) -> bool:
    """Whether two sentences (similarity keys `first`, `second`) are the split or merged sentence `whole`.
    Each part must have at least `split_cover` of its words in `whole` (an added sentence glued to an edited
    neighbour fails this), and the pair must be `split_margin` more similar to `whole` than the better part
    alone, unless the part that is less like `whole` was cut whole out of it (all its words in it: a
    clause, a footnote letter), which needs only to make the pair more similar."""
    if first + " " + second == whole:
        return True
    gain = joined_sim - max(first_sim, second_sim)
    if gain <= 0:
        return False
    words = Counter(whole.split())
    covers = []
    for part in (first, second):
        mine = Counter(part.split())
        total = sum(mine.values())
        covers.append(sum((mine & words).values()) / total if total else 1.0)
    weaker = covers[0] if first_sim < second_sim else covers[1]
    return min(covers) >= p.split_cover and (gain >= p.split_margin or weaker == 1.0)


def pair_gap(
    olds: Sequence[int],
    news: Sequence[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    p: AlignParams,
) -> list[Pair]:
    """Monotone alignment of one small gap with 1→1, 1→2 and 2→1 steps, maximizing Σ (similarity − threshold)
    weighted by the sentences a link covers."""
    n, m = len(olds), len(news)
    s11 = similarities(old_keys, new_keys, olds, news, sim)
    join_new = [new_keys[news[j]] + " " + new_keys[news[j + 1]] for j in range(m - 1)]
    join_old = [old_keys[olds[i]] + " " + old_keys[olds[i + 1]] for i in range(n - 1)]
    s12 = sim([old_keys[i] for i in olds], join_new) if m > 1 else np.zeros((n, 0), np.float32)
    s21 = sim(join_old, [new_keys[j] for j in news]) if n > 1 else np.zeros((0, m), np.float32)
    t = p.threshold
    old_content = [content_words(old_keys[i]) for i in olds]
    new_content = [content_words(new_keys[j]) for j in news]

    def share_enough(x: int, y: int) -> bool:
        return shares_enough(old_content[x], new_content[y], p.min_shared_words)

    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    step = np.zeros((n + 1, m + 1), dtype=np.int8)  # 1 del, 2 add, 3 pair, 4 split, 5 merge
    step[1:, 0] = 1
    step[0, 1:] = 2
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            v, k = best[i - 1, j], 1
            if best[i, j - 1] > v:
                v, k = best[i, j - 1], 2
            s = float(s11[i - 1, j - 1])
            if s >= t and best[i - 1, j - 1] + (s - t) > v and share_enough(i - 1, j - 1):
                v, k = best[i - 1, j - 1] + (s - t), 3
            if j >= 2:
                s = float(s12[i - 1, j - 2])
                g = SPLIT_WEIGHT * (s - t) - p.split_penalty
                if (
                    s >= t
                    and g > 0
                    and best[i - 1, j - 2] + g > v
                    and split_holds(
                        s,
                        s11[i - 1, j - 2],
                        s11[i - 1, j - 1],
                        new_keys[news[j - 2]],
                        new_keys[news[j - 1]],
                        old_keys[olds[i - 1]],
                        p,
                    )
                ):
                    v, k = best[i - 1, j - 2] + g, 4
            if i >= 2:
                s = float(s21[i - 2, j - 1])
                g = SPLIT_WEIGHT * (s - t) - p.split_penalty
                if (
                    s >= t
                    and g > 0
                    and best[i - 2, j - 1] + g > v
                    and split_holds(
                        s,
                        s11[i - 2, j - 1],
                        s11[i - 1, j - 1],
                        old_keys[olds[i - 2]],
                        old_keys[olds[i - 1]],
                        new_keys[news[j - 1]],
                        p,
                    )
                ):
                    v, k = best[i - 2, j - 1] + g, 5
            best[i, j] = v
            step[i, j] = k
    pairs: list[Pair] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(step[i, j])
        if k == 1:
            i -= 1
        elif k == 2:
            j -= 1
        elif k == 3:
            pairs.append(Pair((olds[i - 1],), (news[j - 1],), float(s11[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif k == 4:
            pairs.append(Pair((olds[i - 1],), (news[j - 2], news[j - 1]), float(s12[i - 1, j - 2])))
            i, j = i - 1, j - 2
        else:
            pairs.append(Pair((olds[i - 2], olds[i - 1]), (news[j - 1],), float(s21[i - 2, j - 1])))
            i, j = i - 2, j - 1
    pairs.reverse()
    return pairs
