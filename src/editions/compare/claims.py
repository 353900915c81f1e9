"""Figure changes at the level of claims, not of sentences.

A report states a figure (a measure with a value) once or several times: in the summary and again in the
body, twice in one sentence ("In 1988, the state adopted the … Act of 1988"), or through a passage ("FY2034"
in every sentence of a dropped section). An edition changes a *claim* when the value of a measure changes,
when a measure appears or when it goes, not each time one of its sentences is edited. `settle` takes the
fact changes found sentence by sentence (`editions.compare.changes`) and keeps those that change a claim:

1. **Restated, not removed.** A removed fact whose value the old edition still states for a compatible measure
   where that statement stayed (an unchanged sentence, a figure matched to an equal one) or was reported as
   changed, or whose value the new edition states anywhere for a compatible measure, is no change: the value
   left one sentence and reappears in its split, moved or rewritten successor, or was only said twice.
   The same holds for added facts the other way round.
2. **One report per claim.** Of the facts left, those stating the same value for a compatible measure in one
   edition are one claim, reported once (at its first statement); a year repeated within one paragraph, or
   within a section whose heading states it, is one claim whatever its measure (a time qualifier repeated
   through a dropped passage: "FY2034" under "Cuts to Planned FY2034 … Purchases").
   Changed facts are one change when their old sides are one claim and their new sides are one claim.
3. **A measure that changed across sentences.** A quantity of a dropped sentence and one of an added sentence
   are one changed figure when they count the same noun (its unit, else the noun after it; an acronym the
   edition defines counts as its head noun: "412 LPBs" and "398 boats" once the edition says "Light Patrol
   Boat (LPB)"), share another word of their measures, their sections' headings or, for a list
   item, the list's lead-in sentence ("the fleet plan lists these purchases by model:" lends its
   words to "TOTAL = 398 boats."), and are of one size (within a factor of two: a measure that changes
   value changes it by degree). A labelled list item ("LPB-T: 21 boats") measures its label, which the
   other sentence must name; a label of the whole ("TOTAL") measures what the lead-in names. The closest
   values pair first.

Compatible measures (rules 1 and 2): in one sentence, only dates and years restate each other (two equal
numbers in one sentence are two figures); in sentences the redline links, the value alone suffices;
otherwise the measures' words, weighted by rarity, agree ≥ `RESTATED_THRESHOLD`, or ≥ `GENERIC_THRESHOLD`
for a common value (a year, "60 days", "2", "June 2019": two statements of it are often two figures). Close
by (`_NEAR` sentences), for a specific value, or when a measure has fewer than two words (the figure stands
at a clause's edge: "(FY2037)"), the words around the figures may decide (`CONTEXT_THRESHOLD`); and the same
`NEIGHBOURS` words right before or right after both figures ("the third and last LPB model") always do.
A value stated very often is compared with its `MAX_CANDIDATES` nearest statements only.

Values are compared at the precision both editions state (`stated_equal`): a date printed without its year
("On June 14") was given one by the reader, and two such readings of one edition date may differ.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from editions.facts.measure import lemma, normalize_words
from editions.model import BlockKind, Edition, Fact, FactChange, FactChangeKind

RESTATED_THRESHOLD = 0.3
GENERIC_THRESHOLD = 0.6
"""...and for a common value (a year, "60 days", "2": see `_specific`): many measures of one report take it."""
CONTEXT_THRESHOLD = 0.4
MAX_CANDIDATES = 8
"""How many statements of one value a figure is compared with (the nearest): a long report states a year
hundreds of times, and comparing with each would make the work grow with the square of the report."""
_NEAR = 2
"""Statements of one value this many sentences apart or fewer are close: their surrounding words may decide."""
NEIGHBOURS = 2
"""How many content words on one side of two figures must be the same for them to state one claim."""
NEIGHBOUR_CHARS = 40
_PLAIN_WORD = re.compile(r"[a-z][a-z'’-]*")
_GLUE = frozenset(["a", "an", "the", "of", "in", "on", "to", "and", "or", "for", "by", "at", "as", "with", "from"])
CONTEXT_CHARS = 80
"""How far each side of a fact its surrounding words reach (the words of a measure that is too short)."""
SAME_SIZE = 2.0
"""Two values more than this factor apart are not one figure changed across sentences (rule 3)."""
ACROSS_THRESHOLD = 0.2
"""Rule 3: how much the measures (with heading and lead-in words), weighted by rarity, must agree."""
_ACROSS_KINDS = frozenset({"count", "money", "percent"})
"""Rule 3 pairs quantities that count a noun; dates, years and durations that leave one sentence and appear in
another are as often two events as one event moved, and their unit (days, years) names no measure."""
_TIME = frozenset({"date", "year"})
_YEAR_WRITTEN = re.compile(r"\d{4}|(?:FY|CY)\s?\d{2}\b|['’]\d{2}\b", re.IGNORECASE)
_WORDS_BEFORE = re.compile(r"[A-Za-z][\w-]*")
_DEFINED = re.compile(r"\(([A-Z][A-Z0-9-]{1,9})\)")
_COUNTED_NOUN = re.compile(r"\s*(?:[-–]\s*)?([A-Za-z][A-Za-z-]*)")


def group(fact: Fact) -> str:
    """Kinds whose values compare with each other: a date and a year are both points in time."""
    return "time" if fact.kind in _TIME else fact.kind


def units_agree(a: Fact, b: Fact) -> bool:
    return a.unit is None or b.unit is None or a.unit.lower() == b.unit.lower()


def year_written(edition: Edition, fact: Fact) -> bool:
    """Whether a date's year is printed (a yearless "March 9" has one only as the reader resolved it)."""
    return group(fact) != "time" or bool(_YEAR_WRITTEN.search(edition.text_of(fact)))


