"""The brief: what changed, the news first, each item located and cited, nothing invented.

The brief opens with a *headline*: at most `HEADLINE_SIZE` items ranked by salience, read only from general
features of each item (what kind of change it is, the role of its sentences, whether it states figures, how
long its sentences are). Then the rest, grouped: figures, new and dropped sections, new statements, dropped
statements, rewording, moves, then one line for notes and references and one for cosmetic edits.

Grouping: a section whose every sentence is new (dropped) and whose heading the other edition lacks is one
item with its sentence count; a run of consecutive new (dropped) sentences of one section is one item (a list
run with its lead-in is a list); moved sentences from one section to another are one item; notes, source lines
and references are one line counting what was added, dropped, renumbered (only their numbers changed) and
edited. Every fact change of the report's argument is shown by exactly one item, which carries its index.

Every item's text is a fixed template filled only with the editions' own words (quoted figures, quoted
sentences or the quoted words of a change) and the section headings the editions print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from editions.compare.words import EQUAL
from editions.model import (
    BlockKind,
    BriefItem,
    Citations,
    Edition,
    Fact,
    FactChange,
    FactChangeKind,
    Link,
    LinkKind,
    Role,
)
from editions.vocabulary import SECTION_SEPARATOR, section_label

MAX_QUOTE = 240
"""Longest sentence quoted whole in an item; longer ones are cut at a word with "…"."""
MAX_RUN_QUOTE = 320
"""Longest quote of a run of sentences (a new passage, list or section)."""
CONTEXT_WORDS = 8
MAX_CHANGES_QUOTED = 3
HEADLINE_SIZE = 7
NEW_SECTION_SHARE = 0.75
"""Share of a section's sentences that must be new (dropped), its heading absent from the other edition, for it
to be reported as a new (dropped) section."""
HEADLINE_MIN_SALIENCE = 25.0
"""What the headline takes: figures, sections, statements and rewording of the argument; never a bare move,
nor what ranks last (captions, table cells, references, fragments)."""
MIN_WORDS = 4
"""A sentence of fewer words is a fragment (a table cell, a label): ranked last."""

_SPACE = re.compile(r"\s+")
_NUMBER_ONLY = re.compile(r"[\W\d_]*\d[\W\d_]*")
_TIME_KINDS = frozenset({"date", "year"})
_NOTE_ROLES = frozenset({Role.NOTE, Role.SOURCE, Role.REFERENCE})

GROUPS = (
    "Figures",
    "New and dropped sections",
    "New statements",
    "Dropped statements",
    "Reworded",
    "Moved",
    "Notes and references",
    "Cosmetic edits",
)
"""The groups after the headline, in the order they are listed."""


def lead_name(edition: Edition) -> str:
    """What the text before an edition's first heading is: a report's summary, another product's
    introduction; the whole text when there is no heading."""
    if not any(b.kind is BlockKind.HEADING for b in edition.blocks):
        return "Text"
    return "Summary" if edition.product == "Report" else "Introduction"


def section_name(edition: Edition, sentence: int, lead: str | None = None) -> str:
    """The heading path of a sentence, as the edition prints it ("Overview", "Regional Relations › Taiwan");
    for a sentence before the first heading, what that text is ("Summary", "Introduction"). A caller naming
    many sentences passes `lead`, the edition's `lead_name`, found once: finding it reads every block."""
    path = edition.sentences[sentence].section
    return section_label(path, lead if lead is not None else lead_name(edition))


