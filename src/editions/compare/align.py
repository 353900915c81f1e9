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
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from editions.model import Link, LinkKind
from editions.vocabulary import SIMILARITY_FUNCTION_WORDS, stem

Matrix = npt.NDArray[np.float32]
SimilarityFn = Callable[[Sequence[str], Sequence[str]], Matrix]
"""Similarity of every old text to every new text, in [0, 1], as an `len(old) × len(new)` matrix. The
default is lexical (`lexical_similarity`); an optional semantic scorer plugs in here."""


@dataclass(frozen=True, slots=True)
class AlignParams:
    """The thresholds of the aligner; defaults tuned on ArgRewrite V.2 draft pairs "12" only."""

    threshold: float = 0.55
    """Least similarity for two sentences in the same gap to be one edited sentence."""
    move_threshold: float = 0.9
    """Least similarity for two sentences far apart to be one moved sentence."""
    split_penalty: float = 0.2
    """What a 1→2 or 2→1 link must gain over the best 1→1 reading to be preferred."""
    split_margin: float = 0.1
    """How much more similar the joined pair must be to the single sentence than the better of its two parts
    alone is, for a 1→2 or 2→1 link: the second part must explain something."""
    split_cover: float = 0.5
    """Least share of each part's words that the single sentence holds, for a 1→2 or 2→1 link: a part must
    itself be drawn from the other side (an added sentence next to an edited one is not half of a split)."""
    min_shared_words: int = 2
    """Least number of content words (not function words; compared by stem) two sentences must share to be
    one edited or moved sentence; a sentence with fewer content words needs half of its own. Lexical
    similarity alone pairs short sentences on their function words and one shared noun."""
    near_move_shared: int = 3
    """Least number of content words a crossing pair left over in a gap shares, to be one sentence moved a few
    places (`_near_moves`)."""
    near_move_cover: float = 0.8
    """Least share of the shorter sentence's content words that such a pair shares."""
    near_move_threshold: float = 0.7
    """Least similarity for such a pair."""
    part_cover: float = 0.7
    """Least share of a further part's content words found on the link's other side (`_extra_parts`)."""
    part_novel: int = 3
    """Least number of content words a further, non-adjacent part of a split or merge must bring from the
    other side that the link's own sentences do not hold (`_extra_parts`)."""
    max_parts: int = 3
    """Most sentences on one side of a link grown by `_extra_parts`."""
    dp_max_cells: int = 40_000
    """Largest gap (old × new sentences) aligned by the dynamic programme."""
    cdist_max_cells: int = 250_000
    """Largest set of pairs scored exhaustively by `cdist` (in blocks); beyond it candidates come from an
    inverted index of words, which keeps the work linear (the exhaustive move search over the leftovers of a
    1,000-page pair took most of its time: benchmarks/compare.py --pages 1000, docs/quality.md)."""
    block: int = 1_000
    """Rows and columns of one `cdist` call: bounds memory to `block²` floats."""
    candidates: int = 8
    """Candidates per sentence kept from the inverted index."""


DEFAULT_PARAMS = AlignParams()

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w%$.,]+|(?<!\d)[.,]|[.,](?!\d)")
_WORD = re.compile(r"\w+")
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


def _lexical_reaching(old: Sequence[str], new: Sequence[str], threshold: float) -> Matrix:
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