def stated_equal(a: Fact, a_year: bool, b: Fact, b_year: bool, *, coarser: bool = True) -> bool:
    """Whether two facts state the same value, at the precision both state: numbers equal to rounding, dates
    equal at the coarser of their precisions (with `coarser`; else only at the same precision) and, when
    either date's year was not printed, on month and day alone; people equal when one name's words include
    the other's."""
    va, vb = a.value, b.value
    if isinstance(va, int | float) and isinstance(vb, int | float):
        return math.isclose(float(va), float(vb), rel_tol=1e-9, abs_tol=1e-9)
    if va is None or vb is None:
        return va is vb
    sa, sb = str(va).strip().lower(), str(vb).strip().lower()
    if sa == sb:
        return True
    if group(a) == "time" and group(b) == "time":
        if not (a_year and b_year):
            if len(sa) < 7 or len(sb) < 7:
                return False  # a yearless month or day against a bare year: nothing in common is stated
            sa, sb = sa[5:], sb[5:]
        short, long = sorted((sa, sb), key=len)
        return long == short or (coarser and long.startswith(short + "-"))
    if a.kind == "office_holder" and b.kind == "office_holder":
        wa, wb = set(sa.split()), set(sb.split())
        return wa <= wb or wb <= wa
    return False


Key = tuple[object, ...]


def _filed(fact: Fact, year: bool) -> tuple[Key, ...]:
    """The keys a fact is filed under (`year`: whether its year is printed): its kind, value and unit (a unit
    left unsaid is a unit of its own here: the work saved is worth the rare restatement missed); a date under
    its kind and year and, when it has a month, under its month and day, and a date whose year is not printed
    also among those (where a date that prints its year looks for them)."""
    v = fact.value
    if fact.kind not in _TIME:
        unit = fact.unit.lower() if fact.unit else None
        return ((fact.kind, v.lower() if isinstance(v, str) else v, unit),)
    text = str(v)
    if len(text) < 7:
        return ((fact.kind, text[:4]),)
    if year:
        return ((fact.kind, text[:4]), (fact.kind, "day", text[5:10]))
    return ((fact.kind, text[:4]), (fact.kind, "day", text[5:10]), (fact.kind, "yearless", text[5:10]))


def _sought(fact: Fact, year: bool) -> tuple[Key, ...]:
    """The keys under which the facts that may state `fact`'s value are filed (`stated_equal` decides)."""
    if fact.kind not in _TIME:
        return _filed(fact, year)
    text = str(fact.value)
    if len(text) < 7:
        return ((fact.kind, text[:4]),)
    if year:
        return ((fact.kind, text[:4]), (fact.kind, "yearless", text[5:10]))
    return ((fact.kind, "day", text[5:10]),)


