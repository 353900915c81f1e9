"""One edition's facts as `settle` asks about them (their measure, context and neighbouring words, the noun a
quantity counts, a list item's label and lead-in, the facts that may state a value), each computed when first
asked."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from editions.compare.claims.settings import (
    ACRONYM_CHARS,
    CONTEXT_CHARS,
    COUNTED_NOUN_CHARS,
    MAX_CANDIDATES,
    NEIGHBOUR_CHARS,
    NEIGHBOURS,
)
from editions.compare.claims.values import TIME_KINDS, Key, filed_keys, sought_keys, year_written
from editions.facts.measure import lemma, normalize_words
from editions.model import BlockKind, Edition, Fact

_PLAIN_WORD = re.compile(r"[a-z][a-z'’-]*")
_GLUE = frozenset(["a", "an", "the", "of", "in", "on", "to", "and", "or", "for", "by", "at", "as", "with", "from"])
_WORDS_BEFORE = re.compile(r"[A-Za-z][\w-]*")
_DEFINED = re.compile(r"\(([A-Z][A-Z0-9-]{1,9})\)")
_COUNTED_NOUN = re.compile(r"\s*(?:[-–]\s*)?([A-Za-z][A-Za-z-]*)")


class EditionFacts:
    """One edition's facts with what `settle` asks of them, each computed when first asked."""

    def __init__(
        self, edition: Edition, facts: Sequence[Fact], moving: Sequence[Fact], weight: dict[str, float]
    ) -> None:
        self.edition = edition
        self.weight = weight
        self._measure_weight: dict[int, float] = {}
        self.facts = facts
        self.moving = moving
        """The facts that did not stay as they were: changed, added, removed."""
        self._moving_by_key: dict[Key, list[Fact]] | None = None
        self._year: dict[int, bool] = {}
        self._measure: dict[int, frozenset[str]] = {}
        self._context: dict[int, frozenset[str]] = {}
        self._neighbours: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._defined: dict[str, int] | None = None
        self._by_key: dict[Key, list[Fact]] | None = None
        self._acronyms: dict[str, str] = {}
        self._times: dict[int, set[str]] | None = None

    def times(self, fact: Fact) -> set[str]:
        """The years its sentence dates things to ("In May 2022, …" → {"2022"}): a quantity's time qualifier."""
        if self._times is None:
            self._times = defaultdict(set)
            for f in self.edition.facts:
                if f.kind in TIME_KINDS and isinstance(f.value, str | int) and self.year(f):
                    self._times[f.sentence].add(str(f.value)[:4])
        return self._times.get(fact.sentence, set())

    def year(self, fact: Fact) -> bool:
        if fact.kind not in TIME_KINDS or len(str(fact.value)) < 7:
            return True  # a number, or a year: nothing a reader could have supplied
        k = id(fact)
        if k not in self._year:
            self._year[k] = year_written(self.edition, fact)
        return self._year[k]

    def measure_words(self, fact: Fact) -> frozenset[str]:
        """The words of the fact's measure (facts hands it over normalized: `editions.facts.measure`)."""
        k = id(fact)
        if k not in self._measure:
            self._measure[k] = frozenset(fact.measure.split())
        return self._measure[k]

    def measure_weight(self, fact: Fact) -> float:
        """The summed rarity of the fact's measure words."""
        k = id(fact)
        if k not in self._measure_weight:
            self._measure_weight[k] = sum(self.weight.get(w, 1.0) for w in self.measure_words(fact))
        return self._measure_weight[k]

    def context_words(self, fact: Fact) -> frozenset[str]:
        """The words around the fact in its sentence (other figures' words too: here they are context)."""
        k = id(fact)
        if k not in self._context:
            self._context[k] = frozenset(normalize_words(self._window(fact, CONTEXT_CHARS)))
        return self._context[k]

    def neighbours(self, fact: Fact) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The `NEIGHBOURS` content words just before and just after the fact in its sentence."""
        k = id(fact)
        if k not in self._neighbours:
            # Plain lower-case words without the commonest function words: cheaper than a measure's
            # normalization, and asked of every candidate.
            left, right = self._window(fact, NEIGHBOUR_CHARS).lower().split("\0")
            lw = [w for w in _PLAIN_WORD.findall(left) if w not in _GLUE]
            rw = [w for w in _PLAIN_WORD.findall(right) if w not in _GLUE]
            self._neighbours[k] = (tuple(lw[-NEIGHBOURS:]), tuple(rw[:NEIGHBOURS]))
        return self._neighbours[k]

    def _window(self, fact: Fact, chars: int) -> str:
        """The text of the fact's sentence up to `chars` each side of it, the fact itself cut out ("\\0")."""
        span = self.edition.sentences[fact.sentence].span
        text = self.edition.text
        return (
            text[max(span.start, fact.span.start - chars) : fact.span.start]
            + "\0"
            + text[fact.span.end : min(span.end, fact.span.end + chars)]
        )

    def stating_moving(self, fact: Fact, year: bool) -> list[Fact]:
        """This edition's facts that did not stay (`kept`) and may state `fact`'s value."""
        if self._moving_by_key is None:
            self._moving_by_key = defaultdict(list)
            for f in self.moving:
                for key in filed_keys(f, self.year(f)):
                    self._moving_by_key[key].append(f)
        return [f for key in sought_keys(fact, year) for f in self._moving_by_key.get(key, ())]

    def stating_year(self, year: str) -> list[Fact]:
        """This edition's facts that may state the year `year` ("2025")."""
        if self._by_key is None:
            self._index()
        assert self._by_key is not None
        return self._by_key.get(("year", year), [])

    def _index(self) -> None:
        self._by_key = defaultdict(list)
        for f in self.facts:
            for key in filed_keys(f, self.year(f)):
                self._by_key[key].append(f)

    def stating(self, fact: Fact, year: bool, near: int) -> list[Fact]:
        """This edition's facts that may state `fact`'s value (`stated_equal` decides): all of them, or when
        the value is common (a year of a long report), the `MAX_CANDIDATES` nearest to sentence `near`, so
        that the work per figure does not grow with the report."""
        if self._by_key is None:
            self._index()
        assert self._by_key is not None
        return [f for key in sought_keys(fact, year) for f in nearest(self._by_key.get(key, ()), near)]

    def section(self, fact: Fact) -> tuple[str, ...]:
        return self.edition.sentences[fact.sentence].section

    def counted_noun(self, fact: Fact) -> str | None:
        """What a quantity counts: its unit, else the noun right after it; an acronym the edition defines
        stands for its head noun ("412 LPBs" → "boat" when the edition says "Light Patrol Boat
        (LPB)")."""
        if fact.unit and fact.kind == "count":
            unit = lemma(fact.unit)
            return self.head_noun(unit)
        sentence_end = self.edition.sentences[fact.sentence].span.end
        text = self.edition.text[fact.span.end : min(sentence_end, fact.span.end + COUNTED_NOUN_CHARS)]
        text = _LEADING_OF.sub("", text)
        m = _COUNTED_NOUN.match(text)
        if m is None:
            return None
        words = normalize_words(m.group(1))
        if not words:
            return None
        return self.head_noun(words[0])

    def head_noun(self, word: str) -> str:
        """The head noun of an acronym the edition defines ("lpb" → "boat" where it says "Light Patrol
        Boat (LPB)"); any other word as it is."""
        if word not in self._acronyms:
            if self._defined is None:
                self._defined = {}
                for m in _DEFINED.finditer(self.edition.text):
                    self._defined.setdefault(m.group(1), m.start())
            head = word
            acronym = word.upper()
            at = self._defined.get(acronym, -1)
            if at > 0:
                letters = acronym.replace("-", "")
                before = _WORDS_BEFORE.findall(self.edition.text[max(0, at - ACRONYM_CHARS) : at])[-len(letters) :]
                if len(before) >= 2 and "".join(w[0] for w in before).upper() == letters:
                    head = lemma(before[-1])
            self._acronyms[word] = head
        return self._acronyms[word]

    def label(self, fact: Fact) -> frozenset[str] | None:
        """The words of a list item's label before its figure ("LPB-T: 21 boats" → {"lpb-t"}); None when
        the fact is not in a labelled list item. A label of the whole ("TOTAL = 398") gives no words: it
        measures what the lead-in names."""
        sentence = self.edition.sentences[fact.sentence]
        if self.edition.blocks[sentence.block].kind is not BlockKind.LIST_ITEM:
            return None
        m = _LABEL.match(self.edition.text[sentence.span.start : fact.span.start])
        if m is None:
            return None
        words = frozenset(normalize_words(m.group(1)))
        return frozenset() if words & _WHOLE else words

    def same_passage(self, a: Fact, b: Fact) -> bool:
        """Whether a year stated by both facts qualifies one passage: they share a paragraph, or their
        section's heading states it ("Cuts to Planned FY2034 … Purchases")."""
        sa, sb = self.edition.sentences[a.sentence], self.edition.sentences[b.sentence]
        if sa.block == sb.block:
            return True
        if sa.section != sb.section or not sa.section:
            return False
        return re.search(rf"(?<!\d){re.escape(str(a.value))}(?!\d)", sa.section[-1]) is not None

    def sentence_words(self, fact: Fact) -> frozenset[str]:
        return frozenset(normalize_words(self.edition.text_of(self.edition.sentences[fact.sentence])))

    def lead_in(self, fact: Fact) -> str:
        """For a fact in a list item: the sentence that introduces the list (ends with a colon), else ""."""
        sentences, blocks = self.edition.sentences, self.edition.blocks
        i = fact.sentence
        if blocks[sentences[i].block].kind is not BlockKind.LIST_ITEM:
            return ""
        while i > 0 and blocks[sentences[i].block].kind is BlockKind.LIST_ITEM:
            i -= 1
        text = self.edition.text_of(sentences[i]).rstrip()
        return text if text.endswith(":") and blocks[sentences[i].block].kind is not BlockKind.LIST_ITEM else ""


_LABEL = re.compile(r"^\s*([^:=]{1,60}?)\s*[:=]\s*$")
_WHOLE = frozenset({"total", "overall", "all", "combined", "sum"})
_LEADING_OF = re.compile(r"^\s*(?:of\s+)?(?:the\s+)?", re.IGNORECASE)


def nearest(facts: Sequence[Fact], sentence: int) -> Sequence[Fact]:
    """The `MAX_CANDIDATES` of `facts` (ordered by sentence) nearest to `sentence`."""
    if len(facts) <= MAX_CANDIDATES:
        return facts
    at = _bisect_sentence(facts, sentence)
    lo = max(0, min(at - MAX_CANDIDATES // 2, len(facts) - MAX_CANDIDATES))
    return facts[lo : lo + MAX_CANDIDATES]


def _bisect_sentence(facts: Sequence[Fact], sentence: int) -> int:
    """The first position in `facts` (ordered by sentence) whose sentence is not before `sentence`."""
    lo, hi = 0, len(facts)
    while lo < hi:
        mid = (lo + hi) // 2
        if facts[mid].sentence < sentence:
            lo = mid + 1
        else:
            hi = mid
    return lo
