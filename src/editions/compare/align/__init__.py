"""Sentence alignment: which sentences of the old edition became which sentences of the new one.

The method follows what sentence-level diff tools converge on (NewsEdits, wikidiff2, arXivEdits' CRF):

1. **Exact anchors.** Sentences equal after light normalization (Unicode form, quotes, dashes, spaces) are
   matched in order: common prefix and suffix, then `difflib.SequenceMatcher` over the sentence keys. When
   repeated sentences would make difflib quadratic, a linear in-order matching by key takes its place.
2. **Exact moves.** A sentence left over on both sides with the same key (once on each side) is paired.
3. **Pairing in the gaps.** Between two consecutive anchors, the remaining old and new sentences are aligned
   by a monotone dynamic programme over lexical similarity (rapidfuzz `cdist`), with 1→1, 1→2 (split) and
   2→1 (merge) steps. Gaps too large for the programme get candidates from `cdist` in capped blocks (or,
   beyond that, from an inverted index of words) and a heaviest increasing chain of them.
   A second pass over what a small gap's programme left takes what a monotone 1→1/1→2/2→1 reading cannot
   express: a crossing pair that is one sentence edited and moved a few places, a part of a split or merge
   that is not next to its sibling, and a sentence rewritten as several shorter ones (or several joined into
   one) none of which is similar enough alone; each needs the parts' content words drawn from the other side.
4. **Moves.** Sentences still unpaired are matched across the whole edition when very similar.
5. **Kinds.** The heaviest order-preserving subset of the 1→1 links keeps its place; the others are `moved`.

Every sentence of both sides ends up in exactly one link.

Steps 2, 4 and 5 are `align` itself, here; the rest are modules: `anchors` (1), `gap` (3: the programme) and
`second_pass` (3: what it left), `candidates` (3 for large gaps, and 4), `pairs` (a pair, the heaviest chain,
best first), `similarity` (the keys, the lexical score, content words) and `settings` (`AlignParams`).
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Sequence

from editions.compare.align.anchors import exact_anchors
from editions.compare.align.candidates import candidate_pairs
from editions.compare.align.gap import pair_gap
from editions.compare.align.pairs import Pair, best_first, heaviest_chain
from editions.compare.align.second_pass import pair_leftovers
from editions.compare.align.settings import DEFAULT_PARAMS, AlignParams
from editions.compare.align.similarity import (
    MAX_KEY_CHARS,
    Matrix,
    SimilarityFn,
    content_words,
    exact_key,
    lexical_similarity,
    similarity_key,
)
from editions.model import Link, LinkKind

__all__ = [
    "DEFAULT_PARAMS",
    "MAX_KEY_CHARS",
    "AlignParams",
    "Matrix",
    "SimilarityFn",
    "align",
    "content_words",
    "exact_key",
    "lexical_similarity",
    "similarity_key",
    "sort_links",
]


def align(
    old: Sequence[str],
    new: Sequence[str],
    *,
    params: AlignParams = DEFAULT_PARAMS,
    similarity: SimilarityFn | None = None,
) -> list[Link]:
    """Links between the sentences `old` and `new` (texts, in order), sorted by their first new (else old)
    sentence. Links carry no word operations; `editions.compare` adds them."""
    sim = similarity or lexical_similarity
    p = params
    old_exact = [exact_key(s) for s in old]
    new_exact = [exact_key(s) for s in new]
    ids: dict[str, int] = {}
    a = [ids.setdefault(k, len(ids)) for k in old_exact]
    b = [ids.setdefault(k, len(ids)) for k in new_exact]
    pairs: list[Pair] = [Pair((i,), (j,), 1.0) for i, j in exact_anchors(a, b)]
    used_old = {i for q in pairs for i in q.old}
    used_new = {j for q in pairs for j in q.new}
    # Similarity keys only for what the anchors left: an unchanged edition costs no similarity work.
    old_keys = ["" if i in used_old else similarity_key(s) for i, s in enumerate(old)]
    new_keys = ["" if j in used_new else similarity_key(s) for j, s in enumerate(new)]

    # 2. exact moves: a key left once on each side.
    left_a: dict[int, list[int]] = defaultdict(list)
    left_b: dict[int, list[int]] = defaultdict(list)
    for i, x in enumerate(a):
        if i not in used_old:
            left_a[x].append(i)
    for j, x in enumerate(b):
        if j not in used_new:
            left_b[x].append(j)
    moved_exact: list[Pair] = []
    for x, occ in left_a.items():
        other = left_b.get(x)
        if other and len(occ) == 1 and len(other) == 1:
            moved_exact.append(Pair((occ[0],), (other[0],), 1.0))
            used_old.add(occ[0])
            used_new.add(other[0])

    # 3. gaps between consecutive anchors (monotone, sorted by old).
    anchors = sorted((q.old[0], q.new[0]) for q in pairs)
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        olds = [i for i in range(i0 + 1, i1) if i not in used_old]
        news = [j for j in range(j0 + 1, j1) if j not in used_new]
        if not olds or not news:
            continue
        if len(olds) * len(news) <= p.dp_max_cells:
            found = pair_gap(olds, news, old_keys, new_keys, sim, p)
            found = pair_leftovers(found, olds, news, old_keys, new_keys, sim, p)
        else:
            cands = candidate_pairs(olds, news, old_keys, new_keys, sim, p.threshold, p)
            found = [Pair((cands[k][1],), (cands[k][2],), cands[k][0]) for k in heaviest_chain(cands)]
        for q in found:
            pairs.append(q)
            used_old.update(q.old)
            used_new.update(q.new)
    pairs.extend(moved_exact)

    # 4. moves across the whole edition.
    rest_old = [i for i in range(len(old)) if i not in used_old]
    rest_new = [j for j in range(len(new)) if j not in used_new]
    if rest_old and rest_new:
        cands = candidate_pairs(rest_old, rest_new, old_keys, new_keys, sim, p.move_threshold, p)
        pairs.extend(best_first(cands, used_old, used_new))

    return _links(pairs, old_exact, new_exact, len(old), len(new), used_old, used_new)


def _links(
    pairs: list[Pair],
    old_exact: Sequence[str],
    new_exact: Sequence[str],
    n_old: int,
    n_new: int,
    used_old: set[int],
    used_new: set[int],
) -> list[Link]:
    # 5. the heaviest order-preserving subset keeps its place; the rest moved.
    chain_input = [(1.0 + q.similarity, q.old[0], q.new[0]) for q in pairs]
    by_old = sorted(range(len(pairs)), key=lambda k: chain_input[k][1])
    if all(chain_input[x][2] < chain_input[y][2] for x, y in itertools.pairwise(by_old)):
        in_order = set(range(len(pairs)))  # nothing crosses: the usual case, no chain to search
    else:
        in_order = set(heaviest_chain(chain_input))
    links: list[Link] = []
    for k, q in enumerate(pairs):
        if len(q.new) > 1:
            kind = LinkKind.SPLIT
        elif len(q.old) > 1:
            kind = LinkKind.MERGED
        elif k not in in_order:
            kind = LinkKind.MOVED
        elif old_exact[q.old[0]] == new_exact[q.new[0]]:
            kind = LinkKind.SAME
        else:
            kind = LinkKind.EDITED
        similarity = 1.0 if kind is LinkKind.SAME else round(min(q.similarity, 1.0), 4)
        links.append(Link(q.old, q.new, kind, similarity))
    links.extend(Link((i,), (), LinkKind.DELETED, 0.0) for i in range(n_old) if i not in used_old)
    links.extend(Link((), (j,), LinkKind.ADDED, 0.0) for j in range(n_new) if j not in used_new)
    return sort_links(links)


def sort_links(links: Sequence[Link]) -> list[Link]:
    """Links in reading order of the new edition, deleted sentences placed after the new sentence that
    follows their old neighbour."""
    # Position of each old sentence in new-edition order: the new index of the nearest linked old sentence.
    anchor_of_old: dict[int, float] = {}
    for link in links:
        if link.old and link.new:
            for i in link.old:
                anchor_of_old[i] = link.new[0]
    keyed: list[tuple[float, float, int, Link]] = []
    olds_sorted = sorted(anchor_of_old)
    for n, link in enumerate(links):
        if link.new:
            keyed.append((float(link.new[0]), float(link.old[0]) if link.old else -1.0, n, link))
            continue
        i = link.old[0]
        k = bisect.bisect_left(olds_sorted, i)
        before = anchor_of_old[olds_sorted[k - 1]] if k > 0 else -1.0
        keyed.append((before + 0.5, float(i), n, link))
    keyed.sort(key=lambda x: (x[0], x[1], x[2]))
    return [x[3] for x in keyed]
