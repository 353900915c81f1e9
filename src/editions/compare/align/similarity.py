"""How alike two sentences are: the keys they are compared by (exact, for similarity), the lexical score, and
the content words two sentences must share."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from editions.vocabulary import SIMILARITY_FUNCTION_WORDS, stem

Matrix = npt.NDArray[np.float32]
SimilarityFn = Callable[[Sequence[str], Sequence[str]], Matrix]
"""Similarity of every old text to every new text, in [0, 1], as an `len(old) × len(new)` matrix. The
default is lexical (`lexical_similarity`); an optional semantic scorer plugs in here."""


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w%$.,]+|(?<!\d)[.,]|[.,](?!\d)")
WORD = re.compile(r"\w+")
MAX_KEY_CHARS = 4_000
"""Similarity is computed on at most this many characters of a sentence: keeps one comparison bounded."""


def exact_key(text: str) -> str:
    """The sentence as compared for equality: Unicode-normalized, curly quotes and dashes made plain,
    runs of spaces made one."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split())


def similarity_key(text: str) -> str:
    """The sentence as compared for similarity: lowercase words and numbers, punctuation dropped."""
    key = _NON_WORD.sub(" ", exact_key(text).lower())
    return _SPACES.sub(" ", key).strip()[:MAX_KEY_CHARS]


_SCORERS = (fuzz.ratio, fuzz.token_sort_ratio, fuzz.token_set_ratio)


def lexical_similarity(old: Sequence[str], new: Sequence[str]) -> Matrix:
    """The mean of three rapidfuzz scores of the similarity keys, in [0, 1]: character Indel similarity
    (`ratio`), the same on sorted words (`token_sort_ratio`, forgives reordering) and on shared words
    (`token_set_ratio`, forgives a clause added or cut). On ArgRewrite "12" the mean beat each alone."""
    total = np.zeros((len(old), len(new)), dtype=np.float32)
    if not old or not new:
        return total
    for scorer in _SCORERS:
        total += np.asarray(process.cdist(old, new, scorer=scorer, dtype=np.float32), dtype=np.float32)
    return total / np.float32(100.0 * len(_SCORERS))


def lexical_reaching(old: Sequence[str], new: Sequence[str], threshold: float) -> Matrix:
    """`lexical_similarity(old, new)`, exactly, for every pair that can reach `threshold`; under it for the
    others. Each of the three scores is at most 100, so a pair whose `ratio` (by far the cheapest) is below
    300 × threshold − 200 cannot reach it, and the two token scores are computed only for the pairs left: the
    move search (threshold 0.9) skips nearly all of its pairs (benchmarks/compare.py; docs/quality.md)."""
    floor = 100.0 * len(_SCORERS) * threshold - 100.0 * (len(_SCORERS) - 1) - 1.0  # 1 point of float32 slack
    if floor <= 0 or not old or not new:
        return lexical_similarity(old, new)
    first = np.asarray(process.cdist(old, new, scorer=_SCORERS[0], dtype=np.float32), dtype=np.float32)
    rows, cols = np.nonzero(first >= floor)
    if len(rows) * 4 > first.size:  # most pairs left: the whole matrices cost less
        return lexical_similarity(old, new)
    total = np.zeros((len(old), len(new)), dtype=np.float32)
    total += first
    for scorer in _SCORERS[1:]:
        part = np.zeros((len(old), len(new)), dtype=np.float32)
        for x, y in zip(rows.tolist(), cols.tolist(), strict=True):
            part[x, y] = scorer(old[x], new[y])
        total += part
    return total / np.float32(100.0 * len(_SCORERS))


_stem = functools.lru_cache(maxsize=65_536)(stem)


def content_words(key: str) -> frozenset[str]:
    """The stems of a similarity key's words that are not function words."""
    return frozenset(_stem(w) for w in key.split() if w not in SIMILARITY_FUNCTION_WORDS)


def shares_enough(a: frozenset[str], b: frozenset[str], least: int) -> bool:
    """Whether two sentences' content words overlap in `least` words, or in half the words of a sentence that
    has fewer than `2 × least` of them."""
    need = min(least, (min(len(a), len(b)) + 1) // 2)
    return need <= 0 or len(a & b) >= need


def similarities(
    old_keys: Sequence[str], new_keys: Sequence[str], olds: Sequence[int], news: Sequence[int], sim: SimilarityFn
) -> Matrix:
    return sim([old_keys[i] for i in olds], [new_keys[j] for j in news])
