"""Step 3, second pass: what a small gap's monotone programme left over and cannot express: a sentence edited
and moved a few places, a part of a split or merge not next to its sibling, a sentence rewritten as several
shorter ones (or several joined into one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from editions.compare.align.pairs import Pair, best_first
from editions.compare.align.settings import AlignParams
from editions.compare.align.similarity import SimilarityFn, content_words, similarities


def pair_leftovers(
    found: list[Pair],
    olds: Sequence[int],
    news: Sequence[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    p: AlignParams,
) -> list[Pair]:
    """What the monotone 1→1/1→2/2→1 programme of one gap could not express, from the sentences it left over:
    a pair that crosses one of its links (a sentence moved a few places within the gap), and a part of a split
    or merge that is not next to its sibling (a sentence rewritten into two new ones with another between them,
    or two old sentences, not adjacent, joined into one)."""
    paired_old = {i for q in found for i in q.old}
    paired_new = {j for q in found for j in q.new}
    left_old = [i for i in olds if i not in paired_old]
    left_new = [j for j in news if j not in paired_new]
    if not left_old and not left_new:
        return found
    words: dict[tuple[str, int], frozenset[str]] = {}

    def content(side: str, k: int) -> frozenset[str]:
        got = words.get((side, k))
        if got is None:
            got = words[side, k] = content_words((old_keys if side == "old" else new_keys)[k])
        return got

    found = [*found, *_near_moves(left_old, left_new, old_keys, new_keys, sim, content, p)]
    taken_old = {i for q in found for i in q.old}
    taken_new = {j for q in found for j in q.new}
    left_old = [i for i in left_old if i not in taken_old]
    left_new = [j for j in left_new if j not in taken_new]
    found = _extra_parts(found, left_old, left_new, old_keys, new_keys, sim, content, p)
    return [*found, *_drawn_splits(left_old, left_new, old_keys, new_keys, sim, content, p)]


def _drawn_splits(
    left_old: list[int],
    left_new: list[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    content: Callable[[str, int], frozenset[str]],
    p: AlignParams,
) -> list[Pair]:
    """A left-over sentence rewritten as two or more shorter ones of the same gap (or two or more joined into
    one), none similar enough alone to be its edit: each part has `part_cover` of its content words in the
    sentence and brings `part_novel` of them that the parts before it do not, and the parts joined in reading
    order are as similar to the sentence as an edited pair must be. Longest sentences first; `left_old` and
    `left_new` lose what is taken."""
    out: list[Pair] = []
    for side, pool_side in (("old", "new"), ("new", "old")):
        singles, pool = (left_old, left_new) if side == "old" else (left_new, left_old)
        for x in sorted(singles, key=lambda k: -len(content(side, k))):
            whole = content(side, x)
            parts: list[int] = []
            held: frozenset[str] = frozenset()
            while len(parts) < p.max_parts:
                best: tuple[int, int] | None = None
                for y in pool:
                    if y in parts:
                        continue
                    w = content(pool_side, y)
                    drawn = w & whole
                    novel = len(drawn - held)
                    fits = bool(w) and len(drawn) >= p.part_cover * len(w) and novel >= p.part_novel
                    if fits and (best is None or novel > best[0]):
                        best = (novel, y)
                if best is None:
                    break
                parts.append(best[1])
                held |= content(pool_side, best[1]) & whole
            if len(parts) < 2:
                continue
            parts.sort()
            q = Pair((x,), tuple(parts), 0.0) if side == "old" else Pair(tuple(parts), (x,), 0.0)
            q.similarity = float(sim([_joined(old_keys, q.old)], [_joined(new_keys, q.new)])[0, 0])
            if q.similarity < p.threshold:
                continue
            out.append(q)
            singles.remove(x)
            for y in parts:
                pool.remove(y)
    return out


def _near_moves(
    left_old: Sequence[int],
    left_new: Sequence[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    content: Callable[[str, int], frozenset[str]],
    p: AlignParams,
) -> list[Pair]:
    """Left-over pairs of one gap that are one sentence edited and moved a few places: as similar as an edited
    pair must be, and the shorter one's content words mostly (`near_move_cover`) in the other, at least
    `near_move_shared` of them. The move search across the whole edition asks for near-identity instead."""
    if not left_old or not left_new:
        return []
    scores = similarities(old_keys, new_keys, left_old, left_new, sim)
    cands: list[tuple[float, int, int]] = []
    for x, y in zip(*np.nonzero(scores >= p.near_move_threshold), strict=True):
        i, j = left_old[int(x)], left_new[int(y)]
        a, b = content("old", i), content("new", j)
        shared = len(a & b)
        if shared >= p.near_move_shared and shared >= p.near_move_cover * min(len(a), len(b)):
            cands.append((float(scores[x, y]), i, j))
    return best_first(cands, set(), set())


def _extra_parts(
    found: list[Pair],
    left_old: list[int],
    left_new: list[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    content: Callable[[str, int], frozenset[str]],
    p: AlignParams,
) -> list[Pair]:
    """Edited links of one gap grown by a left-over sentence of the same gap that is another part of them: at
    least `split_cover` of its content words are on the link's other side, at least `part_novel` of those are
    ones the link's own sentences on its side do not hold (the part says something its sibling does not), and
    the link's joined texts are at least as similar as before. Best part (most such words) first, repeatedly,
    up to `max_parts` sentences a side."""
    out: list[Pair] = []
    for q in found:
        if q.similarity >= 1.0 and len(q.old) == len(q.new) == 1:
            out.append(q)  # the same words, punctuation or case aside: nothing was rewritten into a part
            continue
        while True:
            mine_old = frozenset().union(*(content("old", i) for i in q.old))
            mine_new = frozenset().union(*(content("new", j) for j in q.new))
            best: tuple[int, float, str, int] | None = None
            for side, pool, here, there in (
                ("old", left_old, mine_old, mine_new),
                ("new", left_new, mine_new, mine_old),
            ):
                if len(q.old if side == "old" else q.new) >= p.max_parts:
                    continue
                for k in pool:
                    w = content(side, k)
                    drawn = w & there
                    if not w or len(drawn) < p.part_cover * len(w):
                        continue
                    novel = len(drawn - here)
                    if novel < p.part_novel or (best is not None and novel < best[0]):
                        continue
                    grown = _grown(q, side, k)
                    s = float(sim([_joined(old_keys, grown.old)], [_joined(new_keys, grown.new)])[0, 0])
                    if s >= q.similarity and (best is None or (novel, s) > best[:2]):
                        best = (novel, s, side, k)
            if best is None:
                break
            _, s, side, k = best
            q = _grown(q, side, k)
            q.similarity = s
            (left_old if side == "old" else left_new).remove(k)
        out.append(q)
    return out


def _grown(q: Pair, side: str, k: int) -> Pair:
    if side == "old":
        return Pair(tuple(sorted((*q.old, k))), q.new, q.similarity)
    return Pair(q.old, tuple(sorted((*q.new, k))), q.similarity)


def _joined(keys: Sequence[str], idx: Sequence[int]) -> str:
    return " ".join(keys[k] for k in idx)