class _Side:
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
                if f.kind in _TIME and isinstance(f.value, str | int) and self.year(f):
                    self._times[f.sentence].add(str(f.value)[:4])
        return self._times.get(fact.sentence, set())

    def year(self, fact: Fact) -> bool:
        if fact.kind not in _TIME or len(str(fact.value)) < 7:
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
                for key in _filed(f, self.year(f)):
                    self._moving_by_key[key].append(f)
        return [f for key in _sought(fact, year) for f in self._moving_by_key.get(key, ())]

    def stating_year(self, year: str) -> list[Fact]:
        """This edition's facts that may state the year `year` ("2025")."""
        if self._by_key is None:
            self._index()
        assert self._by_key is not None
        return self._by_key.get(("year", year), [])

    def _index(self) -> None:
        self._by_key = defaultdict(list)
        for f in self.facts:
            for key in _filed(f, self.year(f)):
                self._by_key[key].append(f)

    def stating(self, fact: Fact, year: bool, near: int) -> list[Fact]:
        """This edition's facts that may state `fact`'s value (`stated_equal` decides): all of them, or when
        the value is common (a year of a long report), the `MAX_CANDIDATES` nearest to sentence `near`, so
        that the work per figure does not grow with the report."""
        if self._by_key is None:
            self._index()
        assert self._by_key is not None
        return [f for key in _sought(fact, year) for f in _nearest(self._by_key.get(key, ()), near)]

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
        text = self.edition.text[fact.span.end : min(sentence_end, fact.span.end + 60)]
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
                before = _WORDS_BEFORE.findall(self.edition.text[max(0, at - 80) : at])[-len(letters) :]
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


STATUS_WORDS = frozenset({"former", "ex", "late", "outgoing", "previous"})


