"""Figure changes between two aligned editions, and whether an edit is substantive or cosmetic.

**Figure changes.** Every fact of the old edition is matched to at most one fact of the new, of a compatible
kind (a year and a date are compatible; units must agree when both are known), by what they measure.
Candidates come in three tiers, each with its own evidence and threshold:

1. the facts sit in sentences linked to each other: `measure_similarity` ≥ 0.3;
2. the facts sit close to each other once the alignment is taken into account (the new sentence is within a
   few sentences of where the old sentence's neighbours went): `measure_similarity` ≥ 0.4;
3. anywhere: the measures' words weighted by rarity across both editions (a measure made only of the
   report's everyday words such as its subject country says little) agree ≥ 0.7.

Facts inside the same word operation of a link (the redline shows "2027" replaced by "2026") outrank all
of these. Two figures qualified by different years in their sentences ("3.1% in 2022", "2.4% in 2023") are
two data points, never one changed figure, unless the redline pairs them. Pairs are taken best first (tier
and an equal value break near-ties), each fact once. An equal value is no
change; a different value is `changed`; what is left is `added` or `removed`. Facts of sentences whose text
did not change are never compared: their figures cannot have changed. Facts of sentences that are not the
report's argument (`Role.is_argument`: notes, sources, references, captions) are not figures here at all.
Values are equal at the precision both editions state (`editions.compare.claims.stated_equal`: a date
printed without its year is compared on its month and day). What is found sentence by sentence is then
settled into changes of claims (`editions.compare.claims`): a restated figure is reported once, a value
that moved to another sentence is no change, and a measure that left a dropped sentence and came back with
another value in an added one is one changed figure.

**Substantive or cosmetic.** An edit is cosmetic when its changes vanish under normalization (case,
punctuation, articles, spacing), change a word only to another form of itself (inflection, a typo fixed) or
touch no more than a few function words; it is substantive when a figure, a negation, a modal verb or a
name changes, or when enough content words come or go (at least 3, and at least a fifth of the sentence's).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from editions.compare.claims import STATUS_WORDS, Found, group, settle, stated_equal, units_agree, year_written
from editions.compare.words import EQUAL
from editions.facts import measure_similarity, normalize
from editions.model import Edition, Fact, FactChange, FactChangeKind, Link, LinkKind, WordOp
from editions.vocabulary import EDIT_FUNCTION_WORDS, stem

LINKED_THRESHOLD = 0.3
LOCAL_THRESHOLD = 0.4
GLOBAL_THRESHOLD = 0.7
LOCAL_WINDOW = 2
"""How many sentences beyond where the old sentence's neighbours went still count as close."""
MAX_NEIGHBOURHOOD = 12
_TIER_BONUS = {0: 0.3, 1: 0.15, 2: 0.0}
_REDLINE_BONUS = 1.0
"""Facts in the same word operation of a link outrank every other candidate."""
_EQUAL_BONUS = 0.15
_MAX_POSTING = 200
"""A measure word shared by more facts than this proposes no global candidates (it says nothing)."""
_MAX_GLOBAL_CANDIDATES = 10


@dataclass(slots=True)
class _Candidate:
    score: float
    old: int
    new: int
    tier: int