def _shares_enough(a: frozenset[str], b: frozenset[str], least: int) -> bool:
    """Whether two sentences' content words overlap in `least` words, or in half the words of a sentence that
    has fewer than `2 × least` of them."""
    need = min(least, (min(len(a), len(b)) + 1) // 2)
    return need <= 0 or len(a & b) >= need


# --- 1. exact anchors -------------------------------------------------------------------------------------------


def _anchors(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
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
    chain = [unique[k] for k in _heaviest_chain(unique)]
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
    if work > 2_000_000:
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


# --- 3. pairing inside a gap ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Pair:
    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float


def _scores(
    old_keys: Sequence[str], new_keys: Sequence[str], olds: Sequence[int], news: Sequence[int], sim: SimilarityFn
) -> Matrix:
    return sim([old_keys[i] for i in olds], [new_keys[j] for j in news])


def _split_holds(
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


def _dp_gap(
    olds: Sequence[int],
    news: Sequence[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    p: AlignParams,
) -> list[_Pair]:
    """Monotone alignment of one small gap with 1→1, 1→2 and 2→1 steps, maximizing Σ (similarity − threshold)
    weighted by the sentences a link covers."""
    n, m = len(olds), len(news)
    s11 = _scores(old_keys, new_keys, olds, news, sim)
    join_new = [new_keys[news[j]] + " " + new_keys[news[j + 1]] for j in range(m - 1)]
    join_old = [old_keys[olds[i]] + " " + old_keys[olds[i + 1]] for i in range(n - 1)]
    s12 = sim([old_keys[i] for i in olds], join_new) if m > 1 else np.zeros((n, 0), np.float32)
    s21 = sim(join_old, [new_keys[j] for j in news]) if n > 1 else np.zeros((0, m), np.float32)
    t = p.threshold
    old_content = [content_words(old_keys[i]) for i in olds]
    new_content = [content_words(new_keys[j]) for j in news]

    def share_enough(x: int, y: int) -> bool:
        return _shares_enough(old_content[x], new_content[y], p.min_shared_words)

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
                g = 1.5 * (s - t) - p.split_penalty
                if (
                    s >= t
                    and g > 0
                    and best[i - 1, j - 2] + g > v
                    and _split_holds(
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
                g = 1.5 * (s - t) - p.split_penalty
                if (
                    s >= t
                    and g > 0
                    and best[i - 2, j - 1] + g > v
                    and _split_holds(
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
    pairs: list[_Pair] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(step[i, j])
        if k == 1:
            i -= 1
        elif k == 2:
            j -= 1
        elif k == 3:
            pairs.append(_Pair((olds[i - 1],), (news[j - 1],), float(s11[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif k == 4:
            pairs.append(_Pair((olds[i - 1],), (news[j - 2], news[j - 1]), float(s12[i - 1, j - 2])))
            i, j = i - 1, j - 2
        else:
            pairs.append(_Pair((olds[i - 2], olds[i - 1]), (news[j - 1],), float(s21[i - 2, j - 1])))
            i, j = i - 2, j - 1
    pairs.reverse()
    return pairs


def _second_pass(
    found: list[_Pair],
    olds: Sequence[int],
    news: Sequence[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    p: AlignParams,
) -> list[_Pair]:
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
) -> list[_Pair]:
    """A left-over sentence rewritten as two or more shorter ones of the same gap (or two or more joined into
    one), none similar enough alone to be its edit: each part has `part_cover` of its content words in the
    sentence and brings `part_novel` of them that the parts before it do not, and the parts joined in reading
    order are as similar to the sentence as an edited pair must be. Longest sentences first; `left_old` and
    `left_new` lose what is taken."""
    out: list[_Pair] = []
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
            q = _Pair((x,), tuple(parts), 0.0) if side == "old" else _Pair(tuple(parts), (x,), 0.0)
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
) -> list[_Pair]:
    """Left-over pairs of one gap that are one sentence edited and moved a few places: as similar as an edited
    pair must be, and the shorter one's content words mostly (`near_move_cover`) in the other, at least
    `near_move_shared` of them. The move search across the whole edition asks for near-identity instead."""
    if not left_old or not left_new:
        return []
    scores = _scores(old_keys, new_keys, left_old, left_new, sim)
    cands: list[tuple[float, int, int]] = []
    for x, y in zip(*np.nonzero(scores >= p.near_move_threshold), strict=True):
        i, j = left_old[int(x)], left_new[int(y)]
        a, b = content("old", i), content("new", j)
        shared = len(a & b)
        if shared >= p.near_move_shared and shared >= p.near_move_cover * min(len(a), len(b)):
            cands.append((float(scores[x, y]), i, j))
    return _greedy(cands, set(), set())


def _extra_parts(
    found: list[_Pair],
    left_old: list[int],
    left_new: list[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    sim: SimilarityFn,
    content: Callable[[str, int], frozenset[str]],
    p: AlignParams,
) -> list[_Pair]:
    """Edited links of one gap grown by a left-over sentence of the same gap that is another part of them: at
    least `split_cover` of its content words are on the link's other side, at least `part_novel` of those are
    ones the link's own sentences on its side do not hold (the part says something its sibling does not), and
    the link's joined texts are at least as similar as before. Best part (most such words) first, repeatedly,
    up to `max_parts` sentences a side."""
    out: list[_Pair] = []
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


def _grown(q: _Pair, side: str, k: int) -> _Pair:
    if side == "old":
        return _Pair(tuple(sorted((*q.old, k))), q.new, q.similarity)
    return _Pair(q.old, tuple(sorted((*q.new, k))), q.similarity)


def _joined(keys: Sequence[str], idx: Sequence[int]) -> str:
    return " ".join(keys[k] for k in idx)


def _candidates(
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
                    scores = _lexical_reaching([old_keys[i] for i in rows], [new_keys[j] for j in cols], threshold)
                else:
                    scores = _scores(old_keys, new_keys, rows, cols, sim)
                for x, y in zip(*np.nonzero(scores >= threshold), strict=True):
                    out.append((float(scores[x, y]), rows[int(x)], cols[int(y)]))
        return _sharing(out, old_keys, new_keys, p)
    # Inverted index over the new side's words; words in too many sentences say nothing.
    postings: dict[str, list[int]] = defaultdict(list)
    for j in news:
        for w in set(_WORD.findall(new_keys[j])):
            postings[w].append(j)
    cap = max(50, int(len(news) ** 0.5))
    for i in olds:
        shared: Counter[int] = Counter()
        for w in set(_WORD.findall(old_keys[i])):
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
    return [c for c in cands if _shares_enough(old_words[c[1]], new_words[c[2]], p.min_shared_words)]


def _heaviest_chain(pairs: Sequence[tuple[float, int, int]]) -> list[int]:
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


def _greedy(cands: list[tuple[float, int, int]], used_old: set[int], used_new: set[int]) -> list[_Pair]:
    """Pairs taken best first, each sentence at most once."""
    out: list[_Pair] = []
    for s, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        out.append(_Pair((i,), (j,), s))
    return out


# --- the whole -----------------------------------------------------------------------------------------------


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
    pairs: list[_Pair] = [_Pair((i,), (j,), 1.0) for i, j in _anchors(a, b)]
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
    moved_exact: list[_Pair] = []
    for x, occ in left_a.items():
        other = left_b.get(x)
        if other and len(occ) == 1 and len(other) == 1:
            moved_exact.append(_Pair((occ[0],), (other[0],), 1.0))
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
            found = _dp_gap(olds, news, old_keys, new_keys, sim, p)
            found = _second_pass(found, olds, news, old_keys, new_keys, sim, p)
        else:
            cands = _candidates(olds, news, old_keys, new_keys, sim, p.threshold, p)
            found = [_Pair((cands[k][1],), (cands[k][2],), cands[k][0]) for k in _heaviest_chain(cands)]
        for q in found:
            pairs.append(q)
            used_old.update(q.old)
            used_new.update(q.new)
    pairs.extend(moved_exact)

    # 4. moves across the whole edition.
    rest_old = [i for i in range(len(old)) if i not in used_old]
    rest_new = [j for j in range(len(new)) if j not in used_new]
    if rest_old and rest_new:
        cands = _candidates(rest_old, rest_new, old_keys, new_keys, sim, p.move_threshold, p)
        pairs.extend(_greedy(cands, used_old, used_new))

    return _links(pairs, old_exact, new_exact, len(old), len(new), used_old, used_new)


def _links(
    pairs: list[_Pair],
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
        in_order = set(_heaviest_chain(chain_input))
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