def measure_agreement(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """How alike two measures' normalized word sets are: Dice with each word weighted by its rarity (a word
    every figure's measure has, such as the report's subject country, says little), halved when only one of
    them speaks of a former state."""
    if not a or not b:
        return 0.0
    total = sum(weight.get(w, 1.0) for w in a) + sum(weight.get(w, 1.0) for w in b)
    score = 2 * sum(weight.get(w, 1.0) for w in a & b) / total if total else 0.0
    return score / 2 if bool(a & STATUS_WORDS) != bool(b & STATUS_WORDS) else score


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


Relation = Callable[[int, int], str]
"""For an old and a new sentence: "linked" (the redline pairs them), "near" (the new one is where the old
one's neighbours went) or "far"."""


@dataclass(frozen=True, slots=True)
class Found:
    """The fact changes found sentence by sentence, and which facts stayed as they were."""

    changed: Sequence[tuple[Fact, Fact]]
    added: Sequence[Fact]
    removed: Sequence[Fact]
    kept_old: frozenset[int]
    """`id` of the old facts that stayed: in unchanged sentences, or matched to an equal value."""
    kept_new: frozenset[int]


def settle(
    old: Edition,
    new: Edition,
    old_facts: Sequence[Fact],
    new_facts: Sequence[Fact],
    found: Found,
    relation: Relation,
    alone_old: frozenset[int],
    alone_new: frozenset[int],
    weight: dict[str, float],
) -> list[FactChange]:
    """The claim-level changes (see the module's docstring) from what was `found` sentence by sentence.
    `old_facts`, `new_facts`: every fact of the editions that states the argument (all sentences);
    `alone_old`, `alone_new`: the dropped and the added sentences; `weight`: rarity of measure words."""
    o = _Side(old, old_facts, [f for f in old_facts if id(f) not in found.kept_old], weight)
    n = _Side(new, new_facts, [f for f in new_facts if id(f) not in found.kept_new], weight)

    def compatible(xs: _Side, x: Fact, ys: _Side, y: Fact, how: str) -> bool:
        if xs is ys and x.sentence == y.sentence:
            # One sentence states a date twice to say one thing ("In 1988, … the Act of 1988"), but two
            # equal numbers in it are two figures ("the second-largest investor and second-largest holder").
            return group(x) == "time"
        if how == "linked":
            return True
        mx, my = xs.measure_words(x), ys.measure_words(y)
        lenient = how == "near" or _specific(x)
        shared = mx & my
        if shared:
            # Dice with each word weighted by its rarity (`measure_agreement`), the totals kept per fact.
            score = 2 * sum(weight.get(w, 1.0) for w in shared) / (xs.measure_weight(x) + ys.measure_weight(y))
            if bool(mx & STATUS_WORDS) != bool(my & STATUS_WORDS):
                score /= 2
            if score >= (RESTATED_THRESHOLD if lenient else GENERIC_THRESHOLD):
                return True
        if (lenient or min(len(mx), len(my)) < 2) and _dice(
            xs.context_words(x), ys.context_words(y)
        ) >= CONTEXT_THRESHOLD:
            return True
        # The same words right next to the figure: "the third and last LPB model", "by two years, to
        # start July 1".
        (lx, rx), (ly, ry) = xs.neighbours(x), ys.neighbours(y)
        return (len(rx) == NEIGHBOURS and rx == ry) or (len(lx) == NEIGHBOURS and lx == ly)

    def restates(xs: _Side, x: Fact, ys: _Side, y: Fact, how: str) -> bool:
        # A year and a date of that year restate each other only within one sentence ("In 2034 … on
        # May 4, 2034"); elsewhere the date says more ("by the end of FY2034" → "on September 30, 2034").
        # A month names its day ("the March 2034 draft plan", issued "on March 17, 2034").
        coarser = (xs is ys and x.sentence == y.sentence) or min(len(str(x.value)), len(str(y.value))) >= 7
        return (
            x is not y
            and x.kind == y.kind
            and units_agree(x, y)
            and stated_equal(x, xs.year(x), y, ys.year(y), coarser=coarser)
            and compatible(xs, x, ys, y, how)
        )

    changed_old = {id(a) for a, _ in found.changed}
    changed_new = {id(b) for _, b in found.changed}

    def still_stated(xs: _Side, x: Fact, kept: frozenset[int], changed: set[int], ys: _Side, old_side: bool) -> bool:
        """Rule 1: the value stays in the edition where it stayed or changed, or appears in the other one."""
        for y in xs.stating(x, xs.year(x), x.sentence):
            how = "near" if abs(x.sentence - y.sentence) <= _NEAR else "far"
            if (id(y) in kept or id(y) in changed) and restates(xs, x, xs, y, how):
                return True
        # A fact that stayed in the other edition has its twin among the facts that stayed in this one, just
        # compared: only the other edition's facts that moved, came or went are left to compare.
        for y in ys.stating_moving(x, xs.year(x)):
            how = relation(x.sentence, y.sentence) if old_side else relation(y.sentence, x.sentence)
            if restates(xs, x, ys, y, how):
                return True
        return False

    removed = [f for f in found.removed if not still_stated(o, f, found.kept_old, changed_old, n, True)]
    added = [f for f in found.added if not still_stated(n, f, found.kept_new, changed_new, o, False)]
    removed = _one_per_claim(o, removed, restates)
    added = _one_per_claim(n, added, restates)

    changed: list[tuple[Fact, Fact]] = []
    changed_by_key: dict[tuple[Key, Key], list[tuple[Fact, Fact]]] = defaultdict(list)
    for a, b in sorted(found.changed, key=lambda p: _position(p[1])):
        keys = [(ka, kb) for ka in _sought(a, o.year(a)) for kb in _sought(b, n.year(b))]
        same = [p for key in keys for p in changed_by_key.get(key, ())[-MAX_CANDIDATES:]]
        if not any(restates(o, a, o, a2, "far") and restates(n, b, n, b2, "far") for a2, b2 in same):
            changed.append((a, b))
            for ka in _filed(a, o.year(a)):
                for kb in _filed(b, n.year(b)):
                    changed_by_key[(ka, kb)].append((a, b))

    moved, removed, added = _across(o, n, removed, added, alone_old, alone_new, weight)
    changed.extend(moved)

    out = [FactChange(FactChangeKind.CHANGED, b.measure or a.measure, a, b) for a, b in changed]
    out.extend(FactChange(FactChangeKind.ADDED, f.measure, None, f) for f in added)
    out.extend(FactChange(FactChangeKind.REMOVED, f.measure, f, None) for f in removed)
    return out


def _specific(fact: Fact) -> bool:
    """Whether a value is unlikely to be stated for two measures by chance: a day, a number of three
    significant digits or more ("412", "17.25%"), a name; not "60 days", "2", "$5 million", "June 2019", nor a
    year (a report dates many things to its years)."""
    v = fact.value
    if fact.kind in _TIME:
        return len(str(v)) >= 10
    if isinstance(v, int | float):
        digits = f"{abs(float(v)):.6f}".replace(".", "").strip("0")
        return len(digits) >= 3
    return True


def _nearest(facts: Sequence[Fact], sentence: int) -> Sequence[Fact]:
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


def _position(fact: Fact) -> tuple[int, int]:
    return (fact.sentence, fact.span.start)


def _one_per_claim(
    side: _Side, facts: Iterable[Fact], restates: Callable[[_Side, Fact, _Side, Fact, str], bool]
) -> list[Fact]:
    """Rule 2: of facts stating one claim, the first; of years of one value within one passage, the first;
    a range of years whose ends the passage states ("FY2034-FY2035" after "FY2034 and FY2035") not at all."""
    kept: list[Fact] = []
    by_key: dict[Key, list[Fact]] = defaultdict(list)
    for f in sorted(facts, key=_position):
        if f.kind == "range" and _ends_stated(side, f):
            continue
        same = [k for key in _sought(f, side.year(f)) for k in by_key.get(key, ())[-MAX_CANDIDATES:]]
        if any(
            (f.kind == "year" and k.kind == "year" and f.value == k.value and side.same_passage(f, k))
            or restates(side, f, side, k, "near" if side.section(f) == side.section(k) else "far")
            for k in same
        ):
            continue
        kept.append(f)
        for key in _filed(f, side.year(f)):
            by_key[key].append(f)
    return kept


def _ends_stated(side: _Side, fact: Fact) -> bool:
    """Whether both ends of a range of years are years stated in the range's passage."""
    ends = str(fact.value).split("/")
    if len(ends) != 2 or not all(len(e) == 4 and e.isdigit() for e in ends):
        return False
    return all(
        any(
            y.kind == "year" and y.value == end and side.same_passage(fact, y)
            for y in _nearest(side.stating_year(end), fact.sentence)
        )
        for end in ends
    )


def _across(
    o: _Side,
    n: _Side,
    removed: list[Fact],
    added: list[Fact],
    alone_old: frozenset[int],
    alone_new: frozenset[int],
    weight: dict[str, float],
) -> tuple[list[tuple[Fact, Fact]], list[Fact], list[Fact]]:
    """Rule 3: a quantity of a dropped sentence and one of an added sentence that count the same noun, share
    another word of their measures (with heading and lead-in) and are of one size are one changed figure;
    the closest in value first. Sentences dated to different years state two data points, not one change."""
    candidates_new: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in added:
        if f.kind in _ACROSS_KINDS and f.sentence in alone_new and isinstance(f.value, int | float):
            noun = n.counted_noun(f)
            if noun is not None:
                candidates_new[(f.kind, noun)].append(f)
    if not candidates_new:
        return [], removed, added
    pairs: list[tuple[float, float, Fact, Fact]] = []
    for a in removed:
        if a.kind not in _ACROSS_KINDS or a.sentence not in alone_old or not isinstance(a.value, int | float):
            continue
        noun = o.counted_noun(a)
        if noun is None:
            continue
        for b in candidates_new.get((a.kind, noun), ()):
            assert isinstance(b.value, int | float)
            va, vb = float(a.value), float(b.value)
            if va <= 0 or vb <= 0 or max(va, vb) / min(va, vb) > SAME_SIZE:
                continue
            if not (_label_found(o, a, n, b) and _label_found(n, b, o, a)):
                continue
            when_a, when_b = o.times(a), n.times(b)
            if when_a and when_b and not when_a & when_b:
                continue  # "in 2022, $21 billion" and "in 2025, $20 billion": two data points, not one changed
            shared = (_extended_words(o, a) & _extended_words(n, b)) - {noun}
            agreement = sum(weight.get(w, 1.0) for w in shared)
            if agreement < ACROSS_THRESHOLD:
                continue
            pairs.append((abs(math.log(va / vb)), -agreement, a, b))
    pairs.sort(key=lambda p: (p[0], p[1], _position(p[2]), _position(p[3])))
    used: set[int] = set()
    moved: list[tuple[Fact, Fact]] = []
    for _, _, a, b in pairs:
        if id(a) in used or id(b) in used:
            continue
        used.update((id(a), id(b)))
        moved.append((a, b))
    return (
        moved,
        [f for f in removed if id(f) not in used],
        [f for f in added if id(f) not in used],
    )


def _label_found(xs: _Side, x: Fact, ys: _Side, y: Fact) -> bool:
    """A labelled list item's figure measures its label: the other figure's sentence must name it too."""
    label = xs.label(x)
    return not label or label <= ys.sentence_words(y)


def _extended_words(side: _Side, fact: Fact) -> frozenset[str]:
    """A fact's measure words with its section heading's and, in a list item, its lead-in's."""
    section = side.section(fact)
    heading = section[-1] if section else ""
    return side.measure_words(fact) | frozenset(normalize_words(heading + " " + side.lead_in(fact)))