def fact_changes(old: Edition, new: Edition, links: Sequence[Link]) -> tuple[FactChange, ...]:
    """The figure changes between `old` and `new` given the sentence `links` (see the module's docstring)."""
    link_of_old: dict[int, int] = {}
    link_of_new: dict[int, int] = {}
    unchanged_old: set[int] = set()
    unchanged_new: set[int] = set()
    for k, link in enumerate(links):
        for i in link.old:
            link_of_old[i] = k
        for j in link.new:
            link_of_new[j] = k
        if link.kind is LinkKind.SAME or (link.words and all(op == EQUAL for op, _, _ in link.words)):
            unchanged_old.update(link.old)
            unchanged_new.update(link.new)
    # Notes, sources, references and captions are kept and shown, but their numbers are not the report's
    # figures: they never make a figure change, nor do they restate one.
    old_facts = [f for f in old.facts if old.sentences[f.sentence].role.is_argument]
    new_facts = [f for f in new.facts if new.sentences[f.sentence].role.is_argument]
    olds = [f for f in old_facts if f.sentence not in unchanged_old]
    news = [f for f in new_facts if f.sentence not in unchanged_new]
    if not olds and not news:
        return ()
    old_year = [year_written(old, f) for f in olds]
    new_year = [year_written(new, f) for f in news]

    def equal(a: int, b: int) -> bool:
        return stated_equal(olds[a], old_year[a], news[b], new_year[b])

    old_words = [_measure_words(f) for f in olds]
    new_words = [_measure_words(f) for f in news]
    weight = _rarity(old_words + new_words)
    near = _neighbourhoods(links, len(old.sentences))

    cands: list[_Candidate] = []
    seen: set[tuple[int, int]] = set()

    old_when = _time_qualifiers(old_facts, olds)
    new_when = _time_qualifiers(new_facts, news)

    def consider(a: int, b: int, tier: int) -> None:
        if (a, b) in seen:
            return
        fa, fb = olds[a], news[b]
        if group(fa) != group(fb) or not units_agree(fa, fb):
            return
        qa, qb = old_when.get(a), new_when.get(b)
        if qa is not None and qb is not None and not stated_equal(qa, True, qb, True):
            return  # figures for different years are two data points, not one figure changed
        if tier < 2:
            sim = measure_similarity(fa.measure, fb.measure)
            threshold = LINKED_THRESHOLD if tier == 0 else LOCAL_THRESHOLD
        else:
            sim = _weighted_dice(old_words[a], new_words[b], weight)
            if bool(old_words[a] & _STATUS) != bool(new_words[b] & _STATUS):
                sim /= 2
            threshold = GLOBAL_THRESHOLD
        if sim < threshold:
            return
        seen.add((a, b))
        bonus = _TIER_BONUS[tier] + (_EQUAL_BONUS if equal(a, b) else 0.0)
        cands.append(_Candidate(sim + bonus, a, b, tier))

    olds_by_sentence: dict[int, list[int]] = defaultdict(list)
    for a, f in enumerate(olds):
        olds_by_sentence[f.sentence].append(a)
    news_by_sentence: dict[int, list[int]] = defaultdict(list)
    for b, f in enumerate(news):
        news_by_sentence[f.sentence].append(b)
    # Tier 0: the redline itself. Facts of one kind inside the same word operation of a link ("2027" in a
    # replacement whose new side holds "2026"; "2%" inside an unchanged run) are the same figure, whatever
    # the words around them say.
    for link in links:
        if not link.old or not link.new or not link.words:
            continue
        spans = _op_spans(link.words)
        in_old = [a for i in link.old for a in olds_by_sentence.get(i, ())]
        in_new = [b for j in link.new for b in news_by_sentence.get(j, ())]
        old_ops = _op_of_facts(old, link.old, in_old, olds, spans, new_side=False)
        new_ops = _op_of_facts(new, link.new, in_new, news, spans, new_side=True)
        for a, op_a in old_ops.items():
            for b, op_b in new_ops.items():
                if op_a == op_b:
                    fa, fb = olds[a], news[b]
                    if group(fa) == group(fb) and units_agree(fa, fb) and (a, b) not in seen:
                        seen.add((a, b))
                        sim = measure_similarity(fa.measure, fb.measure)
                        bonus = _REDLINE_BONUS + (_EQUAL_BONUS if equal(a, b) else 0.0)
                        cands.append(_Candidate(sim + bonus, a, b, 0))

    # Tier 1: linked sentences.
    new_by_sentence: dict[int, list[int]] = defaultdict(list)
    for b, f in enumerate(news):
        new_by_sentence[f.sentence].append(b)
    for a, f in enumerate(olds):
        at = link_of_old.get(f.sentence)
        if at is None:
            continue
        for j in links[at].new:
            for b in new_by_sentence.get(j, ()):
                consider(a, b, 0)
    # Tier 2: nearby sentences.
    for a, f in enumerate(olds):
        window = near.get(f.sentence)
        if window is None:
            continue
        for j in range(window[0], window[1] + 1):
            for b in new_by_sentence.get(j, ()):
                consider(a, b, 1)
    # Tier 3: anywhere, through an inverted index of measure words.
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for b, f in enumerate(news):
        for w in new_words[b]:
            postings[(group(f), w)].append(b)
    for a, f in enumerate(olds):
        shared: dict[int, float] = defaultdict(float)
        for w in old_words[a]:
            post = postings.get((group(f), w))
            if post and len(post) <= _MAX_POSTING:
                for b in post:
                    shared[b] += weight.get(w, 1.0)
        for b in sorted(shared, key=lambda x: -shared[x])[:_MAX_GLOBAL_CANDIDATES]:
            consider(a, b, 2)

    cands.sort(key=lambda c: (-c.score, c.tier, c.old, c.new))
    used_old: set[int] = set()
    used_new: set[int] = set()
    changed: list[tuple[Fact, Fact]] = []
    kept_old = {id(f) for f in old_facts if f.sentence in unchanged_old}
    kept_new = {id(f) for f in new_facts if f.sentence in unchanged_new}
    for c in cands:
        if c.old in used_old or c.new in used_new:
            continue
        used_old.add(c.old)
        used_new.add(c.new)
        if equal(c.old, c.new):
            # Only a value restated at its own precision carries the claim: "May 4, 2034" matched to
            # "2034" is no change, but other statements of the day are no longer restated by it.
            if stated_equal(olds[c.old], old_year[c.old], news[c.new], new_year[c.new], coarser=False):
                kept_old.add(id(olds[c.old]))
                kept_new.add(id(news[c.new]))
        else:
            changed.append((olds[c.old], news[c.new]))
    found = Found(
        changed=changed,
        added=[f for b, f in enumerate(news) if b not in used_new],
        removed=[f for a, f in enumerate(olds) if a not in used_old],
        kept_old=frozenset(kept_old),
        kept_new=frozenset(kept_new),
    )
    alone_old = frozenset(i for link in links if not link.new for i in link.old)
    alone_new = frozenset(j for link in links if not link.old for j in link.new)

    def relation(i: int, j: int) -> str:
        at = link_of_old.get(i)
        if at is not None and at == link_of_new.get(j):
            return "linked"
        window = near.get(i)
        return "near" if window is not None and window[0] <= j <= window[1] else "far"

    changes = settle(old, new, old_facts, new_facts, found, relation, alone_old, alone_new, weight)
    rank = {FactChangeKind.CHANGED: 0, FactChangeKind.ADDED: 1, FactChangeKind.REMOVED: 2}

    def position(change: FactChange) -> tuple[int, int, int]:
        fact = change.new or change.old
        assert fact is not None
        return (rank[change.kind], fact.sentence, fact.span.start)

    return tuple(sorted(changes, key=position))


