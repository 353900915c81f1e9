"""Candidate pairs above a threshold for gaps too large for the programme and for moves across the whole
edition: exhaustive `cdist` in capped blocks, or an inverted index of words beyond that."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from editions.compare.align.settings import AlignParams
from editions.compare.align.similarity import (
    WORD,
    SimilarityFn,
    content_words,
    lexical_reaching,
    lexical_similarity,
    shares_enough,
    similarities,
)

LEAST_POSTINGS_CAP = 50
"""A word in more new sentences than this (or than the square root of their number, if larger) says nothing
about which sentence is an old one's partner: its postings are not read."""


def candidate_pairs(
    olds: Sequence[int],
    news: Sequence[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    threshold: float,
    p: AlignParams,
) -> list[tuple[float, int, int]]:
    """(similarity, old, new) for pairs at or above `threshold`: exhaustive `cdist` in blocks when the gap is
    small enough, otherwise only pairs that share rare words."""
    out: list[tuple[float, int, int]] = []
    if len(olds) * len(news) <= p.cdist_max_cells:
        for r in range(0, len(olds), p.block):
            rows = olds[r : r + p.block]
            for c in range(0, len(news), p.block):
                cols = news[c : c + p.block]
                if sim is lexical_similarity:
                    scores = lexical_reaching([old_keys[i] for i in rows], [new_keys[j] for j in cols], threshold)
                else:
                    scores = similarities(old_keys, new_keys, rows, cols, sim)
                for x, y in zip(*np.nonzero(scores >= threshold), strict=True):
                    out.append((float(scores[x, y]), rows[int(x)], cols[int(y)]))
        return _sharing(out, old_keys, new_keys, p)
    # Inverted index over the new side's words; words in too many sentences say nothing.
    postings: dict[str, list[int]] = defaultdict(list)
    for j in news:
        for w in set(WORD.findall(new_keys[j])):
            postings[w].append(j)
    cap = max(LEAST_POSTINGS_CAP, int(len(news) ** 0.5))
    for i in olds:
        shared: Counter[int] = Counter()
        for w in set(WORD.findall(old_keys[i])):
            post = postings.get(w)
            if post and len(post) <= cap:
                shared.update(post)
        if not shared:
            continue
        cands = [j for j, _ in shared.most_common(p.candidates)]
        scores = sim([old_keys[i]], [new_keys[j] for j in cands])
        out.extend((float(scores[0, k]), i, j) for k, j in enumerate(cands) if scores[0, k] >= threshold)
    return _sharing(out, old_keys, new_keys, p)


def _sharing(
    cands: list[tuple[float, int, int]], old_keys: Sequence[str], new_keys: Sequence[str], p: AlignParams
) -> list[tuple[float, int, int]]:
    """The candidates whose sentences share enough content words (`AlignParams.min_shared_words`)."""
    if p.min_shared_words <= 0 or not cands:
        return cands
    old_words = {i: content_words(old_keys[i]) for i in {c[1] for c in cands}}
    new_words = {j: content_words(new_keys[j]) for j in {c[2] for c in cands}}
    return [c for c in cands if shares_enough(old_words[c[1]], new_words[c[2]], p.min_shared_words)]
