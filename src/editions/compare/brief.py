"""The brief: what changed, most important first, each item located and cited, nothing invented.

Order: figure changes, new statements, dropped statements, substantive rewording, then one line counting
cosmetic edits. Every item's text is a fixed template filled only with the editions' own words (quoted
figures, quoted sentences or the quoted words of a change) and the section headings the editions print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from editions.compare.changes import classify_edit
from editions.compare.words import EQUAL, changed_share
from editions.model import BriefItem, Citations, Edition, Fact, FactChange, FactChangeKind, Link, LinkKind

MAX_QUOTE = 240
"""Longest sentence quoted whole in an item; longer ones are cut at a word with "…"."""
CONTEXT_WORDS = 8
MAX_CHANGES_QUOTED = 3

_SPACE = re.compile(r"\s+")
NO_SECTION = "(before the first heading)"


def section_name(edition: Edition, sentence: int) -> str:
    """The heading path of a sentence, as the edition prints it ("Overview", "Regional Relations › Taiwan")."""
    path = edition.sentences[sentence].section
    return " › ".join(path) if path else NO_SECTION


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


def _figure_item(old: Edition, new: Edition, change: FactChange) -> BriefItem:
    a, b = change.old, change.new
    cites = Citations(old=(a.sentence,) if a else (), new=(b.sentence,) if b else ())
    if a is not None and b is not None:
        where = section_name(new, b.sentence)
        was = section_name(old, a.sentence)
        located = where if was == where else f"{where} (was {was})"
        text = f"{located}: {_quote(old.text_of(a))} → {_quote(new.text_of(b))} — {_context(new, b)}"
        return BriefItem(text, "figure", cites)
    if b is not None:
        return BriefItem(f"{section_name(new, b.sentence)}: figure added — {_context(new, b)}", "figure", cites)
    assert a is not None
    return BriefItem(f"{section_name(old, a.sentence)}: figure dropped — {_context(old, a)}", "figure", cites)


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


def brief(
    old: Edition,
    new: Edition,
    links: Sequence[Link],
    fact_changes: Sequence[FactChange],
    *,
    min_change: float = 0.0,
    substantive: Sequence[bool] | None = None,
) -> tuple[BriefItem, ...]:
    """The brief of a comparison; edits changing less than `min_change` of their words are left out.
    `substantive[k]` (when given) says whether link k's edit is substantive, else `classify_edit` is asked."""
    items: list[BriefItem] = []
    linked_old = {i for link in links if link.old and link.new for i in link.old}
    linked_new = {j for link in links if link.old and link.new for j in link.new}
    for change in fact_changes:
        # Added or dropped figures are reported here only inside a sentence that stayed; a new or dropped
        # sentence is reported whole below.
        kept = (
            change.kind is FactChangeKind.CHANGED
            or (change.new is not None and change.old is None and change.new.sentence in linked_new)
            or (change.old is not None and change.new is None and change.old.sentence in linked_old)
        )
        if kept:
            items.append(_figure_item(old, new, change))
    for link in links:
        if link.kind is LinkKind.ADDED:
            j = link.new[0]
            text = f"{section_name(new, j)}: {_quote(_shorten(new.text_of(new.sentences[j])))}"
            items.append(BriefItem(text, "new", Citations(new=link.new)))
    for link in links:
        if link.kind is LinkKind.DELETED:
            i = link.old[0]
            text = f"{section_name(old, i)}: {_quote(_shorten(old.text_of(old.sentences[i])))}"
            items.append(BriefItem(text, "dropped", Citations(old=link.old)))
    cosmetic: list[Link] = []
    for k, link in enumerate(links):
        if link.kind in (LinkKind.SAME, LinkKind.ADDED, LinkKind.DELETED):
            continue
        changed = any(op != EQUAL for op, _, _ in link.words)
        if changed and changed_share(link.words) < min_change:
            continue
        cites = Citations(old=link.old, new=link.new)
        where = section_name(new, link.new[0])
        if link.kind is LinkKind.MOVED:
            text = f"{where}: moved from {section_name(old, link.old[0])}"
            if changed:
                text += f"; {_change_words(link.words)}"
            items.append(BriefItem(text, "moved", cites))
            continue
        if not changed:
            continue
        if not (substantive[k] if substantive is not None else classify_edit(link.words).substantive):
            cosmetic.append(link)
            continue
        shape = ""
        if link.kind is LinkKind.SPLIT:
            shape = f" (one sentence split into {len(link.new)})"
        elif link.kind is LinkKind.MERGED:
            shape = f" ({len(link.old)} sentences merged into one)"
        items.append(BriefItem(f"{where}{shape}: {_change_words(link.words)}", "reworded", cites))
    if cosmetic:
        n = len(cosmetic)
        text = f"{n} cosmetic edit{'s' if n > 1 else ''} (punctuation, case, articles or word forms only)"
        items.append(
            BriefItem(
                text,
                "cosmetic",
                Citations(
                    old=tuple(i for link in cosmetic for i in link.old),
                    new=tuple(j for link in cosmetic for j in link.new),
                ),
            )
        )
    if not items:
        if all(link.kind is LinkKind.SAME for link in links):
            text = "No change: every sentence of the two editions is the same, in the same order."
        else:
            text = f"No change of at least {min_change:.0%} of a sentence's words."
        items.append(BriefItem(text, "unchanged", Citations()))
    return tuple(items)