_STATUS = STATUS_WORDS


def _time_qualifiers(all_facts: Sequence[Fact], facts: Sequence[Fact]) -> dict[int, Fact]:
    """For each figure (not itself a date) the date or year nearest to it in its sentence, if any:
    "grew by 3.1% in 2022" → 2022."""
    times: dict[int, list[Fact]] = defaultdict(list)
    for f in all_facts:
        if group(f) == "time":
            times[f.sentence].append(f)
    out: dict[int, Fact] = {}
    for k, f in enumerate(facts):
        if group(f) == "time" or f.kind == "office_holder":
            continue
        candidates = times.get(f.sentence)
        if candidates:
            out[k] = min(candidates, key=lambda t: min(abs(t.span.start - f.span.end), abs(f.span.start - t.span.end)))
    return out


def _op_spans(words: Sequence[WordOp]) -> list[tuple[int, int, int, int]]:
    """[old_start, old_end, new_start, new_end) of each word operation in the link's joined texts."""
    out = []
    i = j = 0
    for _, o, n in words:
        out.append((i, i + len(o), j, j + len(n)))
        i += len(o)
        j += len(n)
    return out


def _op_of_facts(
    edition: Edition,
    sentences: tuple[int, ...],
    fact_ids: list[int],
    facts: Sequence[Fact],
    spans: list[tuple[int, int, int, int]],
    new_side: bool,
) -> dict[int, int]:
    """For facts of a link's sentences: the index of the word operation their first character falls in.
    The link's text is its sentences joined by one space, as `editions.compare` builds it."""
    offsets: dict[int, int] = {}
    at = 0
    for i in sentences:
        offsets[i] = at
        at += len(edition.sentences[i].span) + 1
    lo = 2 if new_side else 0
    out: dict[int, int] = {}
    for k in fact_ids:
        fact = facts[k]
        pos = offsets[fact.sentence] + fact.span.start - edition.sentences[fact.sentence].span.start
        for op, span in enumerate(spans):
            if span[lo] <= pos < span[lo + 1]:
                out[k] = op
                break
    return out


