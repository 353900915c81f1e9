"""How much changed, counted on content sentences and their words (never on page furniture).

- `old_sentences`, `new_sentences`: how many content sentences each edition has.
- `share_<kind>` for each link kind: the share of all sentences of both editions (old + new) in links of that
  kind. The shares add up to 1 (0 everywhere when both editions are empty).
- `words_changed`: the share of words of both editions inside a change — every word of an added or deleted
  sentence, the words of the changed operations of an edited, moved, split or merged link. Unlike
  "1 − similarity of the raw pages" it does not move when only the page around the text changes.
- `sentences_changed`: the share of sentences not in a `same` link (a moved sentence counts as changed).
- `edits_substantive`, `edits_cosmetic`: how many edited, moved, split or merged links change what is said.
- `figures_changed`, `figures_added`, `figures_removed`: counts of fact changes by kind.
- `shown_changed`, `shown_added`, `shown_removed`: the same counts of the fact changes the brief shows (those of
  the report's argument, not of its notes and references): what the stats line says.
"""

from __future__ import annotations

from collections.abc import Sequence

from editions.compare.words import EQUAL, count_words
from editions.model import BriefItem, FactChange, FactChangeKind, Link, LinkKind


def stats(
    links: Sequence[Link],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    fact_changes: Sequence[FactChange],
    brief: Sequence[BriefItem] = (),
) -> dict[str, float]:
    """The figures above, from the links' verdicts (`Link.substantive`) and the brief's items."""
    n_old, n_new = len(old_texts), len(new_texts)
    total = n_old + n_new
    by_kind = dict.fromkeys(LinkKind, 0)
    changed_words = all_words = 0
    n_substantive = n_cosmetic = 0
    for link in links:
        by_kind[link.kind] += len(link.old) + len(link.new)
        words = sum(count_words(old_texts[i]) for i in link.old) + sum(count_words(new_texts[j]) for j in link.new)
        all_words += words
        if link.kind in (LinkKind.ADDED, LinkKind.DELETED):
            changed_words += words
        elif link.kind is not LinkKind.SAME:
            changed_words += sum(count_words(o) + count_words(n) for op, o, n in link.words if op != EQUAL)
            if any(op != EQUAL for op, _, _ in link.words):
                if link.substantive:
                    n_substantive += 1
                else:
                    n_cosmetic += 1
    out: dict[str, float] = {"old_sentences": float(n_old), "new_sentences": float(n_new)}
    for kind in LinkKind:
        out[f"share_{kind}"] = by_kind[kind] / total if total else 0.0
    out["sentences_changed"] = (total - by_kind[LinkKind.SAME]) / total if total else 0.0
    out["words_changed"] = changed_words / all_words if all_words else 0.0
    out["edits_substantive"] = float(n_substantive)
    out["edits_cosmetic"] = float(n_cosmetic)
    for change_kind in FactChangeKind:
        out[f"figures_{change_kind}"] = float(sum(1 for c in fact_changes if c.kind is change_kind))
    shown = {n for item in brief for n in item.fact_changes}
    for change_kind in FactChangeKind:
        out[f"shown_{change_kind}"] = float(sum(1 for n in shown if fact_changes[n].kind is change_kind))
    return out
