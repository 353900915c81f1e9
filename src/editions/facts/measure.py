"""What a figure measures, in normalized words, and how alike two such measures are.

`measure_for` reads the words around a fact inside its sentence: to the right, up to the next fact or
clause boundary (the noun it counts, its "of …"/"in …" phrase: "source of foreign direct investment into
the United States"); to the left, back to the previous fact or boundary (the subject: "Japanese
investors are the …"). When the fact sits in a parenthetical ("U.S. troops—currently around 54,000—and
…") the words before the parenthetical are used. The words are then normalized: lowercase, "U.S." /
"United States" / "America" → "usa", nationality adjectives → country ("Japanese" → "japan"), plurals to
singular with a few suffix rules ("treasuries" → "treasury"), and stopwords dropped (articles,
prepositions such as "in"/"into"/"of", auxiliaries, pronouns, approximation words).

`measure_similarity(a, b)` is the Dice coefficient of the two word sets, halved when exactly one side
speaks of a former state ("former prime minister" vs "prime minister"). It is symmetric, in [0, 1], and
1.0 for equal non-empty measures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from editions.facts._found import alternation, lower
from editions.vocabulary import MEASURE_STOPWORDS

_ALIASES = re.compile(
    r"\b(?:the\s+)?United\s+States(?:['’]s?|\b)|\bU\.S\.A?\.?(?:['’]s?)?|\bUSA\b|\bUS\b|\bAmerica\b(?:['’]s?)?",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
# A hard boundary: the measure does not reach across it.
_BOUNDARY_WORDS = "and but while whereas which who whom because although though despite including compared versus or"
# Matched against the lower-cased sentence (`_found.lower`): a case-sensitive trie is faster.
_BOUNDARY = re.compile(rf"[;:()\[\]—–!?,]|\s-\s|\b{alternation(_BOUNDARY_WORDS.split())}\b")
NATIONALITY_WORDS = {
    "japanese": "japan", "american": "usa", "chinese": "china", "korean": "korea", "russian": "russia",
    "ukrainian": "ukraine", "indian": "india", "australian": "australia", "taiwanese": "taiwan",
    "british": "uk", "french": "france", "german": "germany", "canadian": "canada", "mexican": "mexico",
    "okinawan": "okinawa", "european": "europe",
}  # fmt: skip
_IRREGULAR = {"is": "be", "are": "be", "was": "be", "were": "be", "has": "have", "had": "have",
              "people": "person", "children": "child", "men": "man", "women": "woman", "data": "data",
              "series": "series", "species": "species", "news": "news", "analysis": "analysis"}  # fmt: skip
_STATUS_WORDS = frozenset({"former", "ex", "late", "outgoing", "previous"})
MAX_SIDE_CHARS = 120
"""How far to each side of a fact the measure looks: keeps the work per fact constant."""
MAX_RIGHT_WORDS = 7
MAX_LEFT_WORDS = 4


def lemma(word: str) -> str:
    """Lowercase and singular, by a few suffix rules; nationality adjectives become their country."""
    w = word.lower().strip("’'-")
    if w.endswith(("’s", "'s")):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in NATIONALITY_WORDS:
        return NATIONALITY_WORDS[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    return w


@lru_cache(maxsize=1 << 16)
def _normalized(word: str) -> str | None:
    """One word as a measure has it, or None when it is a stopword."""
    if word.lower() in MEASURE_STOPWORDS:
        return None
    w = lemma(word)
    if w in MEASURE_STOPWORDS or w == "be" or w == "have" or (len(w) < 2 and w != "x"):
        return None
    return w


def _has_alias(text: str) -> bool:
    return "U" in text or "America" in text


def normalize_words(text: str) -> list[str]:
    """The content words of `text`, normalized, in order (duplicates kept)."""
    if _has_alias(text):
        text = _ALIASES.sub(" usa ", text)
    normalized = map(_normalized, _WORD.findall(text))
    return [w for w in normalized if w is not None]


def _content_words(text: str, limit: int, *, from_end: bool = False) -> list[str]:
    """The first (or, `from_end`, the last) `limit` words `normalize_words` would give for `text`, in order,
    without normalizing the words beyond them."""
    if _has_alias(text):
        text = _ALIASES.sub(" usa ", text)
    raw = _WORD.findall(text)
    out: list[str] = []
    for word in reversed(raw) if from_end else raw:
        w = _normalized(word)
        if w is not None:
            out.append(w)
            if len(out) == limit:
                break
    if from_end:
        out.reverse()
    return out


def normalize(text: str) -> str:
    """`normalize_words` joined by spaces, each word once."""
    return " ".join(dict.fromkeys(normalize_words(text)))


def _right_context(sentence: str, end: int, stop: int) -> tuple[str, bool]:
    """Text after a fact up to the next boundary; and whether a boundary came right away."""
    limit = min(stop, end + MAX_SIDE_CHARS)
    window = sentence[end:limit]
    b = _BOUNDARY.search(lower(sentence)[end:limit])
    if b is None:
        return window, False
    return window[: b.start()], not window[: b.start()].strip()


def _left_context(sentence: str, start: int, stop: int, cross: bool) -> str:
    """Text before a fact back to the previous boundary (or one boundary further when `cross`)."""
    low = max(stop, start - MAX_SIDE_CHARS)
    window = sentence[low:start]
    bounds = list(_BOUNDARY.finditer(lower(sentence)[low:start]))
    if not bounds:
        return window
    last = bounds[-1]
    if cross and last.group() in ("—", "–", "(", ",", " - "):
        earlier = bounds[-2].end() if len(bounds) > 1 else 0
        return window[earlier : last.start()] + " " + window[last.end() :]
    return window[last.end() :]


def measure_for(sentence: str, start: int, end: int, previous_end: int = 0, next_start: int | None = None) -> str:
    """The normalized measure of the fact at [start, end) of `sentence`, with the neighbouring facts'
    edges (`previous_end`, `next_start`) as limits."""
    stop = len(sentence) if next_start is None else next_start
    right_text, right_blocked = _right_context(sentence, end, stop)
    right = _content_words(right_text, MAX_RIGHT_WORDS)
    cross = right_blocked or len(right) < 2
    left_text = _left_context(sentence, start, previous_end, cross)
    left = _content_words(left_text, MAX_LEFT_WORDS + (3 if cross else 0), from_end=True)
    if not left and not right:
        # "In 2021, Japan was …": a figure standing alone before a comma is about the clause after it.
        limit = min(stop, end + MAX_SIDE_CHARS)
        pos = end
        while pos < limit and sentence[pos] in " ,":
            pos += 1
        right = _content_words(_right_context(sentence, pos, limit)[0], MAX_RIGHT_WORDS)
    return " ".join(dict.fromkeys([*left, *right]))


def office_measure(office: str, nation: str | None = None) -> str:
    words = normalize_words(office)
    if nation:
        words.insert(1 if words and words[0] == "former" else 0, nation)
    return " ".join(dict.fromkeys(words))


def measure_similarity(a: str, b: str) -> float:
    """How alike two measures are, in [0, 1]: Dice over their word sets, halved when only one of them
    speaks of a former state. Inputs may be raw text or already-normalized measures."""
    wa = set(normalize_words(a))
    wb = set(normalize_words(b))
    if not wa or not wb:
        return 0.0
    score = 2 * len(wa & wb) / (len(wa) + len(wb))
    if bool(wa & _STATUS_WORDS) != bool(wb & _STATUS_WORDS):
        score /= 2
    return score


def best_match(measure: str, candidates: Sequence[str]) -> int | None:
    """Index of the candidate measure most similar to `measure` (the first on ties), or None if no
    candidate shares a word with it."""
    best: int | None = None
    best_score = 0.0
    for i, candidate in enumerate(candidates):
        score = measure_similarity(measure, candidate)
        if score > best_score:
            best, best_score = i, score
    return best