def _measure_words(fact: Fact) -> frozenset[str]:
    return frozenset(normalize(fact.measure).split())


def _rarity(word_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each measure word over all the facts' measures."""
    sets = list(word_sets)
    df: Counter[str] = Counter()
    for s in sets:
        df.update(s)
    n = len(sets)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _weighted_dice(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    shared = sum(weight.get(w, 1.0) for w in a & b)
    total = sum(weight.get(w, 1.0) for w in a) + sum(weight.get(w, 1.0) for w in b)
    return 2 * shared / total if total else 0.0


def _neighbourhoods(links: Sequence[Link], n_old: int) -> dict[int, tuple[int, int]]:
    """For each old sentence, the range of new sentences it is close to: where it and its neighbours went,
    widened by `LOCAL_WINDOW`."""
    went: dict[int, list[int]] = {}
    for link in links:
        if link.old and link.new:
            for i in link.old:
                went[i] = list(link.new)
    out: dict[int, tuple[int, int]] = {}
    for i in range(n_old):
        targets = [j for k in (i - 1, i, i + 1) for j in went.get(k, ())]
        if targets and max(targets) - min(targets) > MAX_NEIGHBOURHOOD:
            # The neighbours went far apart (a move): only where the sentence itself went counts.
            targets = list(went.get(i, ()))
        if targets:
            out[i] = (max(0, min(targets) - LOCAL_WINDOW), max(targets) + LOCAL_WINDOW)
    return out


# --- substantive or cosmetic ------------------------------------------------------------------------------------

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ARTICLES = frozenset({"a", "an", "the"})
_NEGATIONS = frozenset({"not", "no", "never", "none", "nor", "neither", "without", "cannot", "nothing", "n't"})
_MODALS = frozenset(
    {"will", "would", "may", "might", "can", "could", "shall", "should", "must", "likely", "unlikely", "perhaps"}
)
MIN_CONTENT_WORDS = 3
"""How many content words (not function words, not another form of a word already there) must change for
an edit to be substantive on that ground alone."""
MIN_CONTENT_SHARE = 0.2
"""...and what share of the old sentence's content words: a long sentence reworded for clarity changes more
words than a short one. Both chosen on the train splits of arXivEdits and IteraTeR-HUMAN for mean accuracy
(scripts/score_substantive.py --split train --sweep): 3 and 0.2 are within 0.001 of the best (4 and 0.2),
and 4 would call a clause naming a new party ("... by the committee and the national governors
association") cosmetic."""


@dataclass(frozen=True, slots=True)
class EditKind:
    substantive: bool
    reasons: tuple[str, ...]
    """Why: "figure", "negation", "modality", "name", "content", or for a cosmetic edit "form"."""


def _norm_words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORDS.findall(text)]


def _same_word(a: str, b: str) -> bool:
    """Another form of the same word: equal stems, or a typo (one or two letters apart in a long word)."""
    if stem(a) == stem(b):
        return True
    if a.isdigit() or b.isdigit():
        return False
    return min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= (1 if min(len(a), len(b)) < 8 else 2)


def classify_edit(
    ops: Sequence[WordOp],
    *,
    min_content_words: int | None = None,
    min_content_share: float | None = None,
    triggers: bool = True,
) -> EditKind:
    """Whether the word operations of an edited link change what the sentence says (see the module's
    docstring for the rules). `min_content_words`: how many content words must come, go or be replaced
    for that alone to make the edit substantive (default `MIN_CONTENT_WORDS`), `min_content_share`: and
    what share of the old text's content words (default `MIN_CONTENT_SHARE`); `triggers=False` ignores
    figures, negation, modality and names (for measuring what they add)."""
    if min_content_words is None and min_content_share is None and triggers and isinstance(ops, tuple):
        # The default question is asked of the same edit by the comparison (stats, brief) and again by what
        # shows it (the web page, the text report): answered once.
        return _classify_default(ops)
    return _classify(ops, min_content_words, min_content_share, triggers)


@functools.lru_cache(maxsize=4_096)
def _classify_default(ops: tuple[WordOp, ...]) -> EditKind:
    return _classify(ops, None, None, True)


def _classify(
    ops: Sequence[WordOp], min_content_words: int | None, min_content_share: float | None, triggers: bool
) -> EditKind:
    need = MIN_CONTENT_WORDS if min_content_words is None else min_content_words
    reasons: list[str] = []
    if triggers:
        # Triggers look at the whole sentences: a word that only moved within the sentence is no change.
        old_text = "".join(o for _, o, _ in ops)
        new_text = "".join(n for _, _, n in ops)
        wa, wb = Counter(_norm_words(old_text)), Counter(_norm_words(new_text))
        changed = set((wa - wb) | (wb - wa))
        if any(any(ch.isdigit() for ch in w) for w in changed):
            reasons.append("figure")
        if changed & _NEGATIONS or any(w.endswith("n't") for w in changed):
            reasons.append("negation")
        if changed & _MODALS:
            reasons.append("modality")
        # A name counts as changed only when its word is gone from (or new to) the other sentence in any case.
        names_a = {n for n in _names(old_text) if n not in wb}
        names_b = {n for n in _names(new_text) if n not in wa}
        if (names_a or names_b) and not _all_same_words(names_a, names_b):
            reasons.append("name")
    content_changed = 0
    for op, old_part, new_part in ops:
        if op == EQUAL:
            continue
        pa, pb = _norm_words(old_part), _norm_words(new_part)
        only_a = Counter(pa) - Counter(pb)
        only_b = Counter(pb) - Counter(pa)
        # What is left after dropping articles and pairing forms of the same word.
        rest_a = [w for w in only_a.elements() if w not in _ARTICLES]
        rest_b = [w for w in only_b.elements() if w not in _ARTICLES]
        for w in list(rest_a):
            match = next((v for v in rest_b if _same_word(w, v)), None)
            if match is not None:
                rest_a.remove(w)
                rest_b.remove(match)
        # A replaced word counts once: the larger of what went and what came.
        content_changed += max(
            sum(1 for w in rest_a if w not in EDIT_FUNCTION_WORDS),
            sum(1 for w in rest_b if w not in EDIT_FUNCTION_WORDS),
        )
    share = MIN_CONTENT_SHARE if min_content_share is None else min_content_share
    if share:
        old_content = sum(1 for w in _norm_words("".join(o for _, o, _ in ops)) if w not in EDIT_FUNCTION_WORDS)
        need = max(need, math.ceil(share * old_content))
    if need and content_changed >= need:
        reasons.append("content")
    unique = tuple(dict.fromkeys(reasons))
    return EditKind(bool(unique), unique or ("form",))


# A capitalized word not right after sentence-ending punctuation, an opening quote or parenthesis.
_CAPITALIZED = re.compile(r"(?<![.!?:;\"“‘(])(?<![.!?:;\"“‘(]\s)\b[A-Z][^\W_]*(?:['’][^\W_]+)*")


_NOT_NAMES = EDIT_FUNCTION_WORDS | {"mr", "mrs", "ms", "dr"}
"""Capitalized words that name no one: function words and honorifics ("Mr. Smith" → "Smith" changes no name)."""


def _names(sentence: str) -> set[str]:
    """Capitalized words of two letters or more (a lone "U" of "U.S.", a list letter, are not names) not
    starting a sentence (or a quotation): names, roughly."""
    first = len(sentence) - len(sentence.lstrip())
    return {
        m.group().lower()
        for m in _CAPITALIZED.finditer(sentence)
        if m.start() != first and len(m.group()) > 1 and m.group().lower() not in _NOT_NAMES
    }


def _all_same_words(a: set[str], b: set[str]) -> bool:
    only_a, only_b = a - b, b - a
    return bool(only_a) and len(only_a) == len(only_b) and all(any(_same_word(x, y) for y in only_b) for x in only_a)
