"""Compare two editions: aligned sentences, word redline, figure changes, stats and a cited brief.

>>> import editions
>>> comparison = editions.compare(editions.read("old.md"), editions.read("new.md"))
>>> [item.text for item in comparison.brief][:3]

The stages (DESIGN.md): `align` pairs the content sentences (`Edition.sentences`: furniture is never among
them) into links of seven kinds; `words` adds the word operations of every link that is not `same`,
`added` or `deleted`, and each link gets compare's verdict (`Link.substantive`, `Link.changed`); `changes`
finds the figure changes; `brief` writes the summary (a headline, then grouped items); `stats` counts. What is
decided here is carried in the Comparison: renderers and the web only read it.

The optional semantic extra plugs into `similarity`: any function giving the similarity, in [0, 1], of every
old text to every new text (see `editions.compare.align.SimilarityFn`). Without it the lexical scorer is used.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from editions.compare.align import DEFAULT_PARAMS, AlignParams, SimilarityFn, align, lexical_similarity
from editions.compare.brief import brief as make_brief
from editions.compare.brief import section_name
from editions.compare.changes import EditKind, classify_edit, fact_changes
from editions.compare.stats import stats as make_stats
from editions.compare.words import changed_share, word_ops
from editions.model import Comparison, Edition, Link, LinkKind

__all__ = [
    "AlignParams",
    "EditKind",
    "SimilarityFn",
    "align",
    "changed_share",
    "classify_edit",
    "collector_paused",
    "compare",
    "is_substantive",
    "lexical_similarity",
    "section_name",
    "word_ops",
]

_WORDED = (LinkKind.EDITED, LinkKind.MOVED, LinkKind.SPLIT, LinkKind.MERGED)


def compare(
    old: Edition,
    new: Edition,
    *,
    min_change: float = 0.0,
    params: AlignParams = DEFAULT_PARAMS,
    similarity: SimilarityFn | None = None,
) -> Comparison:
    """What changed from `old` to `new`.

    `min_change` (0–1) leaves out of the brief the edits that change less than that share of their words
    (after the headline is chosen, so every other item is the same at any setting); links, figure changes and
    stats always cover everything, and renderers can filter a comparison made at 0 the same way. `params` and
    `similarity` tune the aligner."""
    if not 0.0 <= min_change <= 1.0:
        raise ValueError(f"min_change must be between 0 and 1, not {min_change}")
    with collector_paused():
        return _compare(old, new, min_change=min_change, params=params, similarity=similarity)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while comparing (and, in the web app, while a compare page is built):
    the comparison makes hundreds of thousands of small
    tuples and no reference cycles, and every full collection walks all live objects, the two editions
    included, so its cost grew faster than the editions (benchmarks/compare.py --pages 1000; figures in
    docs/quality.md). Refcounting still frees everything; the collector is restored as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compare(
    old: Edition, new: Edition, *, min_change: float, params: AlignParams, similarity: SimilarityFn | None
) -> Comparison:
    old_texts = [old.text_of(s) for s in old.sentences]
    new_texts = [new.text_of(s) for s in new.sentences]
    links = [
        _with_verdict(dataclasses.replace(link, words=_words(link, old_texts, new_texts)))
        if link.kind in _WORDED
        else _with_verdict(link)
        for link in align(old_texts, new_texts, params=params, similarity=similarity)
    ]
    changes = fact_changes(old, new, links)
    brief = make_brief(old, new, links, changes, min_change=min_change)
    return Comparison(
        old=old,
        new=new,
        links=tuple(links),
        fact_changes=changes,
        stats=make_stats(links, old_texts, new_texts, changes, brief),
        brief=brief,
    )


def _with_verdict(link: Link) -> Link:
    """The link with compare's verdict on it: whether it is substantive and the share of its words changed."""
    if link.kind is LinkKind.SAME:
        return link
    if link.kind in (LinkKind.ADDED, LinkKind.DELETED):
        return dataclasses.replace(link, substantive=True, changed=1.0)
    return dataclasses.replace(link, substantive=is_substantive(link), changed=changed_share(link.words))


def _words(link: Link, old_texts: list[str], new_texts: list[str]) -> tuple[tuple[str, str, str], ...]:
    return word_ops(" ".join(old_texts[i] for i in link.old), " ".join(new_texts[j] for j in link.new))


def is_substantive(link: Link) -> bool:
    """Whether a link changes what is said: added and deleted always do, `same` never; an edit does when
    `classify_edit` says so."""
    if link.kind in (LinkKind.ADDED, LinkKind.DELETED):
        return True
    if link.kind is LinkKind.SAME or all(op == "equal" for op, _, _ in link.words):
        return False
    return classify_edit(link.words).substantive