def _shorten(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def _quote(text: str) -> str:
    return f"“{text}”"


def _context(edition: Edition, fact: Fact) -> str:
    """The words around a fact in its sentence, quoted as written, with ellipses where cut."""
    sentence = edition.sentences[fact.sentence]
    text = edition.text
    start, end = fact.span.start, fact.span.end
    gaps_before = [m.start() for m in _SPACE.finditer(text, sentence.span.start, start)]
    gaps_after = [m.end() for m in _SPACE.finditer(text, end, sentence.span.end)]
    left = gaps_before[-CONTEXT_WORDS] + 1 if len(gaps_before) >= CONTEXT_WORDS else sentence.span.start
    right = gaps_after[CONTEXT_WORDS - 3] - 1 if len(gaps_after) >= CONTEXT_WORDS - 2 else sentence.span.end
    out = " ".join(text[left:right].split())
    prefix = "…" if left > sentence.span.start else ""
    suffix = "…" if right < sentence.span.end else ""
    return _quote(prefix + out + suffix)


def _change_words(words: Sequence[tuple[str, str, str]]) -> str:
    parts: list[str] = []
    changes = [(op, o.strip(), n.strip()) for op, o, n in words if op != EQUAL]
    for op, o, n in changes[:MAX_CHANGES_QUOTED]:
        if op == "insert":
            parts.append(f"+ {_quote(_shorten(n, 120))}")
        elif op == "delete":
            parts.append(f"− {_quote(_shorten(o, 120))}")
        else:
            parts.append(f"{_quote(_shorten(o, 120))} → {_quote(_shorten(n, 120))}")
    if len(changes) > MAX_CHANGES_QUOTED:
        parts.append(f"(+{len(changes) - MAX_CHANGES_QUOTED} more changes)")
    return "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(slots=True)
class _Draft:
    """An item before ranking: its text and what salience is read from."""

    text: str
    kind: str
    group: str
    old: tuple[int, ...] = ()
    new: tuple[int, ...] = ()
    facts: list[int] = field(default_factory=list)
    changed: float = 1.0
    salience: float = 0.0
    order: tuple[int, int] = (0, 0)


class _Sides:
    """What the brief reads of the two editions: each sentence's role, words and block kind."""

    def __init__(self, old: Edition, new: Edition) -> None:
        self.old, self.new = old, new
        self.leads = {"old": lead_name(old), "new": lead_name(new)}

    def edition(self, side: str) -> Edition:
        return self.old if side == "old" else self.new

    def section(self, side: str, k: int) -> str:
        return section_name(self.edition(side), k, self.leads[side])

    def role(self, side: str, k: int) -> Role:
        return self.edition(side).sentences[k].role

    def is_note(self, side: str, k: int) -> bool:
        return self.role(side, k) in _NOTE_ROLES

    def words(self, side: str, k: int) -> int:
        return len(self.edition(side).text_of(self.edition(side).sentences[k]).split())

    def in_list(self, side: str, k: int) -> bool:
        e = self.edition(side)
        return e.blocks[e.sentences[k].block].kind is BlockKind.LIST_ITEM

    def text(self, side: str, indices: Sequence[int]) -> str:
        e = self.edition(side)
        return " ".join(e.text_of(e.sentences[k]) for k in indices)


def _salience(d: _Draft, sides: _Sides, fact_changes: Sequence[FactChange]) -> float:
    """How much a reader wants to see this item first, from general features only:
    a changed figure in body prose > a new or dropped section > a figure added or dropped in a kept sentence
    > a statement with figures > one without > rewording > a move (a run of new or dropped sentences gains with
    its length); a date or year changing (often only the
    qualifier of another figure) ranks below a quantity, and one added to or dropped from a kept sentence
    below a new or dropped statement; items whose sentences are all captions, table cells,
    references or fragments of fewer than `MIN_WORDS` words rank last."""
    changes = [fact_changes[n] for n in d.facts]
    quantities = [c for c in changes if _is_quantity(c)]
    if d.kind == "figure":
        changed = [c for c in changes if c.kind is FactChangeKind.CHANGED]
        changed_quantity = any(_is_quantity(c) for c in changed)
        # A date or year added to or dropped from a kept sentence is most often a qualifier retouched: below
        # a new statement.
        score = (100.0 if changed_quantity else 75.0) if changed else (70.0 if quantities else 38.0)
        score += min(len(changes), 5)
    elif d.kind == "section":
        score = 90.0 + min(len(d.old) + len(d.new), 10)
    elif d.kind in ("new", "dropped", "list"):
        score = 60.0 if quantities else 55.0 if changes else 40.0
        # A run of new (dropped) sentences weighs with its length: ten new sentences are news as a section is.
        score += min(len(changes), 5) + 3 * min(len(d.old) + len(d.new) - 1, 10)
    elif d.kind == "reworded":
        score = 30.0
    elif d.kind == "moved":
        score = 20.0
    else:
        return 0.0
    cited = [("old", i) for i in d.old] + [("new", j) for j in d.new]
    prose = [
        (side, k)
        for side, k in cited
        if sides.role(side, k) is Role.BODY and (sides.words(side, k) >= MIN_WORDS or sides.in_list(side, k))
    ]
    if cited and not prose:
        score = score / 10  # captions, table cells, notes, references and fragments: last
    return score


def _is_quantity(change: FactChange) -> bool:
    fact = change.new if change.new is not None else change.old
    return fact is not None and fact.kind not in _TIME_KINDS


def brief(
    old: Edition,
    new: Edition,
    links: Sequence[Link],
    fact_changes: Sequence[FactChange],
    *,
    min_change: float = 0.0,
) -> tuple[BriefItem, ...]:
    """The brief of a comparison whose `links` carry compare's verdicts (`Link.substantive`, `Link.changed`).
    Items reporting edits that change less than `min_change` of their words are left out."""
    sides = _Sides(old, new)
    drafts: list[_Draft] = []
    notes = {"added": 0, "dropped": 0, "renumbered": 0, "edited": 0, "retouched (punctuation, case)": 0, "moved": 0}
    note_old: list[int] = []
    note_new: list[int] = []
    cosmetic: list[Link] = []

    link_of_old = {i: k for k, link in enumerate(links) for i in link.old}
    link_of_new = {j: k for k, link in enumerate(links) for j in link.new}

    # --- figure changes: where each is shown -------------------------------------------------------------
    facts_in_run_old: dict[int, list[int]] = {}
    facts_in_run_new: dict[int, list[int]] = {}
    figure_drafts: dict[tuple[object, ...], _Draft] = {}
    for n, change in enumerate(fact_changes):
        a, b = change.old, change.new
        if (a is None or sides.is_note("old", a.sentence)) and (b is None or sides.is_note("new", b.sentence)):
            continue  # a number of a note or reference is no figure of the report
        if change.kind is not FactChangeKind.CHANGED:
            fact = b if b is not None else a
            assert fact is not None
            side = "new" if b is not None else "old"
            at = (link_of_new if side == "new" else link_of_old).get(fact.sentence)
            if at is None or links[at].kind in (LinkKind.ADDED, LinkKind.DELETED):
                (facts_in_run_new if side == "new" else facts_in_run_old).setdefault(fact.sentence, []).append(n)
                continue
            key: tuple[object, ...] = ("link", at)
        else:
            assert a is not None and b is not None
            at_old, at_new = link_of_old.get(a.sentence), link_of_new.get(b.sentence)
            key = ("link", at_old) if at_old is not None and at_old == at_new else ("pair", a.sentence, b.sentence)
        draft = figure_drafts.get(key)
        if draft is None:
            draft = figure_drafts[key] = _Draft("", "figure", "Figures")
        draft.facts.append(n)
    for draft in figure_drafts.values():
        _figure_text(draft, sides, fact_changes)
        drafts.append(draft)
    figure_links = {key[1] for key in figure_drafts if key[0] == "link"}

    # --- new and dropped sentences: sections, lists and runs -------------------------------------------------
    for side, kind in (("new", LinkKind.ADDED), ("old", LinkKind.DELETED)):
        edition = sides.edition(side)
        other = sides.edition("old" if side == "new" else "new")
        gone = sorted(k for link in links if link.kind is kind for k in (link.new if side == "new" else link.old))
        content = [k for k in gone if not sides.is_note(side, k)]
        for k in gone:
            if sides.is_note(side, k):
                notes["added" if side == "new" else "dropped"] += 1
                (note_new if side == "new" else note_old).append(k)
        facts_in = facts_in_run_new if side == "new" else facts_in_run_old
        drafts.extend(_runs(sides, side, edition, other, set(content), facts_in))

    # --- kept sentences: rewording, moves, notes, cosmetic edits ---------------------------------------------
    moves: dict[tuple[str, str], list[Link]] = {}
    for k, link in enumerate(links):
        if link.kind in (LinkKind.SAME, LinkKind.ADDED, LinkKind.DELETED):
            continue
        changed = any(op != EQUAL for op, _, _ in link.words)
        if all(sides.is_note("old", i) for i in link.old) and all(sides.is_note("new", j) for j in link.new):
            if link.kind is LinkKind.MOVED and not changed:
                notes["moved"] += 1
            elif changed and _only_numbers(link.words):
                notes["renumbered"] += 1
            elif changed:
                notes["edited" if link.substantive else "retouched (punctuation, case)"] += 1
            else:
                continue
            note_old.extend(link.old)
            note_new.extend(link.new)
            continue
        if link.kind is LinkKind.MOVED:
            moves.setdefault((sides.section("old", link.old[0]), sides.section("new", link.new[0])), []).append(link)
            continue
        if not changed or k in figure_links:
            continue
        if not link.substantive:
            cosmetic.append(link)
            continue
        shape = ""
        if link.kind is LinkKind.SPLIT:
            shape = f" (one sentence split into {len(link.new)})"
        elif link.kind is LinkKind.MERGED:
            shape = f" ({len(link.old)} sentences merged into one)"
        where = sides.section("new", link.new[0])
        drafts.append(
            _Draft(
                f"{where}{shape}: {_change_words(link.words)}",
                "reworded",
                "Reworded",
                link.old,
                link.new,
                changed=link.changed,
            )
        )
    for (was, now), moved in moves.items():
        old_ids = tuple(i for link in moved for i in link.old)
        new_ids = tuple(j for link in moved for j in link.new)
        worded = [link for link in moved if any(op != EQUAL for op, _, _ in link.words)]
        if was.rsplit(SECTION_SEPARATOR, 1)[-1] == now.rsplit(SECTION_SEPARATOR, 1)[-1]:
            # The section itself moved (under another heading, or to another place).
            title = _quote(now.rsplit(SECTION_SEPARATOR, 1)[-1])
            text = f"section {title} moved ({_plural(len(moved), 'sentence')})"
            if was != now:
                text += f": was {was}, now {now}"
            if len(moved) == 1 and worded:
                text += f"; {_change_words(worded[0].words)}"
        elif len(moved) == 1:
            text = f"{now}: moved from {was}"
            if worded:
                text += f"; {_change_words(worded[0].words)}"
        else:
            first = _quote(_shorten(sides.text("new", new_ids[:1])))
            text = f"{now}: {_plural(len(moved), 'sentence')} moved from {was} — {first}"
        drafts.append(
            _Draft(text, "moved", "Moved", old_ids, new_ids, changed=max((link.changed for link in moved), default=0.0))
        )

    # --- rank, pick the headline, group the rest --------------------------------------------------------------
    for d in drafts:
        d.salience = _salience(d, sides, fact_changes)
        d.order = (min(d.new) if d.new else len(new.sentences), min(d.old) if d.old else 0)
    ranked = sorted(drafts, key=lambda d: (-d.salience, d.order))
    headline = _headline([d for d in ranked if d.salience >= HEADLINE_MIN_SALIENCE])
    chosen = {id(d) for d in headline}
    rest = sorted(
        (d for d in drafts if id(d) not in chosen), key=lambda d: (GROUPS.index(d.group), -d.salience, d.order)
    )
    # The headline is chosen from every item, then `min_change` hides small edits: what stays is the same
    # whatever the setting.
    items = list(
        with_min_change(
            [_item(d, headline=True) for d in headline] + [_item(d, headline=False) for d in rest], min_change
        )
    )

    tail: list[BriefItem] = []
    if any(notes.values()):
        counts = ", ".join(f"{n} {what}" for what, n in notes.items() if n)
        tail.append(
            BriefItem(
                f"notes and references: {counts}",
                "notes",
                Citations(old=tuple(sorted(note_old)), new=tuple(sorted(note_new))),
                group="Notes and references",
            )
        )
    cosmetic = [link for link in cosmetic if link.changed >= min_change]
    if cosmetic:
        n = len(cosmetic)
        tail.append(
            BriefItem(
                f"{n} cosmetic edit{'s' if n > 1 else ''} (punctuation, case, articles or word forms only)",
                "cosmetic",
                Citations(
                    old=tuple(i for link in cosmetic for i in link.old),
                    new=tuple(j for link in cosmetic for j in link.new),
                ),
                group="Cosmetic edits",
                changed=max(link.changed for link in cosmetic),
            )
        )
    if not items:
        if tail:
            lead = "No change in content: only notes, references, punctuation or case changed."
        elif all(link.kind is LinkKind.SAME for link in links):
            lead = "No change: every sentence of the two editions is the same, in the same order."
        else:
            lead = f"No change of at least {min_change:.0%} of a sentence's words."
        items.append(BriefItem(lead, "unchanged", Citations(), headline=True))
    return tuple(items + tail)


def _direction(d: _Draft) -> str:
    """What an item tells: a figure, something new, something gone, or another edit."""
    if d.kind == "figure":
        return "figure"
    if d.kind in ("section", "new", "dropped", "list"):
        return "new" if d.new and not d.old else "gone" if d.old and not d.new else "edit"
    return "edit"


def _headline(candidates: list[_Draft]) -> list[_Draft]:
    """The `HEADLINE_SIZE` most salient items, except that when changed figures, new text and dropped text are
    all among the candidates, each is told: the best item of a direction left out takes the place of the least
    salient item of a direction told more than once (a headline of only additions hides what was dropped)."""
    headline = candidates[:HEADLINE_SIZE]
    for direction in ("figure", "new", "gone"):
        if any(_direction(d) == direction for d in headline):
            continue
        best = next((d for d in candidates[HEADLINE_SIZE:] if _direction(d) == direction), None)
        if best is None:
            continue
        counts: dict[str, int] = {}
        for d in headline:
            counts[_direction(d)] = counts.get(_direction(d), 0) + 1
        replaceable = [k for k, d in enumerate(headline) if counts[_direction(d)] > 1]
        if replaceable:
            headline[replaceable[-1]] = best
            headline.sort(key=lambda d: (-d.salience, d.order))
    return headline


def _item(d: _Draft, *, headline: bool) -> BriefItem:
    return BriefItem(
        d.text,
        d.kind,
        Citations(old=tuple(d.old), new=tuple(d.new)),
        headline=headline,
        group="" if headline else d.group,
        fact_changes=tuple(d.facts),
        changed=d.changed,
    )


def _only_numbers(words: Sequence[tuple[str, str, str]]) -> bool:
    """Whether every change of an edit only swaps numbers (a note renumbered: "6" → "7")."""
    return all(
        (not o.strip() or _NUMBER_ONLY.fullmatch(o.strip())) and (not n.strip() or _NUMBER_ONLY.fullmatch(n.strip()))
        for op, o, n in words
        if op != EQUAL
    )


def _figure_text(d: _Draft, sides: _Sides, fact_changes: Sequence[FactChange]) -> None:
    """An item for the figure changes of one link (or one pair of sentences): each change quoted, with the
    words around the last one."""
    old, new = sides.old, sides.new
    changes = [fact_changes[n] for n in d.facts]
    d.old = tuple(dict.fromkeys(c.old.sentence for c in changes if c.old is not None))
    d.new = tuple(dict.fromkeys(c.new.sentence for c in changes if c.new is not None))
    parts: list[str] = []
    for c in changes[:MAX_CHANGES_QUOTED]:
        if c.old is not None and c.new is not None:
            parts.append(f"{_quote(old.text_of(c.old))} → {_quote(new.text_of(c.new))}")
        elif c.new is not None:
            parts.append(f"{_quote(new.text_of(c.new))} added")
        elif c.old is not None:
            parts.append(f"{_quote(old.text_of(c.old))} dropped")
    if len(changes) > MAX_CHANGES_QUOTED:
        parts.append(f"(+{len(changes) - MAX_CHANGES_QUOTED} more)")
    last = changes[-1]
    if d.new:
        where = sides.section("new", d.new[0])
        if d.old and sides.section("old", d.old[0]) != where:
            where += f" (was {sides.section('old', d.old[0])})"
    else:
        where = sides.section("old", d.old[0])
    if last.new is not None and last.old is not None and not _same_setting(old, last.old, new, last.new):
        # The figure moved to another sentence (a dropped one's measure stated anew): both settings, or the
        # reader sees the new value without what the old one was said of.
        context = f"was {_context(old, last.old)}, now {_context(new, last.new)}"
    elif last.new is not None:
        context = _context(new, last.new)
    else:
        assert last.old is not None
        context = _context(old, last.old)
    d.text = f"{where}: {'; '.join(parts)} — {context}"


SAME_SETTING = 0.5
"""Least share of words two figures' quoted settings must share to be one sentence edited in place."""
_SETTING_WORD = re.compile(r"[^\W\d_]+")


def _same_setting(old: Edition, a: Fact, new: Edition, b: Fact) -> bool:
    """Whether two facts are said in mostly the same words around them (the value changed in place, perhaps
    with other words of the sentence), so that quoting the new setting alone tells what changed."""
    words_a = {w.lower() for w in _SETTING_WORD.findall(_context(old, a))}
    words_b = {w.lower() for w in _SETTING_WORD.findall(_context(new, b))}
    union = words_a | words_b
    return not union or len(words_a & words_b) / len(union) >= SAME_SETTING


def _draft(text: str, kind: str, group: str, side: str, ids: tuple[int, ...], facts: list[int]) -> _Draft:
    if side == "new":
        return _Draft(text, kind, group, new=ids, facts=facts)
    return _Draft(text, kind, group, old=ids, facts=facts)


def _runs(
    sides: _Sides, side: str, edition: Edition, other: Edition, gone: set[int], facts_in: dict[int, list[int]]
) -> list[_Draft]:
    """Items for the new (`side` "new") or dropped sentences `gone`: whole sections the other edition lacks
    first, then runs of consecutive sentences of one section (a list when most of the run is list items)."""
    kind, group = ("new", "New statements") if side == "new" else ("dropped", "Dropped statements")
    verb = "new" if side == "new" else "dropped"
    out: list[_Draft] = []
    other_sections = set(other.sections)
    by_path: dict[tuple[str, ...], list[int]] = {}
    for k, s in enumerate(edition.sentences):
        for depth in range(1, len(s.section) + 1):
            by_path.setdefault(s.section[:depth], []).append(k)
    taken: set[int] = set()
    for path in sorted(by_path, key=len):
        members = by_path[path]
        if path in other_sections or any(k in taken for k in members):
            continue
        fresh = [k for k in members if k in gone]
        # A section the other edition has no heading for, and whose sentences are (nearly) all new: a sentence
        # or two brought in from elsewhere does not make it an old section.
        if fresh and (
            len(fresh) == len(members) or (len(fresh) >= 2 and len(fresh) >= NEW_SECTION_SHARE * len(members))
        ):
            taken.update(fresh)
            where = section_label(path[:-1], lead="")
            title = " ".join(path[-1].split())
            facts = [n for k in fresh for n in facts_in.get(k, ())]
            size = _plural(len(members), "sentence")
            if len(fresh) < len(members):
                size += f", {len(fresh)} {verb}"
            text = (
                f"{where + ': ' if where else ''}{verb} section {_quote(title)} ({size}): "
                f"{_quote(_shorten(sides.text(side, fresh), MAX_RUN_QUOTE))}"
            )
            out.append(_draft(text, "section", "New and dropped sections", side, tuple(fresh), facts))
    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        ids = tuple(run)
        listed = sum(1 for k in ids if sides.in_list(side, k))
        where = sides.section(side, ids[0])
        facts = [n for k in ids for n in facts_in.get(k, ())]
        quote = _quote(_shorten(sides.text(side, ids), MAX_RUN_QUOTE if len(ids) > 1 else MAX_QUOTE))
        if listed >= 2:
            text = f"{where}: {verb} list ({_plural(listed, 'item')}): {quote}"
            item_kind = "list"
        elif len(ids) > 1:
            text = f"{where}: {_plural(len(ids), verb + ' sentence')}: {quote}"
            item_kind = kind
        else:
            text = f"{where}: {quote}"
            item_kind = kind
        out.append(_draft(text, item_kind, group, side, ids, facts))
        run.clear()

    for k in sorted(gone - taken):
        if run and (
            k != run[-1] + 1
            or edition.sentences[k].section != edition.sentences[run[-1]].section
            or edition.sentences[k].role != edition.sentences[run[-1]].role
        ):
            flush()
        run.append(k)
    flush()
    return out


def with_min_change(items: Sequence[BriefItem], min_change: float) -> tuple[BriefItem, ...]:
    """The items a `min_change` setting shows: those reporting at least that share of changed words (figures,
    new and dropped statements always)."""
    return tuple(item for item in items if item.changed >= min_change)
