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
by (`NEAR` sentences), for a specific value, or when a measure has fewer than two words (the figure stands
at a clause's edge: "(FY2037)"), the words around the figures may decide (`CONTEXT_THRESHOLD`); and the same
`NEIGHBOURS` words right before or right after both figures ("the third and last LPB model") always do.
A value stated very often is compared with its `MAX_CANDIDATES` nearest statements only.

Values are compared at the precision both editions state (`stated_equal`): a date printed without its year
("On June 14") was given one by the reader, and two such readings of one edition date may differ.

Rules 1 and 2 are `settle` itself, here; rule 3 is `across`; `values` holds what a fact states and the keys it
is filed under, `side` one edition's facts as `settle` asks of them, `settings` the thresholds above.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from editions.compare.claims.across import changed_across
from editions.compare.claims.agreement import STATUS_WORDS, dice, measure_agreement
from editions.compare.claims.settings import (
    ACROSS_THRESHOLD,
    CONTEXT_CHARS,
    CONTEXT_THRESHOLD,
    GENERIC_THRESHOLD,
    MAX_CANDIDATES,
    NEAR,
    NEIGHBOUR_CHARS,
    NEIGHBOURS,
    RESTATED_THRESHOLD,
    SAME_SIZE,
)
from editions.compare.claims.side import EditionFacts, nearest
from editions.compare.claims.values import (
    Key,
    filed_keys,
    group,
    is_specific,
    reading_position,
    sought_keys,
    stated_equal,
    units_agree,
    year_written,
)
from editions.model import Edition, Fact, FactChange, FactChangeKind

__all__ = [
    "ACROSS_THRESHOLD",
    "CONTEXT_CHARS",
    "CONTEXT_THRESHOLD",
    "GENERIC_THRESHOLD",
    "MAX_CANDIDATES",
    "NEIGHBOURS",
    "NEIGHBOUR_CHARS",
    "RESTATED_THRESHOLD",
    "SAME_SIZE",
    "STATUS_WORDS",
    "Found",
    "Key",
    "Relation",
    "group",
    "measure_agreement",
    "settle",
    "stated_equal",
    "units_agree",
    "year_written",
]


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
    o = EditionFacts(old, old_facts, [f for f in old_facts if id(f) not in found.kept_old], weight)
    n = EditionFacts(new, new_facts, [f for f in new_facts if id(f) not in found.kept_new], weight)

    def compatible(xs: EditionFacts, x: Fact, ys: EditionFacts, y: Fact, how: str) -> bool:
        if xs is ys and x.sentence == y.sentence:
            # One sentence states a date twice to say one thing ("In 1988, … the Act of 1988"), but two
            # equal numbers in it are two figures ("the second-largest investor and second-largest holder").
            return group(x) == "time"
        if how == "linked":
            return True
        mx, my = xs.measure_words(x), ys.measure_words(y)
        lenient = how == "near" or is_specific(x)
        shared = mx & my
        if shared:
            # Dice with each word weighted by its rarity (`measure_agreement`), the totals kept per fact.
            score = 2 * sum(weight.get(w, 1.0) for w in shared) / (xs.measure_weight(x) + ys.measure_weight(y))
            if bool(mx & STATUS_WORDS) != bool(my & STATUS_WORDS):
                score /= 2
            if score >= (RESTATED_THRESHOLD if lenient else GENERIC_THRESHOLD):
                return True
        if (lenient or min(len(mx), len(my)) < 2) and dice(
            xs.context_words(x), ys.context_words(y)
        ) >= CONTEXT_THRESHOLD:
            return True
        # The same words right next to the figure: "the third and last LPB model", "by two years, to
        # start July 1".
        (lx, rx), (ly, ry) = xs.neighbours(x), ys.neighbours(y)
        return (len(rx) == NEIGHBOURS and rx == ry) or (len(lx) == NEIGHBOURS and lx == ly)

    def restates(xs: EditionFacts, x: Fact, ys: EditionFacts, y: Fact, how: str) -> bool:
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

    def still_stated(
        xs: EditionFacts, x: Fact, kept: frozenset[int], changed: set[int], ys: EditionFacts, old_side: bool
    ) -> bool:
        """Rule 1: the value stays in the edition where it stayed or changed, or appears in the other one."""
        for y in xs.stating(x, xs.year(x), x.sentence):
            how = "near" if abs(x.sentence - y.sentence) <= NEAR else "far"
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
    for a, b in sorted(found.changed, key=lambda p: reading_position(p[1])):
        keys = [(ka, kb) for ka in sought_keys(a, o.year(a)) for kb in sought_keys(b, n.year(b))]
        same = [p for key in keys for p in changed_by_key.get(key, ())[-MAX_CANDIDATES:]]
        if not any(restates(o, a, o, a2, "far") and restates(n, b, n, b2, "far") for a2, b2 in same):
            changed.append((a, b))
            for ka in filed_keys(a, o.year(a)):
                for kb in filed_keys(b, n.year(b)):
                    changed_by_key[(ka, kb)].append((a, b))

    moved, removed, added = changed_across(o, n, removed, added, alone_old, alone_new, weight)
    changed.extend(moved)

    out = [FactChange(FactChangeKind.CHANGED, b.measure or a.measure, a, b) for a, b in changed]
    out.extend(FactChange(FactChangeKind.ADDED, f.measure, None, f) for f in added)
    out.extend(FactChange(FactChangeKind.REMOVED, f.measure, f, None) for f in removed)
    return out


def _one_per_claim(
    side: EditionFacts, facts: Iterable[Fact], restates: Callable[[EditionFacts, Fact, EditionFacts, Fact, str], bool]
) -> list[Fact]:
    """Rule 2: of facts stating one claim, the first; of years of one value within one passage, the first;
    a range of years whose ends the passage states ("FY2034-FY2035" after "FY2034 and FY2035") not at all."""
    kept: list[Fact] = []
    by_key: dict[Key, list[Fact]] = defaultdict(list)
    for f in sorted(facts, key=reading_position):
        if f.kind == "range" and _ends_stated(side, f):
            continue
        same = [k for key in sought_keys(f, side.year(f)) for k in by_key.get(key, ())[-MAX_CANDIDATES:]]
        if any(
            (f.kind == "year" and k.kind == "year" and f.value == k.value and side.same_passage(f, k))
            or restates(side, f, side, k, "near" if side.section(f) == side.section(k) else "far")
            for k in same
        ):
            continue
        kept.append(f)
        for key in filed_keys(f, side.year(f)):
            by_key[key].append(f)
    return kept


def _ends_stated(side: EditionFacts, fact: Fact) -> bool:
    """Whether both ends of a range of years are years stated in the range's passage."""
    ends = str(fact.value).split("/")
    if len(ends) != 2 or not all(len(e) == 4 and e.isdigit() for e in ends):
        return False
    return all(
        any(
            y.kind == "year" and y.value == end and side.same_passage(fact, y)
            for y in nearest(side.stating_year(end), fact.sentence)
        )
        for end in ends
    )
